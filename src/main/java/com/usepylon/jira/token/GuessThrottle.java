package com.usepylon.jira.token;

import com.usepylon.jira.platform.Database;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import io.netty.util.NetUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Slows down anyone guessing configuration tokens. Wrong tokens are counted per scope (an
 * organization, a Jira site, a source address) over a sliding window, in the database, so every replica
 * sees the same count. A scope over its limit gets 429 with {@code Retry-After} until its oldest failure
 * ages out.
 */
@ApplicationScoped
public class GuessThrottle {

    private static final int IPV6_BYTES = 16;
    private static final int MAX_UNPARSED_LENGTH = 100;

    private final Database database;
    private final ConfigurationTokenConfig config;
    private final Clock clock;

    public GuessThrottle(Database database, ConfigurationTokenConfig config, Clock clock) {
        this.database = database;
        this.config = config;
        this.clock = clock;
    }

    /** A counted thing, how many wrong tokens it may try, and the words that explain it to the caller. */
    public record Scope(String key, int limit, String description) {
    }

    public Scope organization(UUID organizationId) {
        return new Scope("organization:" + organizationId, config.maxFailedAttempts(),
                "this Pylon organization");
    }

    public Scope site(String cloudId) {
        return new Scope("site:" + cloudId, config.maxFailedAttempts(), "this Jira site");
    }

    /**
     * The network the call came from: the IPv4 address, or the /64 of an IPv6 address, since one host can
     * use a whole /64. Its limit is higher, because the calls of many sites arrive through Atlassian's
     * shared egress addresses; it catches one source spreading its guesses over many organizations and
     * sites, which their own limits do not.
     */
    public Scope address(String address) {
        return new Scope("address:" + network(address), config.maxFailedAttemptsPerAddress(),
                "this network address");
    }

    /** Parses only literals, so a forwarded header can never cause a DNS lookup. */
    static String network(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            return address.substring(0, Math.min(address.length(), MAX_UNPARSED_LENGTH));
        }
        if (bytes.length == IPV6_BYTES && isIpv4Mapped(bytes)) {
            return NetUtil.bytesToIpAddress(Arrays.copyOfRange(bytes, IPV6_BYTES - 4, IPV6_BYTES));
        }
        if (bytes.length == IPV6_BYTES) {
            Arrays.fill(bytes, IPV6_BYTES / 2, IPV6_BYTES, (byte) 0);
            return NetUtil.bytesToIpAddress(bytes) + "/64";
        }
        return NetUtil.bytesToIpAddress(bytes);
    }

    /** Throws 429 if any scope has used up its failed attempts. */
    public void check(List<Scope> scopes) {
        Instant now = clock.instant();
        for (Scope scope : scopes) {
            retryAfter(scope, now).ifPresent(wait -> {
                throw tooMany(scope, wait);
            });
        }
    }

    /** Counts a wrong token against every scope. It commits even though the request will fail. */
    public void recordFailure(List<Scope> scopes) {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> scopes.forEach(scope -> {
            database.update("delete from failed_token_guess where scope = ? and failed_at <= ?",
                    scope.key(), now.minus(config.failedAttemptWindow()));
            database.update("insert into failed_token_guess (scope, failed_at) values (?, ?)",
                    scope.key(), now);
        }));
    }

    /** {@code ::ffff:a.b.c.d}, how a dual-stack server sees an IPv4 caller. */
    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private Optional<Duration> retryAfter(Scope scope, Instant now) {
        List<Instant> failures = database.list("""
                select failed_at from failed_token_guess
                where scope = ? and failed_at > ?
                order by failed_at desc
                limit ?""",
                row -> Database.instant(row, "failed_at"),
                scope.key(), now.minus(config.failedAttemptWindow()), scope.limit());
        if (failures.size() < scope.limit()) {
            return Optional.empty();
        }
        // Once the oldest of the last N failures leaves the window, one more attempt is allowed.
        Instant oldestCounted = failures.get(failures.size() - 1);
        return Optional.of(Duration.between(now, oldestCounted.plus(config.failedAttemptWindow())));
    }

    private ProblemException tooMany(Scope scope, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        long minutes = Math.max(1, (seconds + 59) / 60);
        return new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, "Too many wrong configuration tokens were"
                + " tried for " + scope.description() + ". Wait " + minutes
                + (minutes == 1 ? " minute" : " minutes")
                + ", then paste the newest token exactly as Pylon shows it, or generate a new one in Pylon"
                + " under Settings > Integrations > Jira.")
                .withHeader("Retry-After", Long.toString(seconds));
    }
}
