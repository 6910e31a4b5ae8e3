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
        Optional<CatalogueSite> site = linkedSite(cloudId);
        if (site.isEmpty()) {
            return EventOutcome.ignored("not_connected");
        }
        if (!SUPPORTED.contains(event.type()) && !ACCESS_BLOCKED.equals(event.type())) {
            return EventOutcome.ignored("unsupported_event");
        }
        if (event.projectId().isEmpty()) {
            return EventOutcome.ignored("project_unknown");
        }
        if (ACCESS_BLOCKED.equals(event.type())) {
            return recordBlock(site.get(), event.projectId().get());
        }
        return count(site.get(), event.projectId().get(), event)
                ? enqueue(site.get(), event.projectId().get(), event)
                : EventOutcome.ignored(whyNotEnabled(site.get(), event.projectId().get()));
    }

    private Optional<CatalogueSite> linkedSite(String cloudId) {
        return database.findOne(
                "select organization_id from jira_connection where cloud_id = ? and disconnected_at is null",
                row -> new CatalogueSite(row.getObject(1, UUID.class), cloudId), cloudId);
    }

    /** Counts the event against its project if, and only if, the project is open for events now. */
    private boolean count(CatalogueSite site, String projectId, JiraEvent event) {
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

    private String whyNotEnabled(CatalogueSite site, String projectId) {
        return database.findOne("""
                select case when removed_at is not null then 'project_unknown'
                            when blocked_at is not null then 'project_blocked'
                            else 'project_not_enabled' end
                from jira_project where organization_id = ? and cloud_id = ? and project_id = ?""",
                row -> row.getString(1), site.organizationId(), site.cloudId(), projectId)
                .orElse("project_unknown");
    }

    private EventOutcome recordBlock(CatalogueSite site, String projectId) {
        boolean known = database.findOne("""
                select 1 from jira_project
                where organization_id = ? and cloud_id = ? and project_id = ? and removed_at is null""",
                row -> true, site.organizationId(), site.cloudId(), projectId).isPresent();
        if (!known) {
            return EventOutcome.ignored("project_unknown");
        }
        catalogue.block(site, projectId, "Jira reported that an app access rule now blocks Pylon from this"
                + " project's content. Ask a Jira site admin to allow Pylon for this project.",
                new Actor(Actor.Type.JIRA_SITE, site.cloudId()));
        return EventOutcome.PROCESSED;
    }
}
