package com.usepylon.jira.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The cache of verified Pylon JWTs; see {@link VerifiedTokens} for why it is safe. */
@ConfigMapping(prefix = "pylon.security.jwt-cache")
public interface PylonTokenCacheConfig {

    /** Off means every request's JWT is verified in full. */
    @WithDefault("true")
    boolean enabled();

    /** Tokens remembered at most; about 200 bytes each. */
    @WithDefault("10000")
    int maxEntries();

    /** Longest time a token is remembered, whatever its {@code exp}. */
    @WithDefault("5M")
    Duration maxAge();
}
