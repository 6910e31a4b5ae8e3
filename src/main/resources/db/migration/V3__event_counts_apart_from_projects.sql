-- How many events each project has let through, and when the last one came. Kept apart from
-- jira_project because events are queued in batches: a batch that updated several project rows
-- could deadlock with a settings change that locks some of the same rows in another order, and
-- every event would leave a dead version of a row that the settings pages read.
create table project_event_count (
    organization_id uuid        not null,
    cloud_id        text        not null,
    project_id      text        not null,
    event_count     bigint      not null,
    last_event_at   timestamptz not null,
    primary key (organization_id, cloud_id, project_id)
);

insert into project_event_count (organization_id, cloud_id, project_id, event_count, last_event_at)
select organization_id, cloud_id, project_id, event_count, coalesce(last_event_at, synced_at)
from jira_project
where event_count > 0;

-- Replicas of the previous release still count events in these columns while a rolling update
-- replaces them, so they stay until a later migration drops them; nothing reads them any more. The
-- events those replicas let through during the rollout are in the inbox, but not in the new counts.
comment on column jira_project.event_count is 'Unused: see project_event_count. Dropped in a later release.';
comment on column jira_project.last_event_at
    is 'Unused: see project_event_count. Dropped in a later release.';
