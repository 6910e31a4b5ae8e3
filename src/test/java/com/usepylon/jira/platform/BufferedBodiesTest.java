package com.usepylon.jira.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
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
