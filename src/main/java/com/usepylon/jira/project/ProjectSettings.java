package com.usepylon.jira.project;

import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.audit.AuditAction;
import com.usepylon.jira.audit.AuditLog;
import com.usepylon.jira.platform.Database;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import com.usepylon.jira.tenant.OrganizationChanged;
import com.usepylon.jira.tenant.Organizations;
import com.usepylon.jira.tenant.PylonCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Pylon admin's choices about the catalogue: which projects are enabled, and which one is the
 * default for new tickets. Each change is one transaction, serialised per organization.
 */
@ApplicationScoped
public class ProjectSettings {

    /** The audit log keeps at most this many ids per bulk change; the counts are always complete. */
    private static final int AUDITED_IDS = 100;

    private final Database database;
    private final ProjectCatalogue catalogue;
    private final Organizations organizations;
    private final AuditLog audit;
    private final Event<OrganizationChanged> changed;

    public ProjectSettings(Database database, ProjectCatalogue catalogue, Organizations organizations,
            AuditLog audit, Event<OrganizationChanged> changed) {
        this.database = database;
        this.catalogue = catalogue;
        this.organizations = organizations;
        this.audit = audit;
        this.changed = changed;
    }

    /** Enables and disables projects, all or nothing. Unknown ids fail the whole change with 422. */
    @Transactional
    public ProjectChangeResult change(PylonCaller caller, ProjectChanges changes) {
        CatalogueSite site = lockedSite(caller);
        refuseOverlap(changes);
        refuseUnknown(site, changes);

        Actor actor = Actor.pylonUser(caller.userId());
        int enabled = setEnabled(site, changes.enable(), true, actor);
        int disabled = setEnabled(site, changes.disable(), false, actor);
        changed.fire(new OrganizationChanged(caller.organizationId()));
        return new ProjectChangeResult(enabled, disabled);
    }

    /** Makes a project the default for new tickets. It must be enabled and not blocked. */
    @Transactional
    public DefaultProjectStatus setDefault(PylonCaller caller, String projectId) {
        CatalogueSite site = lockedSite(caller);
        Project project = find(site, projectId);
        refuseUnusable(project);

        database.update("update jira_project set is_default = false where organization_id = ?"
                + " and cloud_id = ? and is_default", site.organizationId(), site.cloudId());
        database.update("update jira_project set is_default = true where organization_id = ? and cloud_id = ?"
                + " and project_id = ?", site.organizationId(), site.cloudId(), projectId);
        audit.record(site.organizationId(), site.cloudId(), Actor.pylonUser(caller.userId()),
                AuditAction.DEFAULT_PROJECT_SET, Map.of("projectId", projectId, "projectKey", project.key()));
        changed.fire(new OrganizationChanged(caller.organizationId()));
        return catalogue.defaultProject(site).orElseThrow();
    }

    /** Clears the default project. Does nothing if there is none. */
    @Transactional
    public void clearDefault(PylonCaller caller) {
        organizations.lock(caller.organizationId());
        catalogue.currentSite(caller.organizationId()).ifPresent(site -> {
            List<String> cleared = database.list("""
                    update jira_project set is_default = false
                    where organization_id = ? and cloud_id = ? and is_default
                    returning project_id""", row -> row.getString(1), site.organizationId(), site.cloudId());
            cleared.forEach(projectId -> audit.record(site.organizationId(), site.cloudId(),
                    Actor.pylonUser(caller.userId()), AuditAction.DEFAULT_PROJECT_CLEARED,
                    Map.of("projectId", projectId)));
            changed.fire(new OrganizationChanged(caller.organizationId()));
        });
    }

    private CatalogueSite lockedSite(PylonCaller caller) {
        organizations.lock(caller.organizationId());
        return catalogue.requireSite(caller.organizationId());
    }

