package com.usepylon.jira.project;

import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.audit.AuditAction;
import com.usepylon.jira.audit.AuditLog;
import com.usepylon.jira.jiraclient.JiraCallException;
import com.usepylon.jira.jiraclient.JiraClient;
import com.usepylon.jira.jiraclient.JiraProject;
import com.usepylon.jira.ops.OpsMetrics;
import com.usepylon.jira.platform.Database;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import com.usepylon.jira.tenant.OrganizationChanged;
import com.usepylon.jira.tenant.Organizations;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reads a site's projects from Jira and brings the organization's catalogue up to date: new projects
 * arrive disabled, so nothing is processed before an admin chooses; projects Jira no longer lists,
 * or lists as archived, leave the catalogue; enabled projects get a content read so that blocks by
 * Jira's app access rules are found.
 *
 * <p>Jira is read outside any transaction; the result is applied in one short transaction.
 */
@ApplicationScoped
public class CatalogueSync {

    private static final Logger LOG = Logger.getLogger(CatalogueSync.class);

    private final JiraClient jira;
    private final Database database;
    private final ProjectCatalogue catalogue;
    private final Organizations organizations;
    private final AuditLog audit;
    private final Event<OrganizationChanged> changed;
    private final CatalogueConfig config;
    private final OpsMetrics metrics;
    private final Clock clock;

