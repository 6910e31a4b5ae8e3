package com.usepylon.jira.forge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How Forge Invocation Tokens from Pylon's Atlassian app are verified. */
@ConfigMapping(prefix = "pylon.jira.forge")
public interface ForgeConfig {

    /** Where Atlassian publishes its signing keys: an https, file: or classpath: URL. */
    String jwksUrl();

    /** The app's id, {@code ari:cloud:ecosystem::app/<uuid>}; every token's {@code aud} must equal it. */
    String appId();

    /** How long a fetched key set is trusted before it is fetched again. */
    @WithDefault("1H")
    Duration jwksCacheTtl();

    /**
     * The shortest time between two fetches caused by an unknown {@code kid}, so that a flood of
     * forged tokens cannot turn into a flood of requests to Atlassian.
     */
    @WithDefault("10S")
    Duration jwksMinRefetchInterval();

    /** Tolerated clock difference with Atlassian when checking {@code exp} and {@code nbf}. */
    @WithDefault("30S")
    Duration clockSkew();
}
