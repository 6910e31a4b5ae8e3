package com.usepylon.jira.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens that passed full verification, by their exact bytes, until they expire, so that
 * the RS256 signature of a token that the same user sends with every request is checked once instead
 * of every time.
 *
 * <p>Why this is safe:
 * <ul>
 *   <li>Only a token that passed every check (signature, issuer, algorithm, expiry) is remembered, so an
 *       attacker cannot fill the cache with tokens of their own making.</li>
 *   <li>The key is the SHA-256 of the token's exact bytes: a token that differs in a single byte, such as a
 *       tampered payload or another signature, misses the cache and is verified in full.</li>
 *   <li>An entry ends at the token's own {@code exp}, and after {@code maxAge} at the latest, so an expired
 *       token is never accepted, and a key that Pylon stops trusting stops being honoured within
 *       {@code maxAge} even for tokens already seen.</li>
 *   <li>Memory is bounded by {@code maxEntries}.</li>
 * </ul>
 *
 * @param <I> what verification produced, such as Quarkus' {@code SecurityIdentity} for a Pylon JWT or
 *     the verified site of a Forge Invocation Token
 */
public final class VerifiedTokens<I> {

    private record Entry<I>(I identity, Instant expiresAt) {
    }

    private final Map<String, Entry<I>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;

    public VerifiedTokens(int maxEntries, Duration maxAge, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** What full verification of exactly this token produced, while that is still valid. */
    public Optional<I> lookup(String token) {
        Entry<I> entry = entries.get(key(token));
        if (entry == null || !entry.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.identity());
    }

    /**
     * Remembers a token that has just passed full verification.
     *
     * @param expiresAt the token's own {@code exp}
     */
    public void remember(String token, I identity, Instant expiresAt) {
        Instant now = clock.instant();
        Instant until = expiresAt.isBefore(now.plus(maxAge)) ? expiresAt : now.plus(maxAge);
        if (!until.isAfter(now)) {
            return;
        }
        if (entries.size() >= maxEntries) {
            evict(now);
        }
        entries.put(key(token), new Entry<>(identity, until));
    }

    int size() {
        return entries.size();
    }

    /** Drops expired entries; if the cache is still full, drops everything (the next requests refill it). */
    private void evict(Instant now) {
        entries.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
