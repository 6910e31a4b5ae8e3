package com.usepylon.jira.event;

import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.platform.Database;
import com.usepylon.jira.project.CatalogueSite;
import com.usepylon.jira.project.ProjectCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides which Jira events Pylon processes: only those from a linked site, about a project that is
 * enabled and not blocked. Issue and comment events go to {@link EventInbox}, which gates them and
 * queues those it lets through, durably, for the downstream consumers; the inbox's unique key makes
 * Atlassian's repeated deliveries of one event harmless. This class answers the rest: events Pylon does
 * not handle, and Jira's notice that app access rules now block a project.
 */
@ApplicationScoped
public class EventGate {

    /** Events downstream consumers handle. */
    static final Set<String> SUPPORTED = Set.of("jira:issue_created", "jira:issue_updated",
            "jira:issue_deleted", "comment_created", "comment_updated", "comment_deleted");

    /** Forwarded by the app when Jira's app access rules start blocking Pylon from a project. */
    static final String ACCESS_BLOCKED = "app_access_to_objects_in_container_blocked";

    /** The linked site, and whether the project is in its catalogue. */
    private static final String SITE = """
            select c.organization_id,
                   exists (select 1 from jira_project p
                           where p.organization_id = c.organization_id and p.cloud_id = c.cloud_id
                             and p.project_id = ? and p.removed_at is null) as known
            from jira_connection c
            where c.cloud_id = ? and c.disconnected_at is null""";

    private final Database database;
    private final EventInbox inbox;
    private final ProjectCatalogue catalogue;

    public EventGate(Database database, EventInbox inbox, ProjectCatalogue catalogue) {
        this.database = database;
        this.inbox = inbox;
        this.catalogue = catalogue;
    }

    /** Processes the event if it passes the gate, and says what happened. */
    public EventOutcome admit(String cloudId, JiraEvent event) {
        if (event.projectId().isPresent() && SUPPORTED.contains(event.type())) {
            return inbox.admit(cloudId, event.projectId().get(), event);
        }
        Optional<LinkedSite> site = site(cloudId, event.projectId().orElse(""));
        if (site.isEmpty()) {
            return EventOutcome.ignored("not_connected");
        }
        if (!SUPPORTED.contains(event.type()) && !ACCESS_BLOCKED.equals(event.type())) {
            return EventOutcome.ignored("unsupported_event");
        }
        if (event.projectId().isEmpty() || !site.get().projectKnown()) {
            return EventOutcome.ignored("project_unknown");
        }
        return recordBlock(site.get().site(), event.projectId().get());
    }

    /** The site's link, and whether the event's project is in its catalogue. */
    private record LinkedSite(CatalogueSite site, boolean projectKnown) {
    }

    private Optional<LinkedSite> site(String cloudId, String projectId) {
        return database.findOne(SITE, row -> new LinkedSite(
                new CatalogueSite(row.getObject(1, UUID.class), cloudId), row.getBoolean(2)),
                projectId, cloudId);
    }

    private EventOutcome recordBlock(CatalogueSite site, String projectId) {
        catalogue.block(site, projectId, "Jira reported that an app access rule now blocks Pylon from this"
                + " project's content. Ask a Jira site admin to allow Pylon for this project.",
                new Actor(Actor.Type.JIRA_SITE, site.cloudId()));
        return EventOutcome.PROCESSED;
    }
}
