package com.usepylon.jira.support;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the API tests. Every response is checked against {@code openapi.yaml}; a response the
 * contract does not describe fails the test. Requests are not checked, so tests can send bad ones.
 */
@QuarkusTestResource(TestEnvironment.class)
public abstract class ApiTest {

    @Inject
    protected TestClock clock;

    @BeforeAll
    static void checkEveryResponseAgainstTheContract() {
        RestAssured.filters(Contract.FILTER);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected static UUID newOrganization() {
        return UUID.randomUUID();
    }

    protected static String newSite() {
        return UUID.randomUUID().toString();
    }

    protected static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    protected static RequestSpecification asAdmin(UUID organizationId) {
        return as(Tokens.pylon("admin", organizationId));
    }

    protected static RequestSpecification asMember(UUID organizationId) {
        return as(Tokens.pylon("member", organizationId));
    }

    protected static RequestSpecification asSite(String cloudId) {
        return as(Tokens.forge(cloudId));
    }

    /** A call from the site that also carries a fresh system token, valid for an hour. */
    protected static RequestSpecification asSiteWithSystemToken(String cloudId) {
        return asSiteWithSystemToken(cloudId, Tokens.systemToken(Duration.ofHours(1)));
    }

    /** A call from the site that also carries the given system token ({@code X-Forge-Oauth-System}). */
    protected static RequestSpecification asSiteWithSystemToken(String cloudId, String systemToken) {
        return asSite(cloudId).header("X-Forge-Oauth-System", systemToken);
    }

    /** Generates a configuration token as an admin of the organization. */
    protected static String issueToken(UUID organizationId) {
        return asAdmin(organizationId).post("/api/v1/jira/configuration-tokens")
                .then().statusCode(201).extract().path("token");
    }

    /** Registers from an address of its own, so that wrong tokens in one test never throttle another. */
    protected static Response register(String cloudId, UUID organizationId, String token) {
        return register(cloudId, organizationId, token, anyAddress());
    }

    /** Registers as a call that a trusted load balancer forwarded from the given address. */
    protected static Response register(String cloudId, UUID organizationId, String token, String address) {
        return asSite(cloudId).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organizationId.toString(), "configurationToken", token,
                        "siteUrl", "https://" + cloudId.substring(0, 8) + ".atlassian.net",
                        "siteName", "Site " + cloudId.substring(0, 8)))
                .put("/atlassian/v1/registration");
    }

    /** A random address in 198.18.0.0/15, the range set aside for tests of network devices. */
    protected static String anyAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198." + random.nextInt(18, 20) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** Links a fresh token's organization to the site and checks that it worked. */
    protected static void link(String cloudId, UUID organizationId) {
        register(cloudId, organizationId, issueToken(organizationId)).then().statusCode(200);
    }
}
