package com.usepylon.jira.jiraclient;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the service calls a site's Jira REST API on the app's behalf: which base URLs it may call, the key
 * that encrypts the stored credentials, and how patiently it retries.
 *
 * <p>Its prefix is shared with {@code pylon.jira.forge} and {@code pylon.jira.configuration-token}, which
 * have mappings of their own. Because this mapping claims the whole {@code pylon.jira} namespace, a new
 * property under it must be declared in some {@code @ConfigMapping}, or start-up fails with "does not map
 * to any root".
 */
@ConfigMapping(prefix = "pylon.jira")
public interface JiraApiConfig {

    /**
     * The AES-256 key for stored system tokens, base64 for exactly 32 bytes. Optional here only so that a
     * missing key fails start-up with a message that says how to make one (see {@link TokenCipher}).
     */
    Optional<String> encryptionKey();

    /**
     * Older or newer keys that may open stored system tokens but never seal them, comma-separated, so that
     * the encryption key can be changed without downtime (README, "Rotating keys").
     */
    Optional<List<String>> extraDecryptionKeys();

    /**
     * The API base URLs the service may call, as a regular expression that must match the whole URL. A
     * verified Forge token names the base URL; this keeps a wrong or forged one from sending a site's
     * credentials anywhere but Atlassian.
     */
    @WithDefault("https://api\\.atlassian\\.com/ex/jira/[0-9a-fA-F-]+/?")
    String apiBaseUrlPattern();

    /** Timeouts, retries and paging of the calls. */
    Client client();

    /** Timeouts, retries and paging of the calls. */
    interface Client {

        /** Attempts per call, the first included, before giving up on 429, 5xx or an unreachable Jira. */
        @WithDefault("4")
        int maxAttempts();

        /** The upper bound of the first randomised wait between attempts; it doubles per attempt. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The largest upper bound of a randomised wait between attempts. */
        @WithDefault("10S")
        Duration maxBackoff();

        /**
         * The longest {@code Retry-After} that is waited for. Jira asking for more means the call gives up
         * at once, rather than holding a request thread for minutes.
         */
        @WithDefault("30S")
        Duration maxRetryAfter();

        /** How long to wait for a connection to Jira. */
        @WithDefault("5S")
        Duration connectTimeout();

        /** How long to wait for one answer from Jira. */
        @WithDefault("10S")
        Duration requestTimeout();

        /** How many projects to ask for per page; Jira may return fewer. */
        @WithDefault("50")
        int pageSize();
    }
}
