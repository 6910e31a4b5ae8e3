package com.usepylon.jira.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.audit.AuditAction;
import com.usepylon.jira.audit.AuditLog;
import com.usepylon.jira.forge.ForgeSite;
import com.usepylon.jira.jiraclient.SystemTokens;
import com.usepylon.jira.ops.OpsMetrics;
import com.usepylon.jira.platform.ChangeFeed;
import com.usepylon.jira.platform.Database;
import com.usepylon.jira.platform.InvalidatingCache;
import com.usepylon.jira.platform.RenderedJson;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import com.usepylon.jira.project.CatalogueSite;
import com.usepylon.jira.project.ProjectCatalogue;
import com.usepylon.jira.project.SiteLinked;
import com.usepylon.jira.tenant.OrganizationChanged;
import com.usepylon.jira.tenant.Organizations;
import com.usepylon.jira.tenant.PylonCaller;
import com.usepylon.jira.token.ConfigurationTokens;
import com.usepylon.jira.token.RedeemedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Links Jira sites to Pylon organizations and clears those links, from either side. The connection
 * view that the settings modal polls is cached per organization and dropped on every change, on every
 * replica, like the ticket defaults. One site links
 * to at most one organization and one organization to at most one site; the database enforces it,
 * so the rule holds across replicas and concurrent requests.
 */
@ApplicationScoped
public class Connections {

    private static final int MAX_CACHED_VIEWS = 100_000;

    private static final String SELECT = """
            select c.*, o.name as organization_name
            from jira_connection c join organization o on o.id = c.organization_id
            """;

    private final Database database;
    private final ConfigurationTokens tokens;
    private final Organizations organizations;
    private final ProjectCatalogue catalogue;
    private final AuditLog audit;
    private final Event<SiteLinked> linked;
    private final Event<OrganizationChanged> changed;
    private final SystemTokens systemTokens;
    private final OpsMetrics metrics;
    private final Clock clock;
    private final ObjectMapper json;
    private final InvalidatingCache<UUID, RenderedJson<ConnectionView>> views =
            new InvalidatingCache<>(MAX_CACHED_VIEWS);

    public Connections(Database database, ConfigurationTokens tokens, Organizations organizations,
            ProjectCatalogue catalogue, AuditLog audit, Event<SiteLinked> linked,
            Event<OrganizationChanged> changed, SystemTokens systemTokens, OpsMetrics metrics, Clock clock,
            ObjectMapper json) {
        this.database = database;
        this.tokens = tokens;
        this.organizations = organizations;
        this.catalogue = catalogue;
        this.audit = audit;
        this.linked = linked;
        this.changed = changed;
        this.systemTokens = systemTokens;
        this.metrics = metrics;
        this.clock = clock;
        this.json = json;
    }

    /** The organization's connection as the Pylon settings modal shows it. */
    public ConnectionView view(UUID organizationId) {
        return renderedView(organizationId).value();
    }

    /** The same, with its JSON as the endpoint sends it. */
    RenderedJson<ConnectionView> renderedView(UUID organizationId) {
        RenderedJson<ConnectionView> view = views.get(organizationId, this::render);
        ConnectionView.PendingToken pending = view.value().configurationToken();
        if (pending != null && !pending.expiresAt().isAfter(clock.instant())) {
            views.invalidate(organizationId); // the pending token expired since the view was cached
            view = views.get(organizationId, this::render);
        }
        return view;
    }

    void onStale(@Observes ChangeFeed.CachedViewsStale stale) {
        stale.applyTo(views);
    }

    private RenderedJson<ConnectionView> render(UUID organizationId) {
        return RenderedJson.of(load(organizationId), json);
    }

    private ConnectionView load(UUID organizationId) {
        ConnectionView.PendingToken pending = tokens.liveTokenExpiry(organizationId)
                .map(ConnectionView.PendingToken::new).orElse(null);
        return latestForOrganization(organizationId)
                .map(link -> link.isLive() ? connected(link, pending) : disconnected(link, pending))
                .orElseGet(() -> new ConnectionView(organizationId, ConnectionStatus.NOT_CONNECTED, null,
                        null, null, null, null, null, null, pending, null, null, null));
    }

