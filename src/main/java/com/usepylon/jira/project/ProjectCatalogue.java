package com.usepylon.jira.project;

import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.audit.AuditAction;
import com.usepylon.jira.audit.AuditLog;
import com.usepylon.jira.paging.Cursor;
import com.usepylon.jira.paging.Page;
import com.usepylon.jira.paging.PageRequest;
import com.usepylon.jira.platform.Database;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import com.usepylon.jira.tenant.OrganizationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's Jira project catalogue: which projects exist on its linked site, which are
 * enabled, which one is the default and which are blocked by Jira's app access rules. Every lookup
 * is scoped to the organization, so another tenant's projects do not exist here.
 */
@ApplicationScoped
public class ProjectCatalogue {

    /** What {@link #project} reads, from {@link #PROJECTS}. */
    static final String COLUMNS = "p.project_id, p.project_key, p.name, p.project_type, p.enabled,"
            + " p.is_default, p.blocked_at, p.blocked_reason, p.removed_at,"
            + " coalesce(e.event_count, 0) as event_count, e.last_event_at as last_event_at";

    /** Projects with their event counts, which the event inbox keeps apart; filter on unqualified ids. */
    static final String PROJECTS = "jira_project p left join project_event_count e"
            + " using (organization_id, cloud_id, project_id)";

    private final Database database;
    private final AuditLog audit;
    private final Event<OrganizationChanged> changed;
    private final Clock clock;

    public ProjectCatalogue(Database database, AuditLog audit, Event<OrganizationChanged> changed,
            Clock clock) {
        this.database = database;
        this.audit = audit;
        this.changed = changed;
        this.clock = clock;
    }

    /** The site the organization is linked to now, if any. */
    public Optional<CatalogueSite> currentSite(UUID organizationId) {
        return database.findOne(
                "select cloud_id from jira_connection where organization_id = ? and disconnected_at is null",
                row -> new CatalogueSite(organizationId, row.getString("cloud_id")), organizationId);
    }

    /** The site the organization is linked to now, or 409 that says how to connect one. */
    public CatalogueSite requireSite(UUID organizationId) {
        return currentSite(organizationId).orElseThrow(() -> new ProblemException(ProblemType.NOT_CONNECTED,
                "This organization has no Jira site connected. Connect Jira first: generate a configuration"
                        + " token in Pylon under Settings > Integrations > Jira and paste it on the Pylon"
                        + " app's page in Jira."));
    }

    /** One page of the organization's catalogue; empty while no site is linked. */
    public Page<Project> list(UUID organizationId, ProjectFilter filter, PageRequest page) {
        return currentSite(organizationId).map(site -> list(site, filter, page))
                .orElseGet(() -> new Page<>(List.of(), null));
    }

