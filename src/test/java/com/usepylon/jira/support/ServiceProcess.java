package com.usepylon.jira.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) in its own process, as production
 * runs it: for the benchmark, whose load generator must not share the service's JVM, and for tests
 * that need several replicas over one database.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");


    private final Process process;
    private final int port;
    private final Duration startToReady;

    private ServiceProcess(Process process, int port, Duration startToReady) {
        this.process = process;
        this.port = port;
        this.startToReady = startToReady;
    }

    public static ServiceProcess start(Path jar, List<String> jvmOptions, Map<String, String> environment,
            Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            awaitReady(process, port, log);
            return new ServiceProcess(process, port, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Settings for a service process that trusts the test keys, calls the Jira stub, runs on the given
     * database and serves the benchmark's yardsticks.
     */
    public static Map<String, String> testEnvironment(String jdbcUrl) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.ofEntries(
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", ""),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestKeys.PYLON_PUBLIC_KEY.toUri().toString()),
                Map.entry("PYLON_JIRA_FORGE_JWKS_URL", TestKeys.FORGE_JWKS.toUri().toString()),
                Map.entry("PYLON_JIRA_FORGE_APP_ID", TestKeys.FORGE_APP_ID),
                Map.entry("PYLON_JIRA_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key)),
                Map.entry("PYLON_JIRA_API_BASE_URL_PATTERN", JiraStub.apiBaseUrlPattern()),
                Map.entry("PYLON_BENCHMARK_ENDPOINTS_ENABLED", "true"),
                Map.entry("QUARKUS_LOG_LEVEL", "WARN"));
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("localhost", port);
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public Duration startToReady() {
        return startToReady;
    }

    /** Resident memory of the server process, from {@code /proc}, in MiB. */
    public double residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void awaitReady(Process process, int port, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited during start; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException("The service was not ready within 2 minutes; see " + log);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
