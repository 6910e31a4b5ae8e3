package com.usepylon.jira.token;

import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.audit.AuditAction;
import com.usepylon.jira.audit.AuditLog;
import com.usepylon.jira.ops.OpsMetrics;
import com.usepylon.jira.platform.Database;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import com.usepylon.jira.tenant.OrganizationChanged;
import com.usepylon.jira.tenant.Organizations;
import com.usepylon.jira.tenant.PylonCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and redeems configuration tokens: the short-lived secret that proves, once, that whoever
 * pastes it into Jira also controls the Pylon organization.
 */
@ApplicationScoped
public class ConfigurationTokens {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC on' yyyy-MM-dd")
            .withZone(ZoneOffset.UTC);
    private static final String WHERE_TO_GET_ONE =
            " A Pylon admin can generate a new one in Pylon under Settings > Integrations > Jira >"
                    + " Generate Configuration Token.";

    private final Database database;
    private final Organizations organizations;
    private final GuessThrottle throttle;
    private final AuditLog audit;
    private final ConfigurationTokenConfig config;
    private final OpsMetrics metrics;
    private final Event<OrganizationChanged> changed;
    private final SecureRandom random;
    private final Clock clock;

    public ConfigurationTokens(Database database, Organizations organizations, GuessThrottle throttle,
            AuditLog audit, ConfigurationTokenConfig config, OpsMetrics metrics,
            Event<OrganizationChanged> changed, SecureRandom random, Clock clock) {
        this.database = database;
        this.organizations = organizations;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config;
        this.metrics = metrics;
        this.changed = changed;
        this.random = random;
        this.clock = clock;
    }

    private record StoredToken(UUID id, byte[] hash, Instant expiresAt, Instant revokedAt,
            Instant redeemedAt) {
    }

    /** Generates a token for the caller's organization and revokes any earlier one not yet used. */
    @Transactional
    public IssuedToken issue(PylonCaller caller) {
        // Whole milliseconds, so the expiry shown now equals the one the database returns later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        organizations.upsertAndLock(caller.organizationId(), caller.organizationName());
        revokeOpenTokens(caller, now);

        String token = TokenSecret.generate(random);
        UUID id = UUID.randomUUID();
        Instant expiresAt = now.plus(config.ttl());
        database.update("""
                insert into configuration_token (id, organization_id, token_hash, created_at, created_by,
                                                 expires_at)
                values (?, ?, ?, ?, ?, ?)""",
                id, caller.organizationId(), TokenSecret.hash(token), now, caller.userId(), expiresAt);
        audit.record(caller.organizationId(), null, Actor.pylonUser(caller.userId()),
                AuditAction.CONFIGURATION_TOKEN_ISSUED,
                Map.of("tokenId", id, "expiresAt", expiresAt.toString()));
        metrics.tokenIssued();
        // The connection view shows when the pending token expires.
        changed.fire(new OrganizationChanged(caller.organizationId()));
        return new IssuedToken(caller.organizationId(), token, expiresAt);
    }

    /** When the organization's live token expires, if it has one. */
    public Optional<Instant> liveTokenExpiry(UUID organizationId) {
        return database.findOne("""
                select expires_at from configuration_token
                where organization_id = ? and revoked_at is null and redeemed_at is null
                  and expires_at > ?""",
                row -> Database.instant(row, "expires_at"), organizationId, clock.instant());
    }

