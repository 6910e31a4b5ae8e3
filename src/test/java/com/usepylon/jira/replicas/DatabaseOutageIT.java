package com.usepylon.jira.replicas;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.platform.EmbeddedDatabase;
import com.usepylon.jira.support.Contract;
import com.usepylon.jira.support.ServiceProcess;
import com.usepylon.jira.support.Tokens;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database goes away in the middle of a run and comes back; the service follows without a restart. */
class DatabaseOutageIT {

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgres database;
    private static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createTempDirectory("pylon-jira-outage");
        dataDirectory = work.resolve("postgres");
        database = EmbeddedDatabase.start(dataDirectory, 0);
        port = database.getPort();
        service = ServiceProcess.start(ServiceProcess.JAR, List.of(),
                ServiceProcess.testEnvironment(database.getJdbcUrl("postgres", "postgres")),
                work.resolve("service.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        database.close();
    }

    @Test
    void whileTheDatabaseIsDown_readinessIsDownAndRequestsGetAQuick503_andItRecoversWithoutARestart()
            throws Exception {
        UUID organization = UUID.randomUUID();
        member(organization).get("/api/v1/jira/connection").then().statusCode(200);

        database.close();

        long asked = System.nanoTime();
        Response during = member(UUID.randomUUID()).get("/api/v1/jira/connection");
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);
        during.then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:service-unavailable"));
        assertThat(during.header("Retry-After")).isNotBlank();
        assertThat(answeredIn).isLessThan(Duration.ofSeconds(10));
        given().baseUri(service.uri("").toString()).get("/q/health/ready").then().statusCode(503);

        database = EmbeddedDatabase.start(dataDirectory, port);

        int status = 0;
        long restarted = System.nanoTime();
        while (status != 200 && System.nanoTime() - restarted < Duration.ofSeconds(30).toNanos()) {
            status = given().baseUri(service.uri("").toString()).get("/q/health/ready").statusCode();
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo(200);
        member(organization).get("/api/v1/jira/connection").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification member(UUID organization) {
        return given().baseUri(service.uri("").toString()).filter(Contract.FILTER)
                .header("Authorization", "Bearer " + Tokens.pylon("member", organization));
    }
}
