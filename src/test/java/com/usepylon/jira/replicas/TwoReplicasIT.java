package com.usepylon.jira.replicas;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.platform.EmbeddedDatabase;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.Contract;
import com.usepylon.jira.support.JiraStub;
import com.usepylon.jira.support.ServiceProcess;
import com.usepylon.jira.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two replicas of the packaged service over one PostgreSQL, as production runs them. */
class TwoReplicasIT {

    private static EmbeddedPostgres database;
    private static ServiceProcess a;
    private static ServiceProcess b;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        Path work = Files.createTempDirectory("pylon-jira-replicas");
        database = EmbeddedDatabase.start(work.resolve("postgres"), 0);
        Map<String, String> environment =
                ServiceProcess.testEnvironment(database.getJdbcUrl("postgres", "postgres"));
        a = ServiceProcess.start(ServiceProcess.JAR, List.of(), environment, work.resolve("a.log"));
        b = ServiceProcess.start(ServiceProcess.JAR, List.of(), environment, work.resolve("b.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
        database.close();
    }

    @Test
    void aSettingsChangeOnA_showsOnB_withinOneSecond() throws Exception {
        UUID organization = UUID.randomUUID();
        connect(a, organization, UUID.randomUUID().toString());
        on(b, Tokens.pylon("member", organization)).get("/api/v1/jira/ticket-defaults")
                .then().statusCode(200).body("projects", equalTo(List.of()));
        on(b, Tokens.pylon("member", organization)).get("/api/v1/jira/connection")
                .then().statusCode(200).body("projects.enabled", equalTo(0));

        on(a, Tokens.pylon("admin", organization)).contentType(ContentType.JSON)
                .body(Map.of("enable", List.of(Catalogues.id(0)))).patch("/api/v1/jira/projects")
                .then().statusCode(200);
        long changed = System.nanoTime();

        List<String> offered = List.of();
        while (offered.isEmpty() && System.nanoTime() - changed < Duration.ofSeconds(3).toNanos()) {
            offered = on(b, Tokens.pylon("member", organization)).get("/api/v1/jira/ticket-defaults")
                    .path("projects.key");
        }
        Duration seen = Duration.ofNanos(System.nanoTime() - changed);
        assertThat(offered).containsExactly("P0");
        assertThat(seen).isLessThan(Duration.ofSeconds(1));
        on(b, Tokens.pylon("member", organization)).get("/api/v1/jira/connection")
                .then().statusCode(200).body("projects.enabled", equalTo(1));
    }

    @Test
    void oneTokenRedeemedOnAandBAtOnce_linksOnce() throws Exception {
        UUID organization = UUID.randomUUID();
        String token = on(a, Tokens.pylon("admin", organization)).post("/api/v1/jira/configuration-tokens")
                .then().statusCode(201).extract().path("token");

        List<Integer> statuses = both(
                () -> register(a, UUID.randomUUID().toString(), organization, token).statusCode(),
                () -> register(b, UUID.randomUUID().toString(), organization, token).statusCode());

        assertThat(statuses).containsExactlyInAnyOrder(200, 410);
        assertThat(count("select count(*) from jira_connection"
                + " where organization_id = '" + organization + "'"))
                .isEqualTo(1);
    }

    @Test
    void theSameEventDeliveredToAandB_isProcessedOnce() throws Exception {
        UUID organization = UUID.randomUUID();
        String site = UUID.randomUUID().toString();
        connect(a, organization, site);
        on(a, Tokens.pylon("admin", organization)).contentType(ContentType.JSON)
                .body(Map.of("enable", List.of(Catalogues.id(0)))).patch("/api/v1/jira/projects")
                .then().statusCode(200);
        Map<String, Object> event = Catalogues.issueEvent("jira:issue_created", 42L, Catalogues.id(0), "9");

        List<String> outcomes = both(() -> deliver(a, site, event), () -> deliver(b, site, event));

        assertThat(outcomes).containsExactlyInAnyOrder("processed", "duplicate");
        assertThat(count("select count(*) from event_inbox where cloud_id = '" + site + "'")).isEqualTo(1);
    }

    @Test
    void wrongGuessesOnAandB_countTogether() {
        UUID organization = UUID.randomUUID();
        String wrong = "pjct_" + "B".repeat(43);
        for (int i = 0; i < 10; i++) {
            register(i % 2 == 0 ? a : b, UUID.randomUUID().toString(), organization, wrong)
                    .then().statusCode(422);
        }

        register(a, UUID.randomUUID().toString(), organization, wrong).then().statusCode(429);
        register(b, UUID.randomUUID().toString(), organization, wrong).then().statusCode(429);
    }

    @Test
    void benchmarkYardsticks_whenTurnedOn_answer_andTheJwtOneStillChecksTheToken() {
        given().baseUri(a.uri("").toString()).get("/bench/noop").then().statusCode(204);
        given().baseUri(a.uri("").toString()).get("/bench/jwt-noop").then().statusCode(401);
        on(a, Tokens.pylon("member", UUID.randomUUID())).get("/bench/jwt-noop").then().statusCode(204);
    }

    private static void connect(ServiceProcess replica, UUID organization, String site) {
        JiraStub.stubProjects(site, Catalogues.projects(2), Catalogues.JIRA_PAGE_SIZE);
        JiraStub.stubProjectContentReadable(site);
        String token = on(replica, Tokens.pylon("admin", organization))
                .post("/api/v1/jira/configuration-tokens")
                .then().statusCode(201).extract().path("token");
        on(replica, Tokens.forge(site))
                .header("X-Forge-Oauth-System", Tokens.systemToken(Duration.ofHours(1)))
                .contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(), "configurationToken", token))
                .put("/atlassian/v1/registration").then().statusCode(200);
        on(replica, Tokens.pylon("admin", organization)).post("/api/v1/jira/projects/refresh")
                .then().statusCode(200);
    }

    private static Response register(ServiceProcess replica, String site, UUID organization, String token) {
        return on(replica, Tokens.forge(site)).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(), "configurationToken", token))
                .put("/atlassian/v1/registration");
    }

    private static String deliver(ServiceProcess replica, String site, Map<String, Object> event) {
        return on(replica, Tokens.forge(site)).contentType(ContentType.JSON).body(event)
                .post("/atlassian/v1/events").then().statusCode(200).extract().path("outcome");
    }

    static RequestSpecification on(ServiceProcess replica, String bearer) {
        return given().baseUri(replica.uri("").toString()).filter(Contract.FILTER)
                .header("Authorization", "Bearer " + bearer);
    }

    @SafeVarargs
    private static <T> List<T> both(Callable<T>... calls) throws Exception {
        List<CompletableFuture<T>> futures = List.of(calls).stream()
                .map(call -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return call.call();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = database.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
