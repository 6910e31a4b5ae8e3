package com.usepylon.jira.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import com.usepylon.jira.platform.Database;
import com.usepylon.jira.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConfigurationTokenTest extends ApiTest {

    @Inject
    Database database;

    @Test
    void generate_asAdmin_returnsPrefixedTokenWithAtLeast256BitsValidForTenMinutes() {
        UUID organization = newOrganization();
        Instant before = Instant.now();

        Response response = asAdmin(organization).post("/api/v1/jira/configuration-tokens");

        response.then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("organizationId", equalTo(organization.toString()))
                .body("token", matchesPattern("pjct_[A-Za-z0-9_-]{43}"));
        byte[] secret = Base64.getUrlDecoder().decode(response.path("token").toString().substring(5));
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        Instant expiresAt = Instant.parse(response.path("expiresAt"));
        assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(10)).minusSeconds(5),
                Instant.now().plus(Duration.ofMinutes(10)).plusSeconds(5));
    }

    @Test
    void generate_twice_givesDifferentTokens() {
        UUID organization = newOrganization();

        String first = issueToken(organization);
        String second = issueToken(organization);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void generate_storesOnlyTheHashOfTheToken() throws Exception {
        UUID organization = newOrganization();

        String token = issueToken(organization);

        byte[] expectedHash = MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8));
        List<byte[]> stored = database.list(
                "select token_hash from configuration_token where organization_id = ?",
                row -> row.getBytes("token_hash"), organization);
        assertThat(stored).containsExactly(expectedHash);
        List<String> rowsContainingToken = database.list(
                "select id::text from configuration_token t where t::text like ?",
                row -> row.getString(1), "%" + token.substring(5) + "%");
        assertThat(rowsContainingToken).isEmpty();
    }

    @Test
    void generate_again_revokesTheEarlierUnusedToken() {
        UUID organization = newOrganization();
        String earlier = issueToken(organization);
        issueToken(organization);

        Response response = register(newSite(), organization, earlier);

        response.then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:configuration-token-replaced"))
                .body("detail",
                        matchesPattern(".*newer configuration token.*Settings > Integrations > Jira.*"));
        assertThat(database.findOne("""
                select count(*) from configuration_token
                where organization_id = ? and revoked_at is null and redeemed_at is null""",
                row -> row.getInt(1), organization)).contains(1);
    }

    @Test
    void generate_asMember_isForbidden() {
        UUID organization = newOrganization();

        asMember(organization).post("/api/v1/jira/configuration-tokens")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:forbidden"));

        assertThat(database.findOne("select count(*) from configuration_token where organization_id = ?",
                row -> row.getInt(1), organization)).contains(0);
    }

    @Test
    void connectionView_showsWhenTheLiveTokenExpires_butNeverTheToken() {
        UUID organization = newOrganization();
        Response issued = asAdmin(organization).post("/api/v1/jira/configuration-tokens");

        Response view = asMember(organization).get("/api/v1/jira/connection");

        view.then().statusCode(200)
                .body("status", equalTo("NOT_CONNECTED"))
                .body("configurationToken.expiresAt", notNullValue());
        assertThat(Instant.parse(view.path("configurationToken.expiresAt")))
                .isEqualTo(Instant.parse(issued.path("expiresAt")));
        assertThat(view.asString()).doesNotContain(issued.path("token").toString());
    }

    @Test
    void connectionView_readBeforeGenerating_showsTheNewTokensExpiryAtOnce() {
        UUID organization = newOrganization();
        asMember(organization).get("/api/v1/jira/connection").then()
                .body("configurationToken", equalTo(null));

        issueToken(organization);

        asMember(organization).get("/api/v1/jira/connection").then()
                .body("configurationToken.expiresAt", notNullValue());
    }

    @Test
    void connectionView_afterTheTokenExpired_showsNoLiveToken() {
        UUID organization = newOrganization();
        issueToken(organization);
        asMember(organization).get("/api/v1/jira/connection").then()
                .body("configurationToken.expiresAt", notNullValue());

        clock.advance(Duration.ofMinutes(11));

        asMember(organization).get("/api/v1/jira/connection")
                .then().statusCode(200)
                .body("configurationToken", equalTo(null));
    }
}
