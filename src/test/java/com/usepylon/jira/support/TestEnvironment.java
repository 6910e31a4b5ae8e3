package com.usepylon.jira.support;

import com.usepylon.jira.platform.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a real PostgreSQL server for the tests and points the service at it and at the test keys.
 * Every test class shares it; tests keep apart by using their own organizations and sites.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = EmbeddedDatabase.start(temporaryDirectory(), 0);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "",
                "mp.jwt.verify.publickey.location", TestKeys.PYLON_PUBLIC_KEY.toUri().toString(),
                "mp.jwt.verify.issuer", TestKeys.PYLON_ISSUER,
                "pylon.jira.forge.jwks-url", TestKeys.FORGE_JWKS.toUri().toString(),
                "pylon.jira.forge.app-id", TestKeys.FORGE_APP_ID,
                "pylon.jira.forge.jwks-min-refetch-interval", "0S");
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

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("pylon-jira-test-db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
