package com.usepylon.jira.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The cache of verified Forge Invocation Tokens; {@link VerifiedTokens} says why it is safe. Pylon JWTs
 * are not cached: the benchmark showed their signature check is not where their cost lies.
 */
@ConfigMapping(prefix = "pylon.security.jwt-cache")
public interface JwtCacheConfig {

    /** Off means every request's token is verified in full. */
    @WithDefault("true")
    boolean enabled();

    /** Tokens remembered at most; about 200 bytes each. */
    @WithDefault("10000")
    int maxEntries();

    /** Longest time a token is remembered, whatever its {@code exp}. */
    @WithDefault("5M")
    Duration maxAge();
}
