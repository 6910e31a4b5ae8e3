package com.usepylon.jira.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.ContractOperations;
import com.usepylon.jira.support.TestKeys;
import com.usepylon.jira.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation in {@code openapi.yaml}, attacked with every kind of bad credential. The operations are
 * read from the contract, so a new operation is tested as soon as it is described; one the matrix cannot
 * call (a request body without a sample, an unknown security scheme, a path parameter) fails the build
 * instead of going untested.
 */
@QuarkusTest
class AuthorizationMatrixTest extends ApiTest {

    private static final String PYLON = "pylonJwt";
    private static final String FORGE = "forgeInvocationToken";
    private static final String PROBLEM = "urn:pylon:jira:problem:";

    /** A body that passes validation for each operation that takes one, so that auth is what is tested. */
    private static final Map<String, Map<String, Object>> SAMPLE_BODIES = Map.of(
            "changeProjects", Map.of("enable", List.of(Catalogues.id(0)), "disable", List.of()),
            "setDefaultProject", Map.of("projectId", Catalogues.id(0)),
            "register", Map.of("organizationId", UUID.randomUUID().toString(),
                    "configurationToken", "pjct_" + "A".repeat(43)),
            "receiveEvent", Catalogues.issueEvent("jira:issue_created", 1_700_000_000_000L,
                    Catalogues.id(0), "20001"),
            "receiveLifecycleEvent", Map.of("eventType", "avi:forge:installed:app"));

    private static final List<Operation> OPERATIONS = readOperations();

    /** One operation of the contract. */
    record Operation(String method, String path, String operationId, List<String> schemes, String description,
            boolean hasBody) {

        String scheme() {
            return schemes.size() == 1 ? schemes.get(0) : null;
        }

        String name() {
            return method.toUpperCase() + " " + path + " (" + operationId + ")";
        }

        Response call(RequestSpecification request) {
            if (hasBody) {
                request = request.contentType(ContentType.JSON).body(SAMPLE_BODIES.get(operationId));
            }
            return request.request(method.toUpperCase(), path);
        }
    }

    /** A bad credential and how to mint it for a fresh organization or site. */
    record BadCredential(String name, Function<UUID, String> pylon, Function<String, String> forge) {
    }

