package com.usepylon.jira.bench;

import static com.usepylon.jira.bench.Http11Connection.get;

import com.usepylon.jira.platform.EmbeddedDatabase;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.JiraStub;
import com.usepylon.jira.support.ServiceProcess;
import com.usepylon.jira.support.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Measures the hot paths (ticket defaults, the connection view, the event gate) against two
 * yardsticks in the same server: a request that does nothing, and one that only checks a Pylon JWT.
 * Also times catalogue syncs, start-up and memory. Run it with the command in README; it prints a
 * table and rewrites {@code docs/performance.md}.
 *
 * <p>Settings are system properties: {@code bench.organizations} (100000), {@code bench.connectEvery}
 * (3), {@code bench.projectsPerSite} (30), {@code bench.concurrency} (16), {@code bench.warmUpSeconds}
 * (20), {@code bench.rounds} (3), {@code bench.roundSeconds} (10), {@code bench.jvmOptions}, and
 * {@code bench.only}: endpoint names separated by {@code ;}, to measure just those, for profiling.
 */
public final class HotPathBenchmark {

    private static final int TOKENS = 200;

    private final Settings settings = Settings.fromSystemProperties();
    private final Path work;
    private final EmbeddedPostgres database;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong eventTimestamps = new AtomicLong(System.currentTimeMillis());

