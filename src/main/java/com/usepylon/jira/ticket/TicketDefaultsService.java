package com.usepylon.jira.ticket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.usepylon.jira.platform.ChangeFeed;
import com.usepylon.jira.platform.InvalidatingCache;
import com.usepylon.jira.platform.RenderedJson;
import com.usepylon.jira.project.CatalogueSite;
import com.usepylon.jira.project.DefaultProjectStatus;
import com.usepylon.jira.project.ProjectCatalogue;
import com.usepylon.jira.project.ProjectRef;
import com.usepylon.jira.tenant.OrganizationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * The ticket creation form's defaults, for other Pylon modules in-process and for
 * {@code GET /api/v1/jira/ticket-defaults}.
 *
 * <p>Every ticket form asks for these, so answers are cached per organization. Any change to the
 * organization's Jira settings fires {@link OrganizationChanged}, which drops the entry once the
 * change has committed.
 *
 * <p>With several replicas, a change made through another one arrives through {@link ChangeFeed}
 * (PostgreSQL {@code LISTEN/NOTIFY}), typically within milliseconds.
 */
@ApplicationScoped
public class TicketDefaultsService {

    private static final int MAX_CACHED_ORGANIZATIONS = 100_000;

    private final ProjectCatalogue catalogue;
    private final ObjectMapper json;
    private final InvalidatingCache<UUID, RenderedJson<TicketDefaults>> cache =
            new InvalidatingCache<>(MAX_CACHED_ORGANIZATIONS);

    public TicketDefaultsService(ProjectCatalogue catalogue, ObjectMapper json) {
        this.catalogue = catalogue;
        this.json = json;
    }

    /** The defaults for the organization's ticket form. */
    public TicketDefaults forOrganization(UUID organizationId) {
        return rendered(organizationId).value();
    }

    /** The same, with its JSON as the endpoint sends it. */
    RenderedJson<TicketDefaults> rendered(UUID organizationId) {
        return cache.get(organizationId, organization -> RenderedJson.of(load(organization), json));
    }

    void onStale(@Observes ChangeFeed.CachedViewsStale stale) {
        stale.applyTo(cache);
    }

    private TicketDefaults load(UUID organizationId) {
        return catalogue.currentSite(organizationId).map(this::load).orElse(TicketDefaults.NOT_CONNECTED);
    }

    private TicketDefaults load(CatalogueSite site) {
        ProjectRef defaultProject = catalogue.defaultProject(site)
                .filter(DefaultProjectStatus::usable)
                .map(chosen -> new ProjectRef(chosen.id(), chosen.key(), chosen.name()))
                .orElse(null);
        return new TicketDefaults(true, defaultProject, catalogue.usableProjects(site));
    }
}
