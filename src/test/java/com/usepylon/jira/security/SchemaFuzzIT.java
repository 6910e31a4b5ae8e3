package com.usepylon.jira.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.usepylon.jira.platform.EmbeddedDatabase;
import com.usepylon.jira.support.ContractOperations;
import com.usepylon.jira.support.ServiceProcess;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of every request body and query parameter that {@code openapi.yaml} describes,
 * against the packaged service over a real PostgreSQL. The requests are generated from the schemas
 * (values that fit, values at and just past each bound, wrong types, nulls, missing and unknown fields,
 * hostile strings, bytes that are not JSON, other content types) and sent with real credentials by a
 * linked organization, its site and a few other tenants (see {@link FuzzWorld}). For every request:
 *
 * <ol>
 *   <li>the status is below 500;
 *   <li>a 4xx is {@code application/problem+json} with {@code type}, {@code title}, {@code status} (the
 *       HTTP status) and {@code detail};
 *   <li>the response is one that {@code openapi.yaml} describes ({@code Contract.FILTER});
 *   <li>a rejected request (4xx) wrote nothing to the database, apart from what a rejection writes by
 *       design ({@link #writableWhenRejected});
 *   <li>no response body shows a configuration token or the Jira system token.
 * </ol>
 *
 * <p>An operation added to the contract is fuzzed as soon as it is described; one the fuzzer cannot
 * generate for (a keyword or type it does not know, a parameter outside the query, an unknown security
 * scheme, no sample request in {@link FuzzWorld}) fails {@link #everyOperationWithInputs_canBeFuzzed}.
 *
 * <p>Run it alone with {@code ./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=SchemaFuzzIT}. Each run draws a new random seed and prints it with statistics of what the
 * requests got; a failure names the seed, the try, the whole request and the service's log file. Repeat a
 * failing run exactly by adding {@code -Dfuzz.seed=<seed>}; {@code -Dfuzz.tries=<n>} runs more tries.
 */
class SchemaFuzzIT {

    private static final String PROBLEM = "urn:pylon:jira:problem:";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedPostgres database;
    private static Connection sql;
    private static Path log;
    private static ServiceProcess service;
    private static FuzzWorld world;
    private static DatabaseFingerprint fingerprint;
    private static FuzzedRequests requests;

    @BeforeAll
    static void startTheServiceAndBuildTheWorld() throws Exception {
        Path work = Files.createTempDirectory("pylon-jira-fuzz");
        log = work.resolve("service.log");
        database = EmbeddedDatabase.start(work.resolve("postgres"), 0);
        Map<String, String> environment =
                new HashMap<>(ServiceProcess.testEnvironment(database.getJdbcUrl("postgres", "postgres")));
        // The fuzzer tries wrong configuration tokens hundreds of times on purpose. At the production limit
        // of ten per organization and site (and a hundred per address), nearly every registration would soon
        // get 429, and the code behind the throttle would go unfuzzed. TokenRedemptionTest tests it.
        environment.put("PYLON_JIRA_CONFIGURATION_TOKEN_MAX_FAILED_ATTEMPTS", "1000000");
        environment.put("PYLON_JIRA_CONFIGURATION_TOKEN_MAX_FAILED_ATTEMPTS_PER_ADDRESS", "1000000");
        service = ServiceProcess.start(ServiceProcess.JAR, List.of(), environment, log);
        sql = database.getPostgresDatabase().getConnection();
        world = FuzzWorld.create(service, sql);
        fingerprint = new DatabaseFingerprint(sql);
        requests = new FuzzedRequests(world, FuzzedOperation.all());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (sql != null) {
            sql.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyOperationWithInputs_canBeFuzzed() {
        List<String> gaps = new ArrayList<>();
        for (ContractOperations.Described operation : ContractOperations.all()) {
            if (!FuzzedOperation.hasInputs(operation)) {
                continue;
            }
            FuzzedOperation.unsupported(operation).forEach(gap -> gaps.add(operation.name() + ": " + gap));
            List<String> schemes = operation.securitySchemes();
            if (schemes.size() != 1 || world.callers(schemes.get(0)).isEmpty()) {
                gaps.add(operation.name() + ": security " + schemes + " has no callers in FuzzWorld");
            }
            if (world.sample(operation.operationId()).isEmpty()) {
                gaps.add(operation.name() + ": no sample request in FuzzWorld.sample");
            }
        }

        assertThat(gaps).as("inputs the schema fuzzer cannot generate; teach it about them").isEmpty();
    }

    @Test
    void requestsShapedByTheSchema_areAnsweredByTheRules() {
        // The samples come first and must be accepted: otherwise the world is broken and every fuzzed
        // request would stop at the same early check.
        for (FuzzedOperation operation : FuzzedOperation.all()) {
            FuzzedRequest sample = requests.sample(operation);
            assertThat(check(sample)).as("%s", sample).matches(operation.operationId() + " 2\\d\\d");
        }

        FuzzRun.check("Requests shaped by the schema", 300, requests.shaped(), SchemaFuzzIT::check);
    }

    @Test
    void requestsThatBreakTheSchema_areAnsweredByTheRules() {
        FuzzRun.check("Requests that break the schema", 300, requests.broken(), SchemaFuzzIT::check);
    }

    @Test
    void requestsThatAreNotJsonOrNotDeclaredAsJson_areAnsweredByTheRules() {
        FuzzRun.check("Requests that are not JSON", 200, requests.unreadable(), SchemaFuzzIT::check);
    }

    /** Sends the request, checks the five rules, and answers the operation and outcome for the report. */
    private static String check(FuzzedRequest request) {
        Map<String, String> before = fingerprint.take();

        Response response = send(request);

        int status = response.statusCode();
        assertThat(status).as("status; see the service log %s", log).isLessThan(500);
        String outcome = request.operation().operationId() + " " + status;
        if (status >= 400) {
            String type = assertProblem(response);
            assertWroteNothing(before, type);
            outcome += " " + type.substring(PROBLEM.length());
        }
        assertNoSecret(response);
        world.restore();
        return outcome;
    }

    private static Response send(FuzzedRequest request) {
        try {
            return request.send(service.uri(""));
        } catch (OpenApiValidationFilter.OpenApiValidationException e) {
            throw new AssertionError("The response is not one openapi.yaml describes; see the service log "
                    + log + "\n" + e.getMessage(), e);
        }
    }

    private static String assertProblem(Response response) {
        assertThat(response.contentType()).as("Content-Type of a %s", response.statusCode())
                .startsWith(PROBLEM_JSON);
        JsonNode problem = readJson(response);
        assertThat(problem.path("type").asText()).as("type").startsWith(PROBLEM);
        assertThat(problem.path("title").asText()).as("title").isNotBlank();
        assertThat(problem.path("status").isInt() ? problem.path("status").asInt() : null).as("status")
                .isEqualTo(response.statusCode());
        assertThat(problem.path("detail").asText()).as("detail").isNotBlank();
        return problem.path("type").asText();
    }

    private static void assertWroteNothing(Map<String, String> before, String problemType) {
        Set<String> written = new TreeSet<>(fingerprint.changedSince(before));

        written.removeAll(writableWhenRejected(problemType));

        assertThat(written).as("tables written by a rejected request").isEmpty();
    }

    /**
     * What a rejection writes by design. A wrong configuration token is counted even though the
     * registration fails: that count is what throttles guessing (GuessThrottle), so it must outlive the
     * failed request.
     */
    private static Set<String> writableWhenRejected(String problemType) {
        return problemType.equals(PROBLEM + "configuration-token-invalid") ? Set.of("failed_token_guess")
                : Set.of();
    }

    private static void assertNoSecret(Response response) {
        String body = response.asString();
        for (String secret : world.secrets()) {
            assertThat(body).as("response body").doesNotContain(secret);
        }
    }

    private static JsonNode readJson(Response response) {
        try {
            return JSON.readTree(response.asByteArray());
        } catch (IOException e) {
            throw new AssertionError("The problem is not JSON: " + response.asString(), e);
        }
    }
}
