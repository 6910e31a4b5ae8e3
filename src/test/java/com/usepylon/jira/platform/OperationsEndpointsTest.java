package com.usepylon.jira.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.usepylon.jira.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest extends ApiTest {

    @Test
    void liveness_isUpWithoutCredentials() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readiness_includesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void openapi_servesTheContractFromTheRepositoryRoot() throws Exception {
        String contract = Files.readString(Path.of("openapi.yaml"));
        String title = contract.lines().filter(line -> line.startsWith("  title:")).findFirst().orElseThrow();

        given().accept("application/yaml").get("/q/openapi").then().statusCode(200)
                .body(containsString(title.trim()))
                .body(containsString("operationId: register"))
                .body(containsString("operationId: generateConfigurationToken"));
    }

    @Test
    void benchmarkYardsticks_areOffOutsideTheBenchmark() {
        given().get("/bench/noop").then().statusCode(404).contentType("application/problem+json");
        asMember(newOrganization()).get("/bench/jwt-noop").then().statusCode(404);
    }

    @Test
    void swaggerUi_isServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
