package com.usepylon.jira.token;

import com.usepylon.jira.platform.Database;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Slows down anyone guessing configuration tokens. Wrong tokens are counted per scope (an
 * organization, a Jira site) over a sliding window, in the database, so every replica sees the same
 * count. A scope over the limit gets 429 with {@code Retry-After} until its oldest failure ages out.
 */
@ApplicationScoped
public class GuessThrottle {

    private final Database database;
    private final ConfigurationTokenConfig config;
    private final Clock clock;

    public GuessThrottle(Database database, ConfigurationTokenConfig config, Clock clock) {
        this.database = database;
        this.config = config;
        this.clock = clock;
    }

    /** A counted thing, and the words that explain it to the person being throttled. */
    public record Scope(String key, String description) {
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

    private Optional<Duration> retryAfter(Scope scope, Instant now) {
        List<Instant> failures = database.list("""
                select failed_at from failed_token_guess
                where scope = ? and failed_at > ?
                order by failed_at desc
                limit ?""",
                row -> Database.instant(row, "failed_at"),
                scope.key(), now.minus(config.failedAttemptWindow()), config.maxFailedAttempts());
        if (failures.size() < config.maxFailedAttempts()) {
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