    private ConnectionView connected(JiraConnection link, ConnectionView.PendingToken pending) {
        CatalogueSite site = new CatalogueSite(link.organizationId(), link.cloudId());
        ConnectionView.Attention attention = link.attentionReason() == null ? null
                : new ConnectionView.Attention(link.attentionReason(), link.attentionSince());
        return new ConnectionView(link.organizationId(), ConnectionStatus.CONNECTED, site(link),
                link.connectedAt(), link.connectedBy(), null, null, null, attention, pending,
                catalogue.defaultProject(site).orElse(null), catalogue.counts(site),
                new ConnectionView.Catalogue(link.catalogueSyncedAt(), link.catalogueSyncError()));
    }

    private static ConnectionView disconnected(JiraConnection link, ConnectionView.PendingToken pending) {
        return new ConnectionView(link.organizationId(), ConnectionStatus.DISCONNECTED, site(link),
                link.connectedAt(), link.connectedBy(), link.disconnectedAt(), link.disconnectedBy(),
                link.disconnectReason(), null, pending, null, null, null);
    }

    private static ConnectionView.Site site(JiraConnection link) {
        return new ConnectionView.Site(link.cloudId(), link.siteUrl(), link.siteName());
    }

    /** The live link of a Jira site, if it has one. */
    public Optional<JiraConnection> liveForSite(String cloudId) {
        return database.findOne(SELECT + "where c.cloud_id = ? and c.disconnected_at is null",
                Connections::connection, cloudId);
    }

    /**
     * Redeems a configuration token and links the calling site to its organization. Relinking a site
     * to the organization it is already linked to succeeds and uses up the token. The source address is
     * where the call came from, for throttling wrong tokens.
     */
    @Transactional
    public JiraConnection link(ForgeSite site, UUID organizationId, String configurationToken,
            SiteDetails details, String sourceAddress) {
        RedeemedToken token =
                tokens.redeem(organizationId, configurationToken, site.cloudId(), sourceAddress);

        Optional<JiraConnection> siteLink = liveForSite(site.cloudId());
        if (siteLink.isPresent()) {
            JiraConnection kept = keepOrRefuse(siteLink.get(), organizationId);
            linked.fire(new SiteLinked(organizationId, site.cloudId()));
            return kept;
        }
        liveForOrganization(organizationId).ifPresent(other -> {
            throw organizationTaken(other);
        });

        JiraConnection link = insert(site, token, details)
                .orElseThrow(() -> siteTaken(liveForSite(site.cloudId()).orElseThrow()));
        audit.record(organizationId, site.cloudId(), Actor.jira(site.accountId(), site.cloudId()),
                AuditAction.SITE_LINKED, siteDetails(link, token));
        metrics.linked();
        linked.fire(new SiteLinked(organizationId, site.cloudId()));
        changed.fire(new OrganizationChanged(organizationId));
        return link;
    }

    /** A Pylon admin disconnects the organization's site. Does nothing if none is linked. */
    @Transactional
    public void clearFromPylon(PylonCaller caller) {
        organizations.lock(caller.organizationId());
        liveForOrganization(caller.organizationId()).ifPresent(link -> disconnect(link,
                Actor.pylonUser(caller.userId()), DisconnectReason.CLEARED_IN_PYLON));
    }

    /**
     * The Jira side clears the site's installation, or the app was uninstalled. Idempotent.
     *
     * @return the link that was cleared, if the site had one
     */
    @Transactional
    public Optional<JiraConnection> clearFromJira(ForgeSite site, DisconnectReason reason) {
        Optional<JiraConnection> live = liveForSite(site.cloudId());
        live.ifPresent(link -> {
            organizations.lock(link.organizationId());
            disconnect(link, Actor.jira(site.accountId(), site.cloudId()), reason);
        });
        return live;
    }

    private JiraConnection keepOrRefuse(JiraConnection existing, UUID organizationId) {
        if (!existing.organizationId().equals(organizationId)) {
            throw siteTaken(existing);
        }
        return existing;
    }

    private Optional<JiraConnection> liveForOrganization(UUID organizationId) {
        return database.findOne(SELECT + "where c.organization_id = ? and c.disconnected_at is null",
                Connections::connection, organizationId);
    }