    /** One page of the catalogue, ordered by project key. Deleted and archived projects are left out. */
    public Page<Project> list(CatalogueSite site, ProjectFilter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from " + PROJECTS + """
                 where organization_id = ? and cloud_id = ? and removed_at is null
                  and (project_key, project_id) > (?, ?)""");
        List<Object> params = new ArrayList<>(List.of(site.organizationId(), site.cloudId()));
        params.addAll(page.cursor().parts(List.of("", ""), 2));
        filter.enabled().ifPresent(enabled -> {
            sql.append(" and enabled = ?");
            params.add(enabled);
        });
        filter.text().ifPresent(text -> {
            sql.append(" and (project_key ilike ? escape '\\' or name ilike ? escape '\\')");
            String pattern = "%" + text.replaceAll("([\\\\%_])", "\\\\$1") + "%";
            params.add(pattern);
            params.add(pattern);
        });
        sql.append(" order by project_key, project_id limit ?");
        params.add(page.limit() + 1);

        List<Project> rows = database.list(sql.toString(), ProjectCatalogue::project, params.toArray());
        return Page.of(rows, page.limit(), last -> Cursor.of(last.key(), last.id()));
    }

    /** Projects the ticket form may offer: enabled, not blocked, not removed, by key. */
    public List<ProjectRef> usableProjects(CatalogueSite site) {
        return database.list("""
                select project_id, project_key, name from jira_project
                where organization_id = ? and cloud_id = ? and removed_at is null and enabled
                  and blocked_at is null
                order by project_key, project_id""",
                row -> new ProjectRef(row.getString(1), row.getString(2), row.getString(3)),
                site.organizationId(), site.cloudId());
    }

    /** The chosen default project, whether or not it is still usable. */
    public Optional<DefaultProjectStatus> defaultProject(CatalogueSite site) {
        return database.findOne("select " + COLUMNS + " from " + PROJECTS
                + " where organization_id = ? and cloud_id = ? and is_default",
                row -> defaultStatus(project(row), Database.instant(row, "removed_at")),
                site.organizationId(), site.cloudId());
    }

    public ProjectCounts counts(CatalogueSite site) {
        return database.findOne("""
                select count(*) as total,
                       count(*) filter (where enabled) as enabled,
                       count(*) filter (where blocked_at is not null) as blocked
                from jira_project
                where organization_id = ? and cloud_id = ? and removed_at is null""",
                row -> new ProjectCounts(row.getInt("total"), row.getInt("enabled"), row.getInt("blocked")),
                site.organizationId(), site.cloudId()).orElseThrow();
    }

    /**
     * Marks a project as blocked by Jira's app access rules. Records the time and reason only the first
     * time; a project blocked already stays as it was.
     */
    @Transactional
    public void block(CatalogueSite site, String projectId, String reason, Actor actor) {
        Optional<Boolean> wasDefault = database.findOne("""
                update jira_project set blocked_at = ?, blocked_reason = ?
                where organization_id = ? and cloud_id = ? and project_id = ? and blocked_at is null
                returning is_default""",
                row -> row.getBoolean(1), clock.instant(), reason, site.organizationId(), site.cloudId(),
                projectId);
        wasDefault.ifPresent(isDefault -> {
            audit.record(site.organizationId(), site.cloudId(), actor, AuditAction.PROJECT_BLOCKED,
                    Map.of("projectId", projectId, "reason", reason));
            if (isDefault) {
                defaultLost(site, projectId, "blocked by Jira's app access rules", actor);
            }
            changed.fire(new OrganizationChanged(site.organizationId()));
        });
    }

    /** Clears a block after Pylon could read the project's content again. */
    @Transactional
    public void unblock(CatalogueSite site, String projectId, Actor actor) {
        int cleared = database.update("""
                update jira_project set blocked_at = null, blocked_reason = null
                where organization_id = ? and cloud_id = ? and project_id = ? and blocked_at is not null""",
                site.organizationId(), site.cloudId(), projectId);
        if (cleared > 0) {
            audit.record(site.organizationId(), site.cloudId(), actor, AuditAction.PROJECT_UNBLOCKED,
                    Map.of("projectId", projectId));
            changed.fire(new OrganizationChanged(site.organizationId()));
        }
    }

    /** Records that the default project can no longer be offered, and why. */
    @Transactional(Transactional.TxType.MANDATORY)
    void defaultLost(CatalogueSite site, String projectId, String why, Actor actor) {
        audit.record(site.organizationId(), site.cloudId(), actor,
                AuditAction.DEFAULT_PROJECT_NEEDS_ATTENTION, Map.of("projectId", projectId, "reason", why));
    }

    static Project project(ResultSet row) throws SQLException {
        Instant blockedAt = Database.instant(row, "blocked_at");
        return new Project(
                row.getString("project_id"),
                row.getString("project_key"),
                row.getString("name"),
                row.getString("project_type"),
                row.getBoolean("enabled"),
                blockedAt == null ? ProjectAccess.OK : ProjectAccess.BLOCKED,
                blockedAt,
                row.getString("blocked_reason"),
                row.getBoolean("is_default"),
                row.getLong("event_count"),
                Database.instant(row, "last_event_at"));
    }

    private static DefaultProjectStatus defaultStatus(Project project, Instant removedAt) {
        String problem = null;
        if (removedAt != null) {
            problem = "The default project " + project.key() + " was deleted or archived in Jira."
                    + " Choose another default project.";
        } else if (project.access() == ProjectAccess.BLOCKED) {
            problem = "Jira's app access rules block Pylon from the default project " + project.key() + "."
                    + " Ask a Jira admin to allow Pylon in that project, or choose another default project.";
        } else if (!project.enabled()) {
            problem = "The default project " + project.key() + " is disabled. Enable it again, or choose"
                    + " another default project.";
        }
        return new DefaultProjectStatus(project.id(), project.key(), project.name(), problem == null,
                problem);
    }
}