    public CatalogueSync(JiraClient jira, Database database, ProjectCatalogue catalogue,
            Organizations organizations, AuditLog audit, Event<OrganizationChanged> changed,
            CatalogueConfig config, OpsMetrics metrics, Clock clock) {
        this.jira = jira;
        this.database = database;
        this.catalogue = catalogue;
        this.organizations = organizations;
        this.audit = audit;
        this.changed = changed;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Syncs the catalogue, answering Jira's failures as problems a Pylon admin understands.
     *
     * @param actor who asked: a Pylon admin's refresh, or the service after a link
     */
    public SyncResult sync(CatalogueSite site, Actor actor) {
        return metrics.timeCatalogueSync(() -> readAndApply(site, actor));
    }

    private SyncResult readAndApply(CatalogueSite site, Actor actor) {
        List<JiraProject> projects;
        try {
            projects = jira.searchProjects(site.cloudId());
        } catch (JiraCallException e) {
            recordFailure(site, e, actor);
            throw asProblem(e);
        }

        // Whole microseconds: PostgreSQL keeps no more, and rows not stamped with this exact time are
        // removed.
        Instant syncedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Applied applied = QuarkusTransaction.requiringNew()
                .call(() -> apply(site, projects, syncedAt, actor));
        Probed probed = probe(site, actor);
        changed.fire(new OrganizationChanged(site.organizationId()));
        return new SyncResult(applied.total(), applied.added(), applied.removed(), probed.probed(),
                probed.blocked(), probed.unblocked(), syncedAt);
    }

    /** Syncs after a link, where nobody waits for the answer; failures are recorded on the connection. */
    public void syncInBackground(CatalogueSite site) {
        try {
            SyncResult result = sync(site, Actor.SERVICE);
            LOG.infof("Synced the catalogue of site %s: %d projects", site.cloudId(), result.total());
        } catch (ProblemException e) {
            LOG.infof("Catalogue sync of site %s failed: %s", site.cloudId(), e.type().uri());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Catalogue sync of site %s failed", site.cloudId());
        }
    }

    private record Applied(int total, int added, int removed) {
    }

    private record Probed(int probed, int blocked, int unblocked) {
    }

    private Applied apply(CatalogueSite site, List<JiraProject> projects, Instant syncedAt, Actor actor) {
        organizations.lock(site.organizationId());
        if (!catalogue.currentSite(site.organizationId()).map(site::equals).orElse(false)) {
            return new Applied(0, 0, 0); // disconnected or relinked while Jira was read
        }
        List<JiraProject> live = projects.stream().filter(project -> !project.archived()).toList();
        Set<String> known = Set.copyOf(database.list("""
                select project_id from jira_project
                where organization_id = ? and cloud_id = ? and removed_at is null""",
                row -> row.getString(1), site.organizationId(), site.cloudId()));
        int added = (int) live.stream().filter(project -> !known.contains(project.id())).count();

        upsert(site, live, syncedAt);
        int removed = markRemoved(site, syncedAt, actor);
        database.update("""
                update jira_connection set catalogue_synced_at = ?, catalogue_sync_error = null,
                       attention_reason = null, attention_since = null
                where organization_id = ? and cloud_id = ? and disconnected_at is null""",
                syncedAt, site.organizationId(), site.cloudId());
        audit.record(site.organizationId(), site.cloudId(), actor, AuditAction.CATALOGUE_SYNCED,
                Map.of("total", live.size(), "added", added, "removed", removed));
        return new Applied(live.size(), added, removed);
    }

    private void upsert(CatalogueSite site, List<JiraProject> projects, Instant syncedAt) {
        database.batch("""
                insert into jira_project (organization_id, cloud_id, project_id, project_key, name,
                                          project_type, synced_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (organization_id, cloud_id, project_id) do update
                set project_key = excluded.project_key, name = excluded.name,
                    project_type = excluded.project_type, synced_at = excluded.synced_at,
                    removed_at = null""",
                projects.stream().map(project -> new Object[] {site.organizationId(), site.cloudId(),
                    project.id(), project.key(), project.name(), project.type(), syncedAt}).toList());
    }

    private int markRemoved(CatalogueSite site, Instant syncedAt, Actor actor) {
        List<Map.Entry<String, Boolean>> removed = database.list("""
                update jira_project set removed_at = ?
                where organization_id = ? and cloud_id = ? and removed_at is null and synced_at < ?
                returning project_id, is_default""",
                row -> Map.entry(row.getString(1), row.getBoolean(2)),
                syncedAt, site.organizationId(), site.cloudId(), syncedAt);
        removed.stream().filter(Map.Entry::getValue).forEach(entry ->
                catalogue.defaultLost(site, entry.getKey(), "deleted or archived in Jira", actor));
        return removed.size();
    }

    /** Reads the content of enabled projects, within the configured bound, to find and lift blocks. */
    private Probed probe(CatalogueSite site, Actor actor) {
        List<Map.Entry<String, Boolean>> candidates = database.list("""
                select project_id, blocked_at is not null as blocked from jira_project
                where organization_id = ? and cloud_id = ? and removed_at is null and enabled
                order by blocked_at is null, not is_default, project_key
                limit ?""",
                row -> Map.entry(row.getString(1), row.getBoolean(2)),
                site.organizationId(), site.cloudId(), config.probeLimit());
        int blocked = 0;
        int unblocked = 0;
        int probed = 0;
        for (Map.Entry<String, Boolean> candidate : candidates) {
            try {
                probed++;
                jira.probeProjectContent(site.cloudId(), candidate.getKey());
                if (candidate.getValue()) {
                    catalogue.unblock(site, candidate.getKey(), actor);
                    unblocked++;
                }
            } catch (JiraCallException e) {
                if (e.kind() != JiraCallException.Kind.FORBIDDEN) {
                    LOG.debugf("Stopped probing site %s: %s", site.cloudId(), e.kind());
                    break; // the site as a whole is in trouble; the next sync tries again
                }
                if (!candidate.getValue()) {
                    catalogue.block(site, candidate.getKey(), blockedReason(), actor);
                    blocked++;
                }
            }
        }
        return new Probed(probed, blocked, unblocked);
    }

    private String blockedReason() {
        return "Jira refused Pylon access to this project's content (403) at " + clock.instant()
                .truncatedTo(ChronoUnit.SECONDS) + ". A Jira site admin has probably added an app access rule"
                + " that blocks Pylon here; ask them to allow Pylon for this project.";
    }

    /**
     * Remembers why the sync failed; a credentials problem also marks the connection as needing attention.
     */
    private void recordFailure(CatalogueSite site, JiraCallException e, Actor actor) {
        boolean needsPerson = e.kind() != JiraCallException.Kind.UNAVAILABLE;
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> database.findOne("""
                select attention_reason from jira_connection
                where organization_id = ? and cloud_id = ? and disconnected_at is null for update""",
                row -> new Attention(row.getString(1)), site.organizationId(), site.cloudId())
                .ifPresent(attention -> {
                    database.update("""
                            update jira_connection set catalogue_sync_error = ?
                            where organization_id = ? and cloud_id = ? and disconnected_at is null""",
                            e.getMessage(), site.organizationId(), site.cloudId());
                    if (needsPerson) {
                        flagForAttention(site, e.getMessage(), attention.reason() == null, now, actor);
                    }
                }));
        changed.fire(new OrganizationChanged(site.organizationId()));
    }

    private record Attention(String reason) {
    }

    private void flagForAttention(CatalogueSite site, String reason, boolean newly, Instant now,
            Actor actor) {
        database.update("""
                update jira_connection
                set attention_reason = ?, attention_since = coalesce(attention_since, ?)
                where organization_id = ? and cloud_id = ? and disconnected_at is null""",
                reason, now, site.organizationId(), site.cloudId());
        if (newly) {
            audit.record(site.organizationId(), site.cloudId(), actor, AuditAction.CONNECTION_NEEDS_ATTENTION,
                    Map.of("reason", reason));
        }
    }

    private static ProblemException asProblem(JiraCallException e) {
        if (e.kind() == JiraCallException.Kind.UNAVAILABLE) {
            return new ProblemException(ProblemType.JIRA_UNAVAILABLE, e.getMessage())
                    .withHeader("Retry-After", "60");
        }
        return new ProblemException(ProblemType.JIRA_NEEDS_ATTENTION, e.getMessage());
    }
}
