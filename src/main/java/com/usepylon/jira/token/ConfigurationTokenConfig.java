package com.usepylon.jira.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Lifetime of configuration tokens and the limits on guessing them. */
@ConfigMapping(prefix = "pylon.jira.configuration-token")
public interface ConfigurationTokenConfig {

    /** How long a token can be redeemed after it was generated. */
    @WithDefault("10M")
    Duration ttl();

    /** Wrong tokens tolerated per organization, and separately per Jira site, within the window. */
    @WithDefault("10")
    int maxFailedAttempts();

    /**
     * Wrong tokens tolerated from one source address (an IPv6 /64) within the window, across every
     * organization and site. Higher than the others: many sites' calls share Atlassian's egress addresses.
     */
    @WithDefault("100")
    int maxFailedAttemptsPerAddress();

    /** The sliding window over which wrong tokens are counted. */
    @WithDefault("15M")
    Duration failedAttemptWindow();
}
