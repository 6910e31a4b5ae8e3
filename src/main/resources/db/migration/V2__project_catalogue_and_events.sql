-- The freshest X-Forge-Oauth-System token each site's calls carried, encrypted with AES-GCM
-- (12-byte nonce followed by ciphertext and tag). Used to call the site's Jira REST API.
create table site_system_token (
    cloud_id     text primary key,
    api_base_url text        not null,
    ciphertext   bytea       not null,
    expires_at   timestamptz not null,
    updated_at   timestamptz not null
);

-- Why a link needs a person's attention (for example Jira rejected Pylon's credentials), and the
-- state of the last catalogue sync.
alter table jira_connection
    add column attention_reason     text,
    add column attention_since      timestamptz,
    add column catalogue_synced_at  timestamptz,
    add column catalogue_sync_error text;

-- The project catalogue of an organization's site. Keyed by organization as well as site, so a site
-- relinked to another organization starts with a fresh catalogue, and the same organization
-- relinking its site keeps its choices.
create table jira_project (
    organization_id uuid        not null,
    cloud_id        text        not null,
    project_id      text        not null,
    project_key     text        not null,
    name            text        not null,
    project_type    text,
    enabled         boolean     not null default false,
    is_default      boolean     not null default false,
    blocked_at      timestamptz,
    blocked_reason  text,
    removed_at      timestamptz,
    synced_at       timestamptz not null,
    event_count     bigint      not null default 0,
    last_event_at   timestamptz,
    primary key (organization_id, cloud_id, project_id)
);

create unique index jira_project_one_default on jira_project (organization_id, cloud_id) where is_default;
create index jira_project_by_key on jira_project (organization_id, cloud_id, project_key, project_id);

-- Processed Jira events, durable, for the downstream consumers. The unique index is the dedupe key
-- that makes Atlassian's retries harmless.
create table event_inbox (
    id              bigserial primary key,
    organization_id uuid        not null,
    cloud_id        text        not null,
    project_id      text        not null,
    webhook_event   text        not null,
    event_timestamp bigint      not null,
    issue_id        text        not null default '',
    comment_id      text        not null default '',
    payload         jsonb       not null,
    received_at     timestamptz not null
);

create unique index event_inbox_dedupe
    on event_inbox (cloud_id, webhook_event, event_timestamp, issue_id, comment_id);
