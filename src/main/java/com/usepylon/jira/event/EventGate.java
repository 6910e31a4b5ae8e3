package com.usepylon.jira.event;

import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.platform.Database;
import com.usepylon.jira.project.CatalogueSite;
import com.usepylon.jira.project.ProjectCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides which Jira events Pylon processes: only those from a linked site, about a project that is
 * enabled and not blocked. A processed event goes durably into the inbox that downstream consumers
 * read; the inbox's unique key makes Atlassian's repeated deliveries of one event harmless.
 *
 * <p>An event and a settings change on the same project happen one after the other, because both
 * take the project's row: an event is processed only if the project is open when it is queued.
 */
@ApplicationScoped
public class EventGate {

    /** Events downstream consumers handle. */
    static final Set<String> SUPPORTED = Set.of("jira:issue_created", "jira:issue_updated",
            "jira:issue_deleted", "comment_created", "comment_updated", "comment_deleted");

    /** Forwarded by the app when Jira's app access rules start blocking Pylon from a project. */
    static final String ACCESS_BLOCKED = "app_access_to_objects_in_container_blocked";

    private static final String UNKNOWN = "project_unknown";

    /** The linked site and the project's state: one query, so an ignored event costs one round trip. */
    private static final String GATE = """
            select c.organization_id,
                   case when p.project_id is null or p.removed_at is not null then 'project_unknown'
                        when p.blocked_at is not null then 'project_blocked'
                        when not p.enabled then 'project_not_enabled'
                        else '' end as refusal
            from jira_connection c
            left join jira_project p on p.organization_id = c.organization_id and p.cloud_id = c.cloud_id
                                    and p.project_id = ?
            where c.cloud_id = ? and c.disconnected_at is null""";

    private final Database database;
    private final ProjectCatalogue catalogue;
    private final Clock clock;

    public EventGate(Database database, ProjectCatalogue catalogue, Clock clock) {
        this.database = database;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Processes the event if it passes the gate, and says what happened. */
    public EventOutcome admit(String cloudId, JiraEvent event) {
        if (event.projectId().isPresent() && SUPPORTED.contains(event.type())) {
            return admitToInbox(cloudId, event.projectId().get(), event);
        }
        Optional<Gate> gate = gate(cloudId, event.projectId().orElse(""));
        if (gate.isEmpty()) {
            return EventOutcome.ignored("not_connected");
        }
        if (!SUPPORTED.contains(event.type()) && !ACCESS_BLOCKED.equals(event.type())) {
            return EventOutcome.ignored("unsupported_event");
        }
        if (event.projectId().isEmpty() || gate.get().refusal().equals(UNKNOWN)) {
            return EventOutcome.ignored(UNKNOWN);
        }
        return recordBlock(gate.get().site(), event.projectId().get());
    }

    /** The linked site, and why the project is closed to events, or empty if it is open. */
    private record Gate(CatalogueSite site, String refusal) {
    }

    /** What the one statement of {@link #admitToInbox} found and did. */
    private record Admission(Gate gate, boolean processed) {
    }

    /**
     * Gate, inbox and count in one statement, so a processed event costs one round trip and one commit.
     * The project's row is locked before the event is queued, and PostgreSQL checks the row's newest
     * version as it locks it: a settings change committed meanwhile wins, and one that comes later waits
     * until the event is in. An event that conflicts with one already queued (a repeated delivery)
     * queues and counts nothing.
     */
    private EventOutcome admitToInbox(String cloudId, String projectId, JiraEvent event) {
        Optional<Admission> admission = database.findOne("with gate as (" + GATE + """
                ), open_project as (
                    select p.organization_id
                    from jira_project p join gate g on g.organization_id = p.organization_id
                    where g.refusal = '' and p.cloud_id = ? and p.project_id = ?
                      and p.enabled and p.blocked_at is null and p.removed_at is null
                    for update of p
                ), queued as (
                    insert into event_inbox (organization_id, cloud_id, project_id, webhook_event,
                                             event_timestamp, issue_id, comment_id, payload, received_at)
                    select organization_id, ?, ?, ?, ?, ?, ?, ?::jsonb, ? from open_project
                    on conflict do nothing
                    returning organization_id
                ), counted as (
                    update jira_project p set event_count = p.event_count + 1, last_event_at = ?
                    from queued q
                    where p.organization_id = q.organization_id and p.cloud_id = ? and p.project_id = ?
                    returning 1
                )
                select g.organization_id, g.refusal, exists (select 1 from counted) from gate g""",
                row -> new Admission(gate(row, cloudId), row.getBoolean(3)),
                projectId, cloudId,
                cloudId, projectId,
                cloudId, projectId, event.type(), event.timestamp(), event.issueId(), event.commentId(),
                event.payload(), clock.instant(),
                clock.instant(), cloudId, projectId);
        if (admission.isEmpty()) {
            return EventOutcome.ignored("not_connected");
        }
        if (admission.get().processed()) {
            return EventOutcome.PROCESSED;
        }
        String refusal = admission.get().gate().refusal();
        return refusal.isEmpty() ? duplicateOrLateRefusal(cloudId, projectId, event)
                : EventOutcome.ignored(refusal);
    }

    /** The project was open when the statement began, yet nothing was queued: why? */
    private EventOutcome duplicateOrLateRefusal(String cloudId, String projectId, JiraEvent event) {
        boolean queuedBefore = database.findOne("""
                select 1 from event_inbox
                where cloud_id = ? and webhook_event = ? and event_timestamp = ? and issue_id = ?
                  and comment_id = ?""",
                row -> true, cloudId, event.type(), event.timestamp(), event.issueId(), event.commentId())
                .isPresent();
        if (queuedBefore) {
            return EventOutcome.DUPLICATE;
        }
        String refusal = gate(cloudId, projectId).map(Gate::refusal).orElse("not_connected");
        return EventOutcome.ignored(refusal.isEmpty() ? UNKNOWN : refusal); // changed while it ran
    }

    private Optional<Gate> gate(String cloudId, String projectId) {
        return database.findOne(GATE, row -> gate(row, cloudId), projectId, cloudId);
    }

    private static Gate gate(ResultSet row, String cloudId) throws SQLException {
        return new Gate(new CatalogueSite(row.getObject(1, UUID.class), cloudId), row.getString(2));
    }

    private EventOutcome recordBlock(CatalogueSite site, String projectId) {
        catalogue.block(site, projectId, "Jira reported that an app access rule now blocks Pylon from this"
                + " project's content. Ask a Jira site admin to allow Pylon for this project.",
                new Actor(Actor.Type.JIRA_SITE, site.cloudId()));
        return EventOutcome.PROCESSED;
    }
}