    @TestFactory
    Stream<DynamicTest> everyOperation_isCoveredByTheMatrix() {
        Set<String> described = new HashSet<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : OPERATIONS) {
            described.add(operation.operationId());
            tests.add(dynamicTest(operation.name() + ": has exactly one security scheme the matrix knows",
                    () -> assertThat(operation.scheme())
                            .as("security of %s", operation.name()).isIn(PYLON, FORGE)));
            tests.add(dynamicTest(operation.name() + ": the matrix can call it", () -> {
                assertThat(operation.path()).as("path parameters need a sample value").doesNotContain("{");
                if (operation.hasBody()) {
                    assertThat(SAMPLE_BODIES).as("sample body for %s", operation.operationId())
                            .containsKey(operation.operationId());
                }
            }));
            if (PYLON.equals(operation.scheme())) {
                tests.add(dynamicTest(operation.name() + ": its description names the role", () ->
                        assertThat(operation.description()).containsAnyOf("Role `admin`", "Role `member`")));
            }
        }
        tests.add(dynamicTest("every sample body belongs to an operation", () ->
                assertThat(described).containsAll(SAMPLE_BODIES.keySet())));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyOperation_refusesBadCredentials() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : OPERATIONS) {
            tests.add(dynamicTest(operation.name() + ": no credential",
                    () -> assertUnauthenticated(operation.call(RestAssured.given()))));
            for (BadCredential credential : badCredentials()) {
                tests.add(dynamicTest(operation.name() + ": " + credential.name(), () -> {
                    String token = PYLON.equals(operation.scheme())
                            ? credential.pylon().apply(newOrganization())
                            : credential.forge().apply(newSite());
                    assertUnauthenticated(operation.call(as(token)));
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> pylonOperations_answerByRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : OPERATIONS) {
            if (!PYLON.equals(operation.scheme())) {
                continue;
            }
            if (operation.description().contains("Role `admin`")) {
                tests.add(dynamicTest(operation.name() + ": a member is forbidden", () ->
                        operation.call(asMember(newOrganization())).then().statusCode(403)
                                .contentType("application/problem+json")
                                .body("type", equalTo(PROBLEM + "forbidden"))));
            }
            if (operation.description().contains("Role `member`")) {
                tests.add(dynamicTest(operation.name() + ": a member is let in", () ->
                        assertThat(operation.call(asMember(newOrganization())).statusCode())
                                .isNotIn(401, 403)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> pylonReads_byAnotherOrganizationsAdmin_showNoTraceOfTheLinkedOrganization() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : OPERATIONS) {
            if (PYLON.equals(operation.scheme()) && operation.method().equals("get")) {
                tests.add(dynamicTest(operation.name(), () -> {
                    UUID victim = newOrganization();
                    String site = newSite();
                    Catalogues.connect(victim, site, Catalogues.projects(3));
                    Catalogues.enable(victim, Catalogues.id(0));

                    String body = operation.call(asAdmin(newOrganization())).then().statusCode(200)
                            .extract().asString();

                    assertThat(body).doesNotContain(victim.toString()).doesNotContain(site)
                            .doesNotContain(Catalogues.id(0)).doesNotContain("Project 0");
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void anotherOrganizationsAdmin_seesItsOwnEmptyState() {
        UUID victim = newOrganization();
        Catalogues.connect(victim, newSite(), Catalogues.projects(3));
        Catalogues.enable(victim, Catalogues.id(0), Catalogues.id(1));
        asAdmin(victim).contentType(ContentType.JSON).body(Map.of("projectId", Catalogues.id(0)))
                .put("/api/v1/jira/default-project").then().statusCode(200);
        UUID intruder = newOrganization();
        issueToken(intruder);

        asAdmin(intruder).get("/api/v1/jira/connection").then().statusCode(200)
                .body("organizationId", equalTo(intruder.toString()))
                .body("status", equalTo("NOT_CONNECTED"))
                .body("site", equalTo(null));
        asAdmin(intruder).get("/api/v1/jira/projects").then().statusCode(200).body("items", empty());
        asAdmin(intruder).get("/api/v1/jira/projects?enabled=true").then().statusCode(200)
                .body("items", empty());
        asAdmin(intruder).get("/api/v1/jira/ticket-defaults").then().statusCode(200)
                .body("connected", equalTo(false)).body("projects", empty())
                .body("defaultProject", equalTo(null));
        asAdmin(intruder).get("/api/v1/jira/audit-log").then().statusCode(200)
                .body("items.action", equalTo(List.of("CONFIGURATION_TOKEN_ISSUED")))
                .body("items[0].actor.id", startsWith("user-admin-" + intruder.toString().substring(0, 8)));
    }

    @Test
    void anotherOrganizationsAdmin_cannotChangeTheLinkedOrganizationsProjects() {
        UUID victim = newOrganization();
        Catalogues.connect(victim, newSite(), Catalogues.projects(3));
        UUID intruder = newOrganization();

        asAdmin(intruder).contentType(ContentType.JSON).body(Map.of("enable", List.of(Catalogues.id(0))))
                .patch("/api/v1/jira/projects").then().statusCode(409);
        asAdmin(intruder).contentType(ContentType.JSON).body(Map.of("projectId", Catalogues.id(0)))
                .put("/api/v1/jira/default-project").then().statusCode(409);

        asMember(victim).get("/api/v1/jira/projects?enabled=true").then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void anotherSite_seesNoInstallation() {
        link(newSite(), newOrganization());

        asSite(newSite()).get("/atlassian/v1/registration").then().statusCode(404)
                .body("type", equalTo(PROBLEM + "installation-not-found"));
    }

    private static void assertUnauthenticated(Response response) {
        response.then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(PROBLEM + "unauthenticated"));
    }

    private static List<BadCredential> badCredentials() {
        return List.of(
                new BadCredential("the other side's credential",
                        organization -> Tokens.forge(UUID.randomUUID().toString()),
                        site -> Tokens.pylon("admin", UUID.randomUUID())),
                new BadCredential("expired token",
                        organization -> Tokens.sign(Tokens.pylonClaims("admin", organization,
                                Duration.ofMinutes(-5)), TestKeys.PYLON, null),
                        site -> Tokens.sign(Tokens.forgeClaims(site, Duration.ofMinutes(-5)), TestKeys.FORGE,
                                TestKeys.FORGE_KID)),
                new BadCredential("tampered token",
                        organization -> Tokens.tampered(Tokens.pylon("member", organization),
                                adminClaims(UUID.randomUUID())),
                        site -> Tokens.tampered(Tokens.forge(site),
                                siteClaims(UUID.randomUUID().toString()))),
                new BadCredential("wrong issuer or audience",
                        organization -> Tokens.sign(withIssuer(adminClaims(organization)), TestKeys.PYLON,
                                null),
                        site -> Tokens.sign(withAudience(siteClaims(site)), TestKeys.FORGE,
                                TestKeys.FORGE_KID)),
                new BadCredential("signed by an unpublished key",
                        organization -> Tokens.sign(adminClaims(organization), TestKeys.STRANGER, null),
                        site -> Tokens.sign(siteClaims(site), TestKeys.STRANGER, TestKeys.FORGE_KID)),
                new BadCredential("alg none",
                        organization -> Tokens.unsigned(adminClaims(organization), null),
                        site -> Tokens.unsigned(siteClaims(site), TestKeys.FORGE_KID)),
                new BadCredential("HS256 signed with the public key",
                        organization -> Tokens.hmacWithPublicKey(adminClaims(organization), TestKeys.PYLON,
                                null),
                        site -> Tokens.hmacWithPublicKey(siteClaims(site), TestKeys.FORGE,
                                TestKeys.FORGE_KID)));
    }

    /** Claims of a valid admin token of the organization, valid for an hour. */
    private static JwtClaims adminClaims(UUID organization) {
        return Tokens.pylonClaims("admin", organization, Duration.ofHours(1));
    }

    /** Claims of a valid Forge Invocation Token of the site, valid for an hour. */
    private static JwtClaims siteClaims(String site) {
        return Tokens.forgeClaims(site, Duration.ofHours(1));
    }

    private static JwtClaims withIssuer(JwtClaims claims) {
        claims.setIssuer("https://evil.example.com");
        return claims;
    }

    private static JwtClaims withAudience(JwtClaims claims) {
        claims.setAudience("ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000bad");
        return claims;
    }

    private static List<Operation> readOperations() {
        return ContractOperations.all().stream()
                .map(described -> new Operation(described.method(), described.path(), described.operationId(),
                        described.securitySchemes(), described.node().path("description").asText(""),
                        described.node().has("requestBody")))
                .toList();
    }
}
