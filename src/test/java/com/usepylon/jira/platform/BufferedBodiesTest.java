package com.usepylon.jira.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Small bodies are read ahead on the I/O thread within a shared memory budget; every byte taken from the
 * budget must come back, whether the request is answered or its caller goes away mid-body, or the budget
 * would drain and every body would take the slow path for good.
 */
@QuarkusTest
class BufferedBodiesTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BufferedBodies bodies;

    @Test
    void answeredRequests_giveTheirBytesBack() {
        String site = newSite();
        Catalogues.connect(newOrganization(), site, Catalogues.projects(1));

        for (long timestamp = 0; timestamp < 20; timestamp++) {
            asSite(site).contentType(ContentType.JSON)
                    .body(Catalogues.issueEvent("jira:issue_created", timestamp, Catalogues.id(0), "1"))
                    .post("/atlassian/v1/events")
                    .then().statusCode(200).body("reason", equalTo("project_not_enabled"));
        }
        asSite(site).contentType(ContentType.JSON).body(Map.of("webhookEvent", 3))
                .post("/atlassian/v1/events").then().statusCode(400);

        awaitNothingReserved();
    }

    @Test
    void aCallerThatGoesAwayMidBody_givesItsBytesBack() throws Exception {
        URI base = URI.create(RestAssured.baseURI);
        try (Socket socket = new Socket(base.getHost(), RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /atlassian/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Tokens.forge(newSite()) + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"webhookEvent\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitReserved();
        }

        awaitNothingReserved();
    }

    @Test
    void aBodyOverHttp2_streams_andIsAnsweredLikeAnyOther() throws Exception {
        String site = newSite();
        Catalogues.connect(newOrganization(), site, Catalogues.projects(1));
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI events = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/atlassian/v1/events");
        // The JDK client upgrades a plain-text connection to HTTP/2 only on a request without a body.
        http2.send(HttpRequest.newBuilder(events).GET().build(), BodyHandlers.discarding());

        HttpResponse<String> answer = http2.send(HttpRequest.newBuilder(events)
                .header("Authorization", "Bearer " + Tokens.forge(site))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(
                        Catalogues.issueEvent("jira:issue_created", 1L, Catalogues.id(0), "1"))))
                .build(), BodyHandlers.ofString());

        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("project_not_enabled");
        awaitNothingReserved();
    }

    private void awaitReserved() {
        await(() -> bodies.reserved() > 0, "the body to be read ahead");
    }

    private void awaitNothingReserved() {
        await(() -> bodies.reserved() == 0, "every reserved byte to be given back");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