    private Optional<JiraConnection> latestForOrganization(UUID organizationId) {
        return database.findOne(SELECT + "where c.organization_id = ? order by c.connected_at desc limit 1",
                Connections::connection, organizationId);
    }

    /** Inserts the link unless a concurrent request linked the site first (the unique index decides). */
    private Optional<JiraConnection> insert(ForgeSite site, RedeemedToken token, SiteDetails details) {
        UUID id = UUID.randomUUID();
        int inserted = database.update("""
                insert into jira_connection (id, organization_id, cloud_id, installation_id, api_base_url,
                                             site_url, site_name, configuration_token_id, connected_at,
                                             connected_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""",
                id, token.organizationId(), site.cloudId(), site.installationId(), site.apiBaseUrl(),
                details.url(), details.name(), token.tokenId(), clock.instant(),
                Optional.ofNullable(site.accountId()).orElse(site.cloudId()));
        if (inserted == 0) {
            return Optional.empty();
        }
        return database.findOne(SELECT + "where c.id = ?", Connections::connection, id);
    }

    private void disconnect(JiraConnection link, Actor actor, DisconnectReason reason) {
        database.update("""
                update jira_connection set disconnected_at = ?, disconnected_by = ?, disconnect_reason = ?
                where id = ? and disconnected_at is null""",
                clock.instant(), actor.id(), reason, link.id());
        audit.record(link.organizationId(), link.cloudId(), actor, AuditAction.CONNECTION_CLEARED,
                Map.of("reason", reason.name()));
        metrics.cleared(reason);
        // The site's Jira credentials are of no use to Pylon any more; the app sends fresh ones with its
        // next call if the site is linked again.
        systemTokens.forget(link.cloudId());
        changed.fire(new OrganizationChanged(link.organizationId()));
    }

    private static Map<String, Object> siteDetails(JiraConnection link, RedeemedToken token) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tokenId", token.tokenId());
        details.put("installationId", link.installationId());
        Optional.ofNullable(link.siteUrl()).ifPresent(url -> details.put("siteUrl", url));
        Optional.ofNullable(link.siteName()).ifPresent(name -> details.put("siteName", name));
        return details;
    }

    private static ProblemException siteTaken(JiraConnection existing) {
        return new ProblemException(ProblemType.SITE_ALREADY_LINKED, "This Jira site is already linked to the"
                + " Pylon organization '" + existing.organizationName() + "'. To link it to another"
                + " organization, first clear that installation: choose Clear installation on this page,"
                + " or ask a Pylon admin of '" + existing.organizationName() + "' to disconnect Jira in"
                + " Pylon under Settings > Integrations > Jira. Then generate a new configuration token; this"
                + " one was not used up.");
    }

    private static ProblemException organizationTaken(JiraConnection existing) {
        String site = Optional.ofNullable(existing.siteUrl()).orElse("cloud id " + existing.cloudId());
        return new ProblemException(ProblemType.ORGANIZATION_ALREADY_LINKED, "This Pylon organization is"
                + " already linked to another Jira site (" + site + "). A Pylon admin must first disconnect"
                + " it in Pylon under Settings > Integrations > Jira, or a Jira admin of that site must clear"
                + " the installation there. Then paste a new configuration token; this one was not used up.");
    }

    private static JiraConnection connection(ResultSet row) throws SQLException {
        String reason = row.getString("disconnect_reason");
        return new JiraConnection(
                row.getObject("id", UUID.class),
                row.getObject("organization_id", UUID.class),
                row.getString("organization_name"),
                row.getString("cloud_id"),
                row.getString("installation_id"),
                row.getString("api_base_url"),
                row.getString("site_url"),
                row.getString("site_name"),
                Database.instant(row, "connected_at"),
                row.getString("connected_by"),
                Database.instant(row, "disconnected_at"),
                row.getString("disconnected_by"),
                reason == null ? null : DisconnectReason.valueOf(reason),
                row.getString("attention_reason"),
                Database.instant(row, "attention_since"),
                Database.instant(row, "catalogue_synced_at"),
                row.getString("catalogue_sync_error"));
    }
}
