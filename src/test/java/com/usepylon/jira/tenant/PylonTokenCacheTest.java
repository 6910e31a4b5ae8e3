package com.usepylon.jira.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.TestKeys;
import com.usepylon.jira.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Verified Pylon JWTs are remembered by their exact bytes, and nothing else is. */
@QuarkusTest
class PylonTokenCacheTest extends ApiTest {

    private static final String AUDIT_LOG = "/api/v1/jira/audit-log";

    @Inject
    CachingPylonTokenVerifier verifier;

    @Test
    void aVerifiedToken_isRemembered_andAnswersAsItsOwnOrganizationEveryTime() {
        UUID organization = newOrganization();
        UUID other = newOrganization();
        String token = Tokens.pylon("admin", organization);
        String otherToken = Tokens.pylon("admin", other);
        as(token).post("/api/v1/jira/configuration-tokens").then().statusCode(201);
        as(otherToken).get(AUDIT_LOG).then().statusCode(200);

        assertThat(verifier.remembers(token)).isTrue();
        assertThat(verifier.remembers(otherToken)).isTrue();
        for (int i = 0; i < 2; i++) {
            as(token).get(AUDIT_LOG).then().statusCode(200)
                    .body("items.action", equalTo(List.of("CONFIGURATION_TOKEN_ISSUED")));
            as(otherToken).get(AUDIT_LOG).then().statusCode(200).body("items.size()", equalTo(0));
        }
        as(Tokens.pylon("member", organization)).get(AUDIT_LOG).then().statusCode(403);
    }

    @Test
    void aTamperedCopyOfARememberedToken_isVerifiedInFull_andRefused() {
        String token = Tokens.pylon("admin", newOrganization());
        as(token).get(AUDIT_LOG).then().statusCode(200);

        String tampered = Tokens.tampered(token, Tokens.pylonClaims("admin", newOrganization(),
                Duration.ofHours(1)));

        as(tampered).get(AUDIT_LOG).then().statusCode(401);
        assertThat(verifier.remembers(tampered)).isFalse();
    }

    @Test
    void aTokenThatFailsVerification_isNotRemembered() {
        String expired = Tokens.sign(Tokens.pylonClaims("admin", newOrganization(), Duration.ofMinutes(-10)),
                TestKeys.PYLON, null);

        as(expired).get(AUDIT_LOG).then().statusCode(401);

        assertThat(verifier.remembers(expired)).isFalse();
    }
}
