package com.usepylon.jira.support;

import com.usepylon.jira.platform.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Starts a real PostgreSQL server and the Jira stand-in ({@link JiraStub}) for the tests, and points the
 * service at them and at the test keys. Every test class shares them; tests keep apart by using their own
 * organizations and sites.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    /** One key per test JVM, so that tokens stored before a restart of the service stay readable. */
    private static final String ENCRYPTION_KEY = randomKey();

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = EmbeddedDatabase.start(temporaryDirectory(), 0);
        return Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres")),
                Map.entry("quarkus.datasource.username", "postgres"),
                Map.entry("quarkus.datasource.password", ""),
                Map.entry("mp.jwt.verify.publickey.location", TestKeys.PYLON_PUBLIC_KEY.toUri().toString()),
                Map.entry("mp.jwt.verify.issuer", TestKeys.PYLON_ISSUER),
                Map.entry("pylon.jira.forge.jwks-url", TestKeys.FORGE_JWKS.toUri().toString()),
                Map.entry("pylon.jira.forge.app-id", TestKeys.FORGE_APP_ID),
                Map.entry("pylon.jira.forge.jwks-min-refetch-interval", "0S"),
                Map.entry("pylon.jira.encryption-key", ENCRYPTION_KEY),
                Map.entry("pylon.jira.api-base-url-pattern", JiraStub.apiBaseUrlPattern()),
                Map.entry("pylon.jira.client.connect-timeout", "1S"),
                Map.entry("pylon.jira.client.request-timeout", "2S"));
    }

    @Override
    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh AES-256 key, so that no test depends on a key anyone else knows. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("pylon-jira-test-db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