    private int setEnabled(CatalogueSite site, List<String> projectIds, boolean enabled, Actor actor) {
        if (projectIds.isEmpty()) {
            return 0;
        }
        List<ChangedProject> touched = database.list("""
                update jira_project set enabled = ?
                where organization_id = ? and cloud_id = ? and project_id = any(?) and removed_at is null
                  and enabled <> ?
                returning project_id, is_default""",
                row -> new ChangedProject(row.getString(1), row.getBoolean(2)),
                enabled, site.organizationId(), site.cloudId(), projectIds, enabled);
        if (!touched.isEmpty()) {
            audit.record(site.organizationId(), site.cloudId(), actor,
                    enabled ? AuditAction.PROJECTS_ENABLED : AuditAction.PROJECTS_DISABLED, details(touched));
        }
        touched.stream().filter(project -> project.isDefault() && !enabled)
                .forEach(project -> catalogue.defaultLost(site, project.id(), "disabled", actor));
        return touched.size();
    }

    private record ChangedProject(String id, boolean isDefault) {
    }

    private static Map<String, Object> details(List<ChangedProject> touched) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("count", touched.size());
        details.put("projectIds", touched.stream().limit(AUDITED_IDS).map(ChangedProject::id).toList());
        return details;
    }

    private static void refuseOverlap(ProjectChanges changes) {
        Set<String> both = new HashSet<>(changes.enable());
        both.retainAll(new HashSet<>(changes.disable()));
        if (!both.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICTING_PROJECTS, "These projects are in both"
                    + " 'enable' and 'disable': "
                    + String.join(", ", both.stream().sorted().limit(20).toList())
                    + ". Put each project in one list only.")
                    .with("projectIds", both.stream().sorted().toList());
        }
    }

    private void refuseUnknown(CatalogueSite site, ProjectChanges changes) {
        Set<String> requested = new HashSet<>(changes.enable());
        requested.addAll(changes.disable());
        if (requested.size() > ProjectChanges.MAX_IDS) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Change at most "
                    + ProjectChanges.MAX_IDS + " projects at once; split the change into several requests.");
        }
        List<String> unknown = database.list("""
                select id from unnest(?::text[]) as requested(id)
                where not exists (select 1 from jira_project p where p.organization_id = ? and p.cloud_id = ?
                                  and p.project_id = requested.id and p.removed_at is null)
                order by id""",
                row -> row.getString(1), List.copyOf(requested), site.organizationId(), site.cloudId());
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemType.UNKNOWN_PROJECTS, unknown.size()
                    + " of the projects are not in this organization's Jira catalogue: "
                    + String.join(", ", unknown.stream().limit(20).toList())
                    + (unknown.size() > 20 ? ", ..." : "") + ". Nothing was changed. Refresh the catalogue if"
                    + " they were created in Jira recently, and use the ids it lists.")
                    .with("unknownProjectIds", unknown);
        }
    }

    private Project find(CatalogueSite site, String projectId) {
        return database.findOne("select " + ProjectCatalogue.COLUMNS + " from " + ProjectCatalogue.PROJECTS
                + """
                 where organization_id = ? and cloud_id = ? and project_id = ? and removed_at is null""",
                ProjectCatalogue::project, site.organizationId(), site.cloudId(), projectId)
                .orElseThrow(() -> ProblemException.notFound("There is no project with id " + projectId
                        + " in this organization's Jira catalogue. Refresh the catalogue if it was created"
                        + " recently, and pick one of the projects it lists."));
    }

    private static void refuseUnusable(Project project) {
        if (project.access() == ProjectAccess.BLOCKED) {
            throw new ProblemException(ProblemType.PROJECT_NOT_USABLE, "Project " + project.key()
                    + " cannot be the default: Jira's app access rules block Pylon from it. Ask a Jira admin"
                    + " to allow Pylon in that project, or choose another one.").with("reason", "blocked");
        }
        if (!project.enabled()) {
            throw new ProblemException(ProblemType.PROJECT_NOT_USABLE, "Project " + project.key()
                    + " cannot be the default because it is disabled. Enable it first, then make it"
                    + " the default.")
                    .with("reason", "disabled");
        }
    }
}