    private HotPathBenchmark(Path work, EmbeddedPostgres database) {
        this.work = work;
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            Path work = Files.createTempDirectory("pylon-jira-bench");
            try (EmbeddedPostgres database = EmbeddedDatabase.start(work.resolve("postgres"), 0)) {
                new HotPathBenchmark(work, database).run();
            }
            status = 0;
        } finally {
            System.exit(status); // the Jira stub's threads would keep the JVM alive, even after a failure
        }
    }

    private void run() throws Exception {
        if (!settings.only().isEmpty()) {
            profile();
            return;
        }
        PerformanceReport report = new PerformanceReport(settings);
        try (ServiceProcess server = startServer("large")) {
            report.startToReady(server.startToReady());
            log("Seeding %,d organizations...", settings.organizations());
            BenchmarkData.seed(database.getPostgresDatabase(), settings.organizations(),
                    settings.connectEvery(), settings.projectsPerSite());
            report.large(measureAll(server));
            report.residentAfterLoad(server.residentMegabytes());
            report.sync(1_000, timeSync(server, 1_000));
            report.sync(10_000, timeSync(server, 10_000));
        }
        try (ServiceProcess server = startServer("token cache off",
                Map.of("PYLON_SECURITY_JWT_CACHE_ENABLED", "false"))) {
            report.withoutTokenCache(measureWithoutTokenCache(server));
        }
        BenchmarkData.seed(database.getPostgresDatabase(), 10, 1, settings.projectsPerSite());
        try (ServiceProcess server = startServer("small")) {
            report.small(measureTicketDefaults(server, 10, 1));
        }
        report.print(System.out);
        report.write(Path.of("docs", "performance.md"));
    }

    /**
     * Only the endpoints named in {@code bench.only}, on the large data, for a profiler attached through
     * {@code bench.jvmOptions}; prints the figures and leaves docs/performance.md alone.
     */
    private void profile() throws Exception {
        try (ServiceProcess server = startServer("profiled")) {
            BenchmarkData.seed(database.getPostgresDatabase(), settings.organizations(),
                    settings.connectEvery(), settings.projectsPerSite());
            measure(server, endpoints(settings.organizations(), settings.connectEvery()),
                    settings.only()::contains);
        }
    }

    private ServiceProcess startServer(String name) {
        return startServer(name, Map.of());
    }

    private ServiceProcess startServer(String name, Map<String, String> overrides) {
        log("Starting the service (%s)...", name);
        Map<String, String> environment = new HashMap<>(
                ServiceProcess.testEnvironment(database.getJdbcUrl("postgres", "postgres")));
        environment.putAll(PerformanceReport.RECOMMENDED_ENVIRONMENT);
        environment.putAll(overrides);
        return ServiceProcess.start(ServiceProcess.JAR, settings.jvmOptions(),
                environment, work.resolve("service-" + name.replace(' ', '-') + ".log"));
    }

    /** One endpoint under load: what to send, and the status that counts as success. */
    private record Endpoint(String name, Supplier<byte[]> requests, int expectedStatus) {
    }

    /** Every measured endpoint, with tokens of a sample of the connected organizations and their sites. */
    private List<Endpoint> endpoints(int organizations, int connectEvery) {
        List<String> members = memberTokens(organizations, connectEvery);
        List<SiteCall> sites = siteCalls(organizations, connectEvery);
        return List.of(
                new Endpoint("no-op, no authentication", () -> get("/bench/noop", null), 204),
                new Endpoint("no-op, JWT checked", () -> get("/bench/jwt-noop", pick(members)), 204),
                new Endpoint("ticket defaults",
                        () -> get("/api/v1/jira/ticket-defaults", pick(members)), 200),
                new Endpoint("connection view", () -> get("/api/v1/jira/connection", pick(members)), 200),
                new Endpoint("event, processed",
                        () -> event(pick(sites), BenchmarkData.ENABLED_PROJECT), 200),
                new Endpoint("event, ignored",
                        () -> event(pick(sites), BenchmarkData.DISABLED_PROJECT), 200));
    }

    private List<LoadGenerator.Result> measureAll(ServiceProcess server) {
        return measure(server, endpoints(settings.organizations(), settings.connectEvery()), name -> true);
    }

    /** The endpoints that check a token, again, for the run that verifies every token in full. */
    private List<LoadGenerator.Result> measureWithoutTokenCache(ServiceProcess server) {
        return measure(server, endpoints(settings.organizations(), settings.connectEvery()),
                name -> !name.equals("no-op, no authentication") && !name.equals("connection view"));
    }

    private List<LoadGenerator.Result> measureTicketDefaults(ServiceProcess server, int organizations,
            int connectEvery) {
        return measure(server, endpoints(organizations, connectEvery),
                name -> name.equals("no-op, JWT checked") || name.equals("ticket defaults"));
    }

    private List<LoadGenerator.Result> measure(ServiceProcess server, List<Endpoint> endpoints,
            Predicate<String> included) {
        return endpoints.stream().filter(endpoint -> included.test(endpoint.name()))
                .map(endpoint -> measure(server, endpoint.name(), endpoint.requests(),
                        endpoint.expectedStatus()))
                .toList();
    }

    private LoadGenerator.Result measure(ServiceProcess server, String name, Supplier<byte[]> requests,
            int expectedStatus) {
        log("Measuring %s...", name);
        LoadGenerator load = new LoadGenerator(server.address(), settings.concurrency());
        LoadGenerator.Result result = load.measure(name, requests, expectedStatus,
                Duration.ofSeconds(settings.warmUpSeconds()), settings.rounds(),
                Duration.ofSeconds(settings.roundSeconds()));
        log("  %,.0f req/s, p50 %.2f ms, p99 %.2f ms, %d failures", result.requestsPerSecond(),
                result.p50Millis(), result.p99Millis(), result.failures());
        return result;
    }

    /** Links a new organization to a stubbed site with this many projects and times a catalogue refresh. */
    private Duration timeSync(ServiceProcess server, int projects) throws Exception {
        UUID organization = UUID.randomUUID();
        String site = UUID.randomUUID().toString();
        JiraStub.stubProjects(site, Catalogues.projects(projects), Catalogues.JIRA_PAGE_SIZE);
        JiraStub.stubProjectContentReadable(site);
        String admin = Tokens.pylon("admin", organization);
        String token = send(HttpRequest.newBuilder(server.uri("/api/v1/jira/configuration-tokens"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build())
                .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        send(HttpRequest.newBuilder(server.uri("/atlassian/v1/registration"))
                .header("Authorization", "Bearer " + Tokens.forge(site))
                .header("X-Forge-Oauth-System", Tokens.systemToken(Duration.ofHours(1)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"organizationId\":\"" + organization
                        + "\",\"configurationToken\":\"" + token + "\"}")).build());
        Thread.sleep(Duration.ofSeconds(5).toMillis()); // let the background sync after linking finish

        HttpRequest refresh = HttpRequest.newBuilder(server.uri("/api/v1/jira/projects/refresh"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build();
        long started = System.nanoTime();
        send(refresh);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log("Synced %,d projects in %d ms", projects, took.toMillis());
        return took;
    }

    private String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** An event as the app forwards it: with the site's Forge token and the system token Forge adds. */
    private byte[] event(SiteCall site, String projectId) {
        String body = "{\"webhookEvent\":\"jira:issue_created\",\"timestamp\":"
                + eventTimestamps.incrementAndGet()
                + ",\"issue\":{\"id\":\"1\",\"fields\":{\"project\":{\"id\":\"" + projectId + "\"}}}}";
        return Http11Connection.postJson("/atlassian/v1/events", site.forgeToken(), site.systemToken(), body);
    }

    /** Member tokens of connected organizations, spread over the whole id range. */
    private static List<String> memberTokens(int organizations, int connectEvery) {
        List<String> tokens = new ArrayList<>();
        for (long n : connectedSample(organizations, connectEvery)) {
            tokens.add(Tokens.pylon("member", BenchmarkData.organization(n)));
        }
        return tokens;
    }

    /** A connected site's credentials, as its app's calls carry them. */
    private record SiteCall(String forgeToken, String systemToken) {
    }

    private static List<SiteCall> siteCalls(int organizations, int connectEvery) {
        List<SiteCall> sites = new ArrayList<>();
        for (long n : connectedSample(organizations, connectEvery)) {
            sites.add(new SiteCall(Tokens.forge(BenchmarkData.site(n)),
                    Tokens.systemToken(Duration.ofHours(2))));
        }
        return sites;
    }

    private static List<Long> connectedSample(int organizations, int connectEvery) {
        List<Long> sample = new ArrayList<>();
        int connected = organizations / connectEvery;
        int step = Math.max(1, connected / TOKENS);
        for (long i = 1; i <= connected && sample.size() < TOKENS; i += step) {
            sample.add(i * connectEvery);
        }
        return sample;
    }

    private static <T> T pick(List<T> choices) {
        return choices.get(ThreadLocalRandom.current().nextInt(choices.size()));
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    /** How big and how long. */
    record Settings(int organizations, int connectEvery, int projectsPerSite, int concurrency,
            int warmUpSeconds, int rounds, int roundSeconds, List<String> jvmOptions, Set<String> only) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("bench.organizations", 100_000),
                    Integer.getInteger("bench.connectEvery", 3),
                    Integer.getInteger("bench.projectsPerSite", 30),
                    Integer.getInteger("bench.concurrency", 16),
                    Integer.getInteger("bench.warmUpSeconds", 20),
                    Integer.getInteger("bench.rounds", 3),
                    Integer.getInteger("bench.roundSeconds", 10),
                    List.of(System.getProperty("bench.jvmOptions", PerformanceReport.RECOMMENDED_JVM_OPTIONS)
                            .trim().split("\\s+")),
                    Arrays.stream(System.getProperty("bench.only", "").split("\\s*;\\s*"))
                            .filter(name -> !name.isBlank()).collect(Collectors.toSet()));
        }

        long projects() {
            return (long) organizations / connectEvery * projectsPerSite;
        }
    }
}
