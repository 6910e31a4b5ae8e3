package com.usepylon.jira.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.Contract;
import com.usepylon.jira.support.JiraStub;
import com.usepylon.jira.support.TestKeys;
import com.usepylon.jira.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * Runs a whole link and event flow, with the service logging at DEBUG, and searches every log record
 * for the secrets that went over the wire and for a request body; then every response after the one that
 * handed out the configuration token, the audit log and the metrics, for the tokens.
 */
@QuarkusTest
class LogRedactionTest extends ApiTest {

    private static final String REGISTRATION = "/atlassian/v1/registration";

    @Test
    void linkAndEventFlow_showsNoTokenInLogs_laterResponses_theAuditLogOrMetrics() {
        UUID organization = newOrganization();
        String site = newSite();
        String pylonJwt = Tokens.pylon("admin", organization);
        String fit = Tokens.forge(site);
        String systemToken = Tokens.systemToken(Duration.ofHours(1));
        String expiredFit = Tokens.sign(Tokens.forgeClaims(site, Duration.ofMinutes(-10)), TestKeys.FORGE,
                TestKeys.FORGE_KID);
        String tamperedJwt = Tokens.tampered(pylonJwt, otherOrganizationClaims());
        String bodyMarker = "body-" + UUID.randomUUID();
        JiraStub.stubProjects(site, Catalogues.projects(1), Catalogues.JIRA_PAGE_SIZE);
        JiraStub.stubProjectContentReadable(site);
        List<String> laterResponses = new ArrayList<>();

        try (LogCapture logs = LogCapture.debug("com.usepylon")) {
            String configurationToken = as(pylonJwt).post("/api/v1/jira/configuration-tokens")
                    .then().statusCode(201).extract().path("token");
            RestAssured.filters(recordingInto(laterResponses));
            runFlow(organization, pylonJwt, fit, systemToken, expiredFit, tamperedJwt, configurationToken,
                    bodyMarker);

            List<String> secrets = secretParts(List.of(configurationToken, pylonJwt, fit, systemToken,
                    expiredFit, tamperedJwt));
            assertThat(logs.records()).as("DEBUG lines of the service")
                    .anyMatch(record -> record.category().startsWith("com.usepylon")
                            && record.level().intValue() < Level.INFO.intValue());
            for (LogCapture.Captured record : logs.records()) {
                String from = "log record of " + record.category();
                for (String secret : secrets) {
                    assertThat(record.text()).as(from).doesNotContain(secret);
                }
                assertThat(record.text()).as(from).doesNotContain(bodyMarker);
            }
            assertThat(laterResponses).as("responses after the token was handed out").hasSizeGreaterThan(10);
            for (String response : laterResponses) {
                for (String secret : secretParts(List.of(configurationToken, systemToken))) {
                    assertThat(response).doesNotContain(secret);
                }
            }
        } finally {
            RestAssured.replaceFiltersWith(Contract.FILTER);
        }
    }

    /** Link with a wrong, the right and a used token, use the link, read the audit log and metrics, clear. */
    private static void runFlow(UUID organization, String pylonJwt, String fit, String systemToken,
            String expiredFit, String tamperedJwt, String configurationToken, String bodyMarker) {
        registration(fit, systemToken, organization, configurationToken + "x").then().statusCode(422);
        registration(fit, systemToken, organization, configurationToken).then().statusCode(200);
        registration(fit, systemToken, organization, configurationToken).then().statusCode(410);
        as(pylonJwt).post("/api/v1/jira/projects/refresh").then().statusCode(200);
        as(pylonJwt).contentType(ContentType.JSON).body(Map.of("enable", List.of(Catalogues.id(0))))
                .patch("/api/v1/jira/projects").then().statusCode(200);
        fromSite(fit, systemToken).contentType(ContentType.JSON).body(event(bodyMarker))
                .post("/atlassian/v1/events").then().body("outcome", equalTo("processed"));
        fromSite(fit, systemToken).contentType(ContentType.JSON)
                .body("{\"webhookEvent\": \"" + bodyMarker).post("/atlassian/v1/events")
                .then().statusCode(400);
        as(tamperedJwt).get("/api/v1/jira/connection").then().statusCode(401);
        fromSite(expiredFit, systemToken).get(REGISTRATION).then().statusCode(401);
        as(pylonJwt).get("/api/v1/jira/connection").then().statusCode(200);
        fromSite(fit, systemToken).get(REGISTRATION).then().statusCode(200);
        as(pylonJwt).get("/api/v1/jira/audit-log").then().statusCode(200)
                .body("items.size()", greaterThan(3));
        fromSite(fit, systemToken).delete(REGISTRATION).then().statusCode(204);
        RestAssured.get("/q/metrics").then().statusCode(200);
    }

    /** Keeps each response's status line, headers and body. */
    private static Filter recordingInto(List<String> responses) {
        return (request, response, context) -> {
            Response answer = context.next(request, response);
            responses.add(answer.getStatusLine() + "\n" + answer.getHeaders() + "\n" + answer.asString());
            return answer;
        };
    }

    private static RequestSpecification fromSite(String fit, String systemToken) {
        return as(fit).header("X-Forge-Oauth-System", systemToken);
    }

    private static Response registration(String fit, String systemToken,
            UUID organization, String configurationToken) {
        return fromSite(fit, systemToken).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(),
                        "configurationToken", configurationToken))
                .put(REGISTRATION);
    }

    private static Map<String, Object> event(String marker) {
        return Map.of("webhookEvent", "jira:issue_created", "timestamp", 1_700_000_000_000L,
                "issue", Map.of("id", "1", "key", "P0-1",
                        "fields", Map.of("project", Map.of("id", Catalogues.id(0)), "summary", marker)));
    }

    private static JwtClaims otherOrganizationClaims() {
        return Tokens.pylonClaims("admin", UUID.randomUUID(), Duration.ofHours(1));
    }

    /**
     * Each secret whole, and the part of it that must never show even alone: a JWT's signature, a
     * configuration token's random part.
     */
    private static List<String> secretParts(List<String> secrets) {
        List<String> parts = new ArrayList<>();
        for (String secret : secrets) {
            parts.add(secret);
            String[] segments = secret.split("\\.");
            if (segments.length == 3) {
                parts.add(segments[2]);
            }
            if (secret.startsWith("pjct_")) {
                parts.add(secret.substring("pjct_".length()));
            }
        }
        return parts;
    }
}
