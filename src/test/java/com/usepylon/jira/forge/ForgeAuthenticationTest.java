package com.usepylon.jira.forge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.TestKeys;
import com.usepylon.jira.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ForgeAuthenticationTest extends ApiTest {

    private static final String REGISTRATION = "/atlassian/v1/registration";

    @AfterEach
    void restoreAtlassiansKeys() {
        TestKeys.publishForgeKeys(Map.of(TestKeys.FORGE_KID, TestKeys.FORGE));
    }

    @Test
    void validToken_isAccepted() {
        asSite(newSite()).get(REGISTRATION).then().statusCode(404)
                .body("type", equalTo("urn:pylon:jira:problem:installation-not-found"));
    }

    @Test
    void noCredential_isUnauthenticatedWithProblemAndChallenge() {
        given().get(REGISTRATION)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("detail", equalTo("Send a valid Forge Invocation Token for this app in the"
                        + " Authorization header (Bearer). It may have expired or have been issued for"
                        + " another app."));
    }

    @Test
    void expiredToken_isUnauthenticated() {
        JwtClaims claims = Tokens.forgeClaims(newSite(), Duration.ofMinutes(-5));

        as(sign(claims)).get(REGISTRATION).then().statusCode(401);
    }

    @Test
    void notYetValidToken_isUnauthenticated() {
        JwtClaims claims = Tokens.forgeClaims(newSite(), Duration.ofHours(1));
        claims.setNotBeforeMinutesInThePast(-10);

        as(sign(claims)).get(REGISTRATION).then().statusCode(401);
    }

    @Test
    void tamperedToken_isUnauthenticated() {
        String token = Tokens.forge(newSite());

        as(Tokens.tampered(token, Tokens.forgeClaims(newSite(), Duration.ofHours(1))))
                .get(REGISTRATION).then().statusCode(401);
    }

    @Test
    void wrongIssuer_isUnauthenticated() {
        JwtClaims claims = Tokens.forgeClaims(newSite(), Duration.ofHours(1));
        claims.setIssuer("https://app.usepylon.com");

        as(sign(claims)).get(REGISTRATION).then().statusCode(401);
    }

    @Test
    void tokenForAnotherApp_isUnauthenticated() {
        JwtClaims claims = Tokens.forgeClaims(newSite(), Duration.ofHours(1));
        claims.setAudience("ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555");

        as(sign(claims)).get(REGISTRATION).then().statusCode(401);
    }

    @Test
    void tokenWithoutAudience_isUnauthenticated() {
        JwtClaims claims = Tokens.forgeClaims(newSite(), Duration.ofHours(1));
        claims.unsetClaim("aud");

        as(sign(claims)).get(REGISTRATION).then().statusCode(401);
    }

    @Test
    void algNone_isUnauthenticated() {
        as(Tokens.unsigned(Tokens.forgeClaims(newSite(), Duration.ofHours(1)), TestKeys.FORGE_KID))
                .get(REGISTRATION).then().statusCode(401);
    }

    @Test
    void hs256SignedWithThePublicKey_isUnauthenticated() {
        JwtClaims claims = Tokens.forgeClaims(newSite(), Duration.ofHours(1));

        as(Tokens.hmacWithPublicKey(claims, TestKeys.FORGE, TestKeys.FORGE_KID)).get(REGISTRATION)
                .then().statusCode(401);
    }

    @Test
    void unknownKid_isUnauthenticated() {
        JwtClaims claims = Tokens.forgeClaims(newSite(), Duration.ofHours(1));

        as(Tokens.sign(claims, TestKeys.STRANGER, "not-published")).get(REGISTRATION).then().statusCode(401);
    }

    @Test
    void knownKidButAnotherKey_isUnauthenticated() {
        JwtClaims claims = Tokens.forgeClaims(newSite(), Duration.ofHours(1));

        as(Tokens.sign(claims, TestKeys.STRANGER, TestKeys.FORGE_KID)).get(REGISTRATION).then()
                .statusCode(401);
    }

    @Test
    void keyRotation_newKeyIsAcceptedWithoutARestart_andARetiredKeyIsRefusedAfterTheCacheExpires() {
        asSite(newSite()).get(REGISTRATION).then().statusCode(404);
        KeyPair rotated = TestKeys.generate();
        Map<String, KeyPair> both = new LinkedHashMap<>();
        both.put(TestKeys.FORGE_KID, TestKeys.FORGE);
        both.put("forge-test-key-2", rotated);
        TestKeys.publishForgeKeys(both);

        String signedWithNewKey = Tokens.sign(Tokens.forgeClaims(newSite(), Duration.ofHours(3)), rotated,
                "forge-test-key-2");
        as(signedWithNewKey).get(REGISTRATION).then().statusCode(404);

        TestKeys.publishForgeKeys(Map.of("forge-test-key-2", rotated));
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        asSite(newSite()).get(REGISTRATION).then().statusCode(401);
        as(signedWithNewKey).get(REGISTRATION).then().statusCode(404);
    }

    @Test
    void tokenWithoutCloudId_isUnauthenticated() {
        JwtClaims claims = Tokens.forgeClaims(newSite(), Duration.ofHours(1));
        claims.setClaim("context", Map.of("siteUrl", "https://x.atlassian.net"));

        as(sign(claims)).get(REGISTRATION).then().statusCode(401);
    }

    @Test
    void pylonJwt_isUnauthenticatedOnTheAtlassianSide() {
        asAdmin(newOrganization()).get(REGISTRATION).then().statusCode(401);
    }

    private static String sign(JwtClaims claims) {
        return Tokens.sign(claims, TestKeys.FORGE, TestKeys.FORGE_KID);
    }
}