    /**
     * Uses up a token for linking a Jira site, or explains why it cannot be used. The caller's
     * transaction must then link the site; if that fails, rolling back makes the token usable again.
     * Of many concurrent redemptions of one token, exactly one succeeds. Wrong tokens count against the
     * organization, the site and the address the call came from.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RedeemedToken redeem(UUID organizationId, String presented, String cloudId, String sourceAddress) {
        List<GuessThrottle.Scope> scopes = List.of(throttle.organization(organizationId),
                throttle.site(cloudId), throttle.address(sourceAddress));
        throttle.check(scopes);
        if (!TokenSecret.looksValid(presented)) {
            throw new ProblemException(ProblemType.CONFIGURATION_TOKEN_INVALID, "This is not a Pylon"
                    + " configuration token: those start with " + TokenSecret.PREFIX + " and are 48"
                    + " characters long. Copy the whole token from the Jira settings in Pylon.");
        }

        // The lookup matches the hash, not the token, so its timing tells a guesser nothing useful; the
        // final comparison is constant-time all the same.
        byte[] presentedHash = TokenSecret.hash(presented);
        StoredToken token = find(organizationId, presentedHash)
                .filter(stored -> TokenSecret.matches(stored.hash(), presentedHash))
                .orElseThrow(() -> {
                    throttle.recordFailure(scopes);
                    return mismatch(organizationId);
                });
        Instant now = clock.instant();
        refuseUnusable(token, now);

        String organizationName = organizations.lock(organizationId).orElseThrow();
        if (!claim(token.id(), cloudId, now)) {
            // A concurrent redemption won the race after we read the token.
            throw used(now);
        }
        return new RedeemedToken(token.id(), organizationId, organizationName);
    }

    private void revokeOpenTokens(PylonCaller caller, Instant now) {
        List<UUID> stillLive = database.list("""
                update configuration_token set revoked_at = ?
                where organization_id = ? and revoked_at is null and redeemed_at is null
                returning id, expires_at""",
                row -> Database.instant(row, "expires_at").isAfter(now)
                        ? row.getObject("id", UUID.class) : null,
                now, caller.organizationId());
        stillLive.stream().filter(Objects::nonNull).forEach(id -> audit.record(caller.organizationId(), null,
                Actor.pylonUser(caller.userId()), AuditAction.CONFIGURATION_TOKEN_REVOKED,
                Map.of("tokenId", id, "reason", "replaced by a newer token")));
    }

    private Optional<StoredToken> find(UUID organizationId, byte[] hash) {
        return database.findOne("""
                select id, token_hash, expires_at, revoked_at, redeemed_at from configuration_token
                where organization_id = ? and token_hash = ?""",
                ConfigurationTokens::storedToken, organizationId, hash);
    }

    private static StoredToken storedToken(ResultSet row) throws SQLException {
        return new StoredToken(row.getObject("id", UUID.class), row.getBytes("token_hash"),
                Database.instant(row, "expires_at"), Database.instant(row, "revoked_at"),
                Database.instant(row, "redeemed_at"));
    }

    private boolean claim(UUID tokenId, String cloudId, Instant now) {
        return database.update("""
                update configuration_token set redeemed_at = ?, redeemed_for_cloud_id = ?
                where id = ? and redeemed_at is null and revoked_at is null and expires_at > ?""",
                now, cloudId, tokenId, now) == 1;
    }

    private static void refuseUnusable(StoredToken token, Instant now) {
        if (token.redeemedAt() != null) {
            throw used(token.redeemedAt());
        }
        if (token.revokedAt() != null) {
            throw new ProblemException(ProblemType.CONFIGURATION_TOKEN_REPLACED, "A newer configuration token"
                    + " was generated for this organization at " + TIME.format(token.revokedAt()) + ", which"
                    + " replaced this one. Paste the newest token shown in Pylon, or generate a new one."
                    + WHERE_TO_GET_ONE);
        }
        if (!token.expiresAt().isAfter(now)) {
            throw new ProblemException(ProblemType.CONFIGURATION_TOKEN_EXPIRED, "This configuration token"
                    + " expired at " + TIME.format(token.expiresAt()) + "." + WHERE_TO_GET_ONE
                    + " Paste it here within its lifetime.");
        }
    }

    private static ProblemException used(Instant when) {
        return new ProblemException(ProblemType.CONFIGURATION_TOKEN_USED, "This configuration token was"
                + " already used at " + TIME.format(when) + "; each token links a site once."
                + WHERE_TO_GET_ONE);
    }

    private static ProblemException mismatch(UUID organizationId) {
        return new ProblemException(ProblemType.CONFIGURATION_TOKEN_INVALID, "This configuration token"
                + " does not belong to Pylon organization " + organizationId + ". Copy both the"
                + " Organization ID and the token from the same Jira settings page in Pylon, and check that"
                + " the token is complete." + WHERE_TO_GET_ONE);
    }
}
