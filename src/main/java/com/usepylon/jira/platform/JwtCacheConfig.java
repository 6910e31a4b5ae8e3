package com.usepylon.jira.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The caches of verified Pylon JWTs and Forge Invocation Tokens, one of each per replica;
 * {@link VerifiedTokens} says why they are safe.
 */
@ConfigMapping(prefix = "pylon.security.jwt-cache")
public interface JwtCacheConfig {

    /** Off means every request's token is verified in full. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Tokens remembered at most, per kind of token. A Forge token's entry is a few hundred bytes; a Pylon
     * JWT's keeps the parsed token, roughly 3 KB (an estimate), so 10,000 of them take about 30 MB of heap.
     */
    @WithDefault("10000")
    int maxEntries();

    /** Longest time a token is remembered, whatever its {@code exp}. */
    @WithDefault("5M")
    Duration maxAge();
}
