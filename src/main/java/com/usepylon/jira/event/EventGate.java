package com.usepylon.jira.event;

import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.platform.Database;
import com.usepylon.jira.project.CatalogueSite;
import com.usepylon.jira.project.ProjectCatalogue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides which Jira events Pylon processes: only those from a linked site, about a project that is
 * enabled and not blocked. A processed event goes durably into the inbox that downstream consumers
 * read; the inbox's unique key makes Atlassian's repeated deliveries of one event harmless.
 *
 * <p>The gate's check and the project's event count are one conditional update of the project's row,
 * so an event and a settings change on the same project happen one after the other: an event is
 * processed only if the project was enabled when it arrived.
 */
@ApplicationScoped
public class EventGate {

    /** Events downstream consumers handle. */
    static final Set<String> SUPPORTED = Set.of("jira:issue_created", "jira:issue_updated",
            "jira:issue_deleted", "comment_created", "comment_updated", "comment_deleted");

    /** Forwarded by the app when Jira's app access rules start blocking Pylon from a project. */
    static final String ACCESS_BLOCKED = "app_access_to_objects_in_container_blocked";

    private static final String UNKNOWN = "project_unknown";

    private final Database database;
    private final ProjectCatalogue catalogue;
    private final Clock clock;

    public EventGate(Database database, ProjectCatalogue catalogue, Clock clock) {
        this.database = database;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Processes the event if it passes the gate, and says what happened. */
    @Transactional
    public EventOutcome admit(String cloudId, JiraEvent event) {
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
        CatalogueSite site = gate.get().site();
        String projectId = event.projectId().get();
        if (ACCESS_BLOCKED.equals(event.type())) {
            return recordBlock(site, projectId);
        }
        if (!gate.get().refusal().isEmpty()) {
            return EventOutcome.ignored(gate.get().refusal());
        }
        return count(site, projectId)
                ? enqueue(site, projectId, event)
                : EventOutcome.ignored(refusal(cloudId, projectId)); // changed since the gate was read
    }

    /** The linked site, and why the project is closed to events, or empty if it is open. */
    private record Gate(CatalogueSite site, String refusal) {
    }

    /** One query answers both questions, so an ignored event costs one round trip to the database. */
    private Optional<Gate> gate(String cloudId, String projectId) {
        return database.findOne("""
                select c.organization_id,
                       case when p.project_id is null or p.removed_at is not null then 'project_unknown'
                            when p.blocked_at is not null then 'project_blocked'
                            when not p.enabled then 'project_not_enabled'
                            else '' end as refusal
                from jira_connection c
                left join jira_project p on p.organization_id = c.organization_id and p.cloud_id = c.cloud_id
                                        and p.project_id = ?
                where c.cloud_id = ? and c.disconnected_at is null""",
                row -> new Gate(new CatalogueSite(row.getObject(1, UUID.class), cloudId), row.getString(2)),
                projectId, cloudId);
    }

    private String refusal(String cloudId, String projectId) {
        return gate(cloudId, projectId).map(Gate::refusal).filter(reason -> !reason.isEmpty())
                .orElse(UNKNOWN);
    }

    /** Counts the event against its project if, and only if, the project is open for events now. */
    private boolean count(CatalogueSite site, String projectId) {
        return database.update("""
                update jira_project set event_count = event_count + 1, last_event_at = ?
                where organization_id = ? and cloud_id = ? and project_id = ?
                  and enabled and blocked_at is null and removed_at is null""",
                clock.instant(), site.organizationId(), site.cloudId(), projectId) == 1;
    }

    private EventOutcome enqueue(CatalogueSite site, String projectId, JiraEvent event) {
        int inserted = database.update("""
                insert into event_inbox (organization_id, cloud_id, project_id, webhook_event,
                                         event_timestamp, issue_id, comment_id, payload, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                on conflict do nothing""",
                site.organizationId(), site.cloudId(), projectId, event.type(), event.timestamp(),
                event.issueId(), event.commentId(), event.payload(), clock.instant());
        if (inserted == 0) {
            QuarkusTransaction.setRollbackOnly(); // undo the count: this delivery is a repeat
            return EventOutcome.DUPLICATE;
        }
        return EventOutcome.PROCESSED;
    }

    private EventOutcome recordBlock(CatalogueSite site, String projectId) {
        catalogue.block(site, projectId, "Jira reported that an app access rule now blocks Pylon from this"
                + " project's content. Ask a Jira site admin to allow Pylon for this project.",
                new Actor(Actor.Type.JIRA_SITE, site.cloudId()));
        return EventOutcome.PROCESSED;
    }
}
