package com.usepylon.jira.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.usepylon.jira.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestIdTest extends ApiTest {

    private static final String UUID_FORMAT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void requestWithoutId_getsAFreshOne() {
        String id = given().get("/api/v1/jira/connection").then().statusCode(401)
                .extract().header(RequestIds.HEADER);

        assertThat(id).matches(UUID_FORMAT);
    }

    @Test
    void requestWithAPlainId_keepsIt() {
        String sent = "edge-" + UUID.randomUUID() + ".1_a";

        String returned = asMember(newOrganization()).header(RequestIds.HEADER, sent)
                .get("/api/v1/jira/connection").then().statusCode(200).extract().header(RequestIds.HEADER);

        assertThat(returned).isEqualTo(sent);
    }

    @Test
    void requestWithAnUnsafeId_getsAFreshOneInstead() {
        for (String unsafe : List.of("x".repeat(65), "two words", "line\tbreak", "quote\"d", "semi;colon")) {
            String returned = given().header(RequestIds.HEADER, unsafe).get("/api/v1/jira/connection")
                    .then().extract().header(RequestIds.HEADER);

            assertThat(returned).as(unsafe).matches(UUID_FORMAT);
        }
    }

    @Test
    void logLinesOfARequest_carryItsId_andTheNextRequestsCarryTheirOwn() {
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();

        try (LogCapture logs = LogCapture.debug("com.usepylon")) {
            given().header(RequestIds.HEADER, first).get("/api/v1/jira/connection").then().statusCode(401);
            given().header(RequestIds.HEADER, second).get("/api/v1/jira/audit-log").then().statusCode(401);
            String generated = given().get("/api/v1/jira/projects").then().statusCode(401)
                    .extract().header(RequestIds.HEADER);

            assertThat(requestIdOfLineAbout(logs, "/api/v1/jira/connection")).isEqualTo(first);
            assertThat(requestIdOfLineAbout(logs, "/api/v1/jira/audit-log")).isEqualTo(second);
            assertThat(requestIdOfLineAbout(logs, "/api/v1/jira/projects")).isEqualTo(generated);
        }
    }

    /** The request id of the service's log line that names the path (the 401 is logged at DEBUG). */
    private static String requestIdOfLineAbout(LogCapture logs, String path) {
        return logs.records().stream()
                .filter(record -> record.category().startsWith("com.usepylon"))
                .filter(record -> record.message().contains(path))
                .map(LogCapture.Captured::requestId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No log line names " + path));
    }
}
