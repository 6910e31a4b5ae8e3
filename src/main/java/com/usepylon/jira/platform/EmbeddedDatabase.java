package com.usepylon.jira.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server, unpacked from a Maven artifact, for development and for running the
 * service without any setup. It is used only when {@code quarkus.datasource.jdbc.url} is not set.
 *
 * <p>Its data lives in {@code pylon.embedded-postgres.data-dir} ({@code ./data/postgres} by default)
 * and survives restarts. The server publishes its address as system properties, which outrank
 * {@code application.properties}, so the datasource picks it up without further configuration.
 */
public final class EmbeddedDatabase {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    /** Starts the embedded server once per JVM; dev-mode restarts reuse it. */
    public static synchronized void startUnlessExternalConfigured() {
        Config config = ConfigProvider.getConfig();
        if (server != null || config.getOptionalValue(JDBC_URL, String.class).isPresent()) {
            return;
        }
        Path dataDir = Path.of(config.getOptionalValue("pylon.embedded-postgres.data-dir", String.class)
                .orElse("data/postgres")).toAbsolutePath();
        int port = config.getOptionalValue("pylon.embedded-postgres.port", Integer.class).orElse(0);

        server = start(dataDir, port);
        System.setProperty(JDBC_URL, server.getJdbcUrl("postgres", "postgres"));
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "");
        LOG.infof("Embedded PostgreSQL listens on port %d; data in %s", server.getPort(), dataDir);
    }

    /**
     * Starts a server on the given data directory, keeping existing data. Tests use this directly.
     *
     * @param port a fixed port, or 0 for any free one
     */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            Optional.of(port).filter(p -> p > 0).ifPresent(builder::setPort);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }
}
