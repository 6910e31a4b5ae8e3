package com.usepylon.jira.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.TestKeys;
import com.usepylon.jira.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PylonAuthenticationTest extends ApiTest {

    private static final String CONNECTION = "/api/v1/jira/connection";

    @Test
    void noCredential_isUnauthenticatedWithProblemAndChallenge() {
        given().get(CONNECTION)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:pylon:jira:problem:unauthenticated"));
    }

    @Test
    void expiredToken_isUnauthenticated() {
        JwtClaims claims = Tokens.pylonClaims("admin", newOrganization(), Duration.ofMinutes(-5));

        as(Tokens.sign(claims, TestKeys.PYLON, null)).get(CONNECTION).then().statusCode(401);
    }

    @Test
    void tamperedToken_isUnauthenticated() {
        UUID mine = newOrganization();
        String token = Tokens.pylon("member", mine);
        JwtClaims promoted = Tokens.pylonClaims("admin", newOrganization(), Duration.ofHours(1));

        as(Tokens.tampered(token, promoted)).get(CONNECTION).then().statusCode(401);
    }

    @Test
    void tamperedCopyOfATokenAlreadyAccepted_isStillUnauthenticated() {
        UUID mine = newOrganization();
        String token = Tokens.pylon("member", mine);
        as(token).get(CONNECTION).then().statusCode(200);
        JwtClaims promoted = Tokens.pylonClaims("admin", newOrganization(), Duration.ofHours(1));

        as(Tokens.tampered(token, promoted)).get(CONNECTION).then().statusCode(401);
        as(token).get(CONNECTION).then().statusCode(200).body("organizationId", equalTo(mine.toString()));
    }

    @Test
    void wrongIssuer_isUnauthenticated() {
        JwtClaims claims = Tokens.pylonClaims("admin", newOrganization(), Duration.ofHours(1));
        claims.setIssuer("https://evil.example.com");

        as(Tokens.sign(claims, TestKeys.PYLON, null)).get(CONNECTION).then().statusCode(401);
    }

    @Test
    void signedByAnotherKey_isUnauthenticated() {
        JwtClaims claims = Tokens.pylonClaims("admin", newOrganization(), Duration.ofHours(1));

        as(Tokens.sign(claims, TestKeys.STRANGER, null)).get(CONNECTION).then().statusCode(401);
    }

    @Test
    void algNone_isUnauthenticated() {
        JwtClaims claims = Tokens.pylonClaims("admin", newOrganization(), Duration.ofHours(1));

        as(Tokens.unsigned(claims, null)).get(CONNECTION).then().statusCode(401);
    }

    @Test
    void hs256SignedWithThePublicKey_isUnauthenticated() {
        JwtClaims claims = Tokens.pylonClaims("admin", newOrganization(), Duration.ofHours(1));

        as(Tokens.hmacWithPublicKey(claims, TestKeys.PYLON, null)).get(CONNECTION).then().statusCode(401);
    }

    @Test
    void forgeInvocationToken_isUnauthenticatedOnThePylonSide() {
        as(Tokens.forge(newSite())).get(CONNECTION).then().statusCode(401);
    }

    @Test
    void tokenWithoutAValidOrganization_isUnauthenticated() {
        JwtClaims claims = Tokens.pylonClaims("admin", newOrganization(), Duration.ofHours(1));
        claims.setClaim("org_id", "not-a-uuid");

        as(Tokens.sign(claims, TestKeys.PYLON, null)).get(CONNECTION)
                .then().statusCode(401)
                .body("detail", equalTo("The Pylon access token has no valid 'org_id' claim. Sign in to Pylon"
                        + " again; if this persists, contact Pylon support."));
    }

    @Test
    void tokenWithoutARole_isForbidden() {
        JwtClaims claims = Tokens.pylonClaims("admin", newOrganization(), Duration.ofHours(1));
        claims.setStringListClaim("groups", List.of("guest"));

        as(Tokens.sign(claims, TestKeys.PYLON, null)).get(CONNECTION).then().statusCode(403);
    }

    @Test
    void member_mayReadTheConnection_butNotTheAuditLog() {
        UUID organization = newOrganization();

        asMember(organization).get(CONNECTION).then().statusCode(200);
        asMember(organization).get("/api/v1/jira/audit-log").then().statusCode(403)
                .body("type", equalTo("urn:pylon:jira:problem:forbidden"));
    }
}
