package com.usepylon.jira.jiraclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usepylon.jira.forge.ForgeSite;
import com.usepylon.jira.platform.ChangeFeed;
import com.usepylon.jira.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The freshest system token ({@code X-Forge-Oauth-System}) each site's calls carried, encrypted at rest. The
 * app sends one with its calls; Pylon keeps the one that expires last and uses it while it is valid.
 *
 * <p>The token is Atlassian's, for Atlassian's API, so its signature is not checked here: only its
 * {@code exp} is read, to decide which token is freshest. Who may hand one in is settled by the verified
 * Forge Invocation Token that came with it.
 *
 * <p>The app sends the same token with call after call, events included, so each replica remembers how long
 * the token it last stored for a site lasts and writes only a token that lasts longer. A deleted row must
 * not be mistaken for a stored one: {@link #forget} drops the site here, and any settings change anywhere
 * (a disconnect among them, reported by {@link ChangeFeed}) drops them all.
 */
@ApplicationScoped
public class SystemTokens {

    /** A token this close to its expiry is not used: a call made with it could outlive it. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    private static final int MAX_REMEMBERED_SITES = 100_000;
    private static final Logger LOG = Logger.getLogger(SystemTokens.class);

    private final Database database;
    private final TokenCipher cipher;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Instant> storedUntil = new ConcurrentHashMap<>();

    public SystemTokens(Database database, TokenCipher cipher, ObjectMapper json, Clock clock) {
        this.database = database;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    private record StoredToken(String apiBaseUrl, byte[] ciphertext, Instant expiresAt) {
    }

    /**
     * Keeps the token if it expires later than the one stored for the site. One statement decides, so of
     * concurrent calls the freshest token wins. A token that is not a JWT with a numeric {@code exp}, that
     * has expired, or that lasts no longer than one this replica has stored for the site, is ignored.
     */
    public void remember(ForgeSite site, String systemToken) {
        Optional<Instant> expiresAt = expiry(systemToken).filter(exp -> exp.isAfter(clock.instant()));
        if (expiresAt.isEmpty()) {
            LOG.debugf("Ignored a system token of site %s that is expired or not a JWT with a numeric exp",
                    site.cloudId());
            return;
        }
        Instant known = storedUntil.get(site.cloudId());
        if (known != null && !expiresAt.get().isAfter(known)) {
            return; // the database holds this token or a fresher one; writing would change nothing
        }

        int stored = database.update("""
                insert into site_system_token (cloud_id, api_base_url, ciphertext, expires_at, updated_at)
                values (?, ?, ?, ?, ?)
                on conflict (cloud_id) do update
                    set api_base_url = excluded.api_base_url, ciphertext = excluded.ciphertext,
                        expires_at = excluded.expires_at, updated_at = excluded.updated_at
                    where site_system_token.expires_at < excluded.expires_at""",
                site.cloudId(), site.apiBaseUrl(), cipher.seal(site.cloudId(), systemToken), expiresAt.get(),
                clock.instant());
        if (stored > 0) {
            LOG.debugf("Stored a system token of site %s valid until %s", site.cloudId(), expiresAt.get());
        }
        if (storedUntil.size() >= MAX_REMEMBERED_SITES) {
            storedUntil.clear(); // crude, but bounded; a site forgotten here costs one more write
        }
        // Stored or not, the database now holds a token that lasts at least this long.
        storedUntil.merge(site.cloudId(), expiresAt.get(), (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The site's API base URL and token, while the token is valid for more than {@link #EXPIRY_MARGIN}. */
    public Optional<SiteCredentials> current(String cloudId) {
        return database.findOne("""
                select api_base_url, ciphertext, expires_at from site_system_token
                where cloud_id = ? and expires_at > ?""",
                SystemTokens::stored, cloudId, clock.instant().plus(EXPIRY_MARGIN))
                .flatMap(stored -> decrypt(cloudId, stored));
    }

    /** Drops the site's token, for example when the site is disconnected. */
    public void forget(String cloudId) {
        storedUntil.remove(cloudId);
        database.update("delete from site_system_token where cloud_id = ?", cloudId);
    }

    /** Another replica may have forgotten a site's token; which one, the change does not say. */
    void onStale(@Observes ChangeFeed.CachedViewsStale stale) {
        storedUntil.clear();
    }

    private Optional<SiteCredentials> decrypt(String cloudId, StoredToken stored) {
        try {
            String token = cipher.open(cloudId, stored.ciphertext());
            return Optional.of(new SiteCredentials(stored.apiBaseUrl(), token, stored.expiresAt()));
        } catch (GeneralSecurityException e) {
            LOG.warnf("The stored system token of site %s does not decrypt (was %s changed, or the row copied"
                    + " from another site?); it is ignored until the app sends a fresh one", cloudId,
                    TokenCipher.KEY_PROPERTY);
            return Optional.empty();
        }
    }

    /** The {@code exp} of a JWT, read without checking its signature. */
    private Optional<Instant> expiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode exp = json.readTree(Base64.getUrlDecoder().decode(parts[1])).path("exp");
            return exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            return Optional.empty(); // the exception's message may quote the token
        }
    }

    private static StoredToken stored(ResultSet row) throws SQLException {
        return new StoredToken(row.getString("api_base_url"), row.getBytes("ciphertext"),
                Database.instant(row, "expires_at"));
    }
}
