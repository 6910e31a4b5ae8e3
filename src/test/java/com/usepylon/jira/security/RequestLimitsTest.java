package com.usepylon.jira.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The caps on a request body as a whole: its size ({@code quarkus.http.limits.max-body-size}, 2 MB) and
 * how deeply its JSON nests ({@code pylon.http.limits.max-json-nesting-depth}, 64). The caps on single
 * fields (string lengths, 10,000 ids, {@code limit} up to 200) are in the tests of their endpoints.
 */
@QuarkusTest
class RequestLimitsTest extends ApiTest {

    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    private static final int MAX_NESTING_DEPTH = 64;
    private static final String PROBLEM = "urn:pylon:jira:problem:";

    @Test
    void bodyOverTheSizeLimit_isRejectedWithPayloadTooLarge() {
        String body = "{\"enable\":[]" + " ".repeat(MAX_BODY_BYTES) + "}";

        Response response = asAdmin(newOrganization()).contentType(ContentType.JSON).body(body)
                .patch("/api/v1/jira/projects");

        response.then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "payload-too-large"))
                .body("status", equalTo(413))
                .body("instance", equalTo("/api/v1/jira/projects"))
                .body("detail", containsString("at most " + MAX_BODY_BYTES));
    }

    @Test
    void bodyOverTheSizeLimit_isRejectedOnTheAtlassianSideToo() {
        String body = "{\"webhookEvent\":\"jira:issue_created\",\"timestamp\":1" + " ".repeat(MAX_BODY_BYTES)
                + "}";

        asSite(newSite()).contentType(ContentType.JSON).body(body).post("/atlassian/v1/events")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "payload-too-large"));
    }

    @Test
    void chunkedBodyOverTheSizeLimit_isCutOffWithoutAServerError() throws Exception {
        byte[] body = ("{\"enable\":[]" + " ".repeat(MAX_BODY_BYTES) + "}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/jira/projects"))
                .header("Authorization", "Bearer " + Tokens.pylon("admin", newOrganization()))
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);

        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(errors).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void bulkChangeOfTenThousandLongestIds_fitsWithinTheSizeLimit() {
        List<String> ids = IntStream.range(0, 10_000)
                .mapToObj(i -> String.format("%064d", i)).toList();
        Map<String, Object> changes = Map.of("enable", ids);
        String body = "{\"enable\":[\"" + String.join("\",\"", ids) + "\"]}";

        Response response = asAdmin(newOrganization()).contentType(ContentType.JSON).body(changes)
                .patch("/api/v1/jira/projects");

        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isBetween(600_000, MAX_BODY_BYTES / 2);
        response.then().statusCode(409).body("type", equalTo(PROBLEM + "not-connected"));
    }

    @Test
    void bodyNestedDeeperThanTheLimit_isMalformed() {
        String body = "{\"webhookEvent\":\"jira:issue_created\",\"timestamp\":1,\"extra\":"
                + nested(MAX_NESTING_DEPTH + 1) + "}";

        Response response = asSite(newSite()).contentType(ContentType.JSON).body(body)
                .post("/atlassian/v1/events");

        response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "malformed-request"))
                .body("detail", containsString("too deeply"));
    }

    @Test
    void bodyNestedDeeperThanTheLimit_isMalformedOnThePylonSideToo() {
        String body = "{\"enable\":[],\"note\":" + nested(MAX_NESTING_DEPTH + 1) + "}";

        asAdmin(newOrganization()).contentType(ContentType.JSON).body(body).patch("/api/v1/jira/projects")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "malformed-request"))
                .body("detail", containsString("too deeply"));
    }

    @Test
    void eventNestedAsDeeplyAsARichJiraComment_isAccepted() {
        String body = "{\"webhookEvent\":\"comment_created\",\"timestamp\":1,"
                + "\"comment\":{\"id\":\"1\",\"body\":" + nested(40) + "}}";

        asSite(newSite()).contentType(ContentType.JSON).body(body).post("/atlassian/v1/events")
                .then().statusCode(200);
    }

    @Test
    void queryAtTheContractsLengthCaps_inTheWidestCharacters_isAnsweredByTheService() {
        // An emoji is one character to the contract and twelve bytes once percent-encoded: about 7,300
        // bytes of request line, which Quarkus' default limit of 4,096 refused with an empty 414.
        String emoji = "\uD83D\uDE00";

        Response response = asMember(newOrganization())
                .queryParam("q", emoji.repeat(100)).queryParam("cursor", emoji.repeat(500))
                .get("/api/v1/jira/projects");

        response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "validation-failed"));
    }

    /** JSON that nests {@code depth} levels: arrays, with an object every other level. */
    private static String nested(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            boolean object = level % 2 == 1;
            open.append(object ? "{\"content\":" : "[");
            close.insert(0, object ? "}" : "]");
        }
        return open.append("null").append(close).toString();
    }
}
