package com.usepylon.jira.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad requests get a problem document that says what to fix, never a stack trace or a class name. */
@QuarkusTest
class ErrorResponseTest extends ApiTest {

    private static final String REGISTRATION = "/atlassian/v1/registration";

    @Test
    void malformedJson_isBadRequest() {
        Response response = asSite(newSite()).contentType(ContentType.JSON).body("{\"organizationId\": ")
                .put(REGISTRATION);

        response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:malformed-request"))
                .body("detail", containsString("not valid JSON"));
        assertNoInternals(response);
    }

    @Test
    void organizationIdThatIsNotAUuid_namesTheField() {
        Response response = asSite(newSite()).contentType(ContentType.JSON)
                .body(Map.of("organizationId", "acme", "configurationToken", "pjct_x")).put(REGISTRATION);

        response.then().statusCode(400)
                .body("type", equalTo("urn:pylon:jira:problem:malformed-request"))
                .body("detail", containsString("'organizationId'"));
        assertNoInternals(response);
    }

    @Test
    void missingFields_areListed() {
        Response response = asSite(newSite()).contentType(ContentType.JSON).body("{}").put(REGISTRATION);

        response.then().statusCode(400)
                .body("type", equalTo("urn:pylon:jira:problem:validation-failed"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("configurationToken",
                        "organizationId"));
    }

    @Test
    void tooLongFields_areRejected() {
        Response response = asSite(newSite()).contentType(ContentType.JSON)
                .body(Map.of("organizationId", newOrganization().toString(), "configurationToken",
                        "x".repeat(201), "siteName", "n".repeat(256), "siteUrl", "javascript:alert(1)"))
                .put(REGISTRATION);

        response.then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("configurationToken",
                        "siteName", "siteUrl"));
    }

    @Test
    void missingBody_isBadRequest() {
        asSite(newSite()).contentType(ContentType.JSON).put(REGISTRATION)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void wrongContentType_isUnsupportedMediaType() {
        asSite(newSite()).contentType(ContentType.TEXT).body("hello").put(REGISTRATION)
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:unsupported-media-type"));
    }

    @Test
    void unknownPath_isNotFoundProblem() {
        Response response = given().get("/api/v1/jira/nothing-here");

        response.then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:not-found"));
    }

    @Test
    void unsupportedMethod_isMethodNotAllowedProblem() {
        asAdmin(newOrganization()).put("/api/v1/jira/connection")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:method-not-allowed"));
    }

    private static void assertNoInternals(Response response) {
        assertThat(response.asString())
                .doesNotContain("java.")
                .doesNotContain("Exception")
                .doesNotContain("com.usepylon")
                .doesNotContain("com.fasterxml")
                .doesNotContainPattern("\\bat [a-z]+\\.");
    }
}
