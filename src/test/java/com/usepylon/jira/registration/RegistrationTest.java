package com.usepylon.jira.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.usepylon.jira.platform.Database;
import com.usepylon.jira.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationTest extends ApiTest {

    @Inject
    Database database;

    @Test
    void get_withoutALink_saysNoPylonInstallationWasFound() {
        asSite(newSite()).get("/atlassian/v1/registration")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("No Pylon installation was found"))
                .body("type", equalTo("urn:pylon:jira:problem:installation-not-found"));
    }

    @Test
    void put_withAValidToken_linksTheSiteAndBothSidesSeeIt() {
        UUID organization = newOrganization();
        String site = newSite();
        String token = issueToken(organization);

        Response response = register(site, organization, token);

        response.then().statusCode(200)
                .body("organizationId", equalTo(organization.toString()))
                .body("organizationName", equalTo("Org " + organization.toString().substring(0, 8)))
                .body("connectedAt", notNullValue());
        asSite(site).get("/atlassian/v1/registration").then().statusCode(200)
                .body("organizationId", equalTo(organization.toString()));
        asMember(organization).get("/api/v1/jira/connection").then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body("site.cloudId", equalTo(site))
                .body("site.url", equalTo("https://" + site.substring(0, 8) + ".atlassian.net"))
                .body("connectedBy", equalTo("557058:admin-of-" + site.substring(0, 8)))
                .body("configurationToken", equalTo(null));
    }

    @Test
    void put_siteNameOrUrlWithTheCharacterNul_isRejected_andTheTokenStaysUsable() {
        UUID organization = newOrganization();
        String site = newSite();
        String token = issueToken(organization);

        Response response = asSite(site).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(), "configurationToken", token,
                        "siteUrl", "https://acme.atlassian.net/\u0000", "siteName", "Acme\u0000"))
                .put("/atlassian/v1/registration");

        response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:validation-failed"))
                .body("errors.field", containsInAnyOrder("siteName", "siteUrl"));
        register(site, organization, token).then().statusCode(200);
    }

    @Test
    void put_siteIdentityComesFromTheTokenNotTheBody() {
        UUID organization = newOrganization();
        String site = newSite();
        String token = issueToken(organization);

        asSite(site).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(), "configurationToken", token,
                        "cloudId", "someone-elses-site", "installationId", "forged"))
                .put("/atlassian/v1/registration")
                .then().statusCode(200);

        assertThat(database.findOne("select cloud_id || ' ' || installation_id from jira_connection"
                + " where organization_id = ?", row -> row.getString(1), organization))
                .contains(site + " ari:cloud:ecosystem::installation/" + site);
    }

    @Test
    void put_sameSiteAndOrganizationAgainWithANewToken_keepsTheLink() {
        UUID organization = newOrganization();
        String site = newSite();
        link(site, organization);

        Response again = register(site, organization, issueToken(organization));

        again.then().statusCode(200).body("organizationId", equalTo(organization.toString()));
        assertThat(links(organization)).isEqualTo(1);
    }

    @Test
    void put_siteLinkedToAnotherOrganization_isConflictThatSaysHowToClearIt_andKeepsTheToken() {
        String site = newSite();
        UUID first = newOrganization();
        UUID second = newOrganization();
        link(site, first);
        String token = issueToken(second);

        Response response = register(site, second, token);

        response.then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:site-already-linked"))
                .body("detail", containsString("Clear installation"));
        asSite(site).delete("/atlassian/v1/registration").then().statusCode(204);
        register(site, second, token).then().statusCode(200);
    }

    @Test
    void put_organizationLinkedToAnotherSite_isConflictThatSaysHowToDisconnect() {
        UUID organization = newOrganization();
        link(newSite(), organization);

        Response response = register(newSite(), organization, issueToken(organization));

        response.then().statusCode(409)
                .body("type", equalTo("urn:pylon:jira:problem:organization-already-linked"))
                .body("detail", containsString("Settings > Integrations > Jira"));
    }

    @Test
    void delete_fromJira_disconnectsThePylonViewToo_andKeepsTheHistory() {
        UUID organization = newOrganization();
        String site = newSite();
        link(site, organization);

        asSite(site).delete("/atlassian/v1/registration").then().statusCode(204);

        asSite(site).get("/atlassian/v1/registration").then().statusCode(404);
        asMember(organization).get("/api/v1/jira/connection").then().statusCode(200)
                .body("status", equalTo("DISCONNECTED"))
                .body("disconnectReason", equalTo("CLEARED_IN_JIRA"))
                .body("site.cloudId", equalTo(site));
        assertThat(links(organization)).isEqualTo(1);
    }

    @Test
    void delete_fromPylon_disconnectsTheJiraViewToo() {
        UUID organization = newOrganization();
        String site = newSite();
        link(site, organization);

        asAdmin(organization).delete("/api/v1/jira/connection").then().statusCode(204);

        asSite(site).get("/atlassian/v1/registration").then().statusCode(404);
        asMember(organization).get("/api/v1/jira/connection").then()
                .body("status", equalTo("DISCONNECTED"))
                .body("disconnectReason", equalTo("CLEARED_IN_PYLON"))
                .body("disconnectedBy", equalTo("user-admin-" + organization.toString().substring(0, 8)));
    }

    @Test
    void delete_twiceFromEitherSide_answersNoContentBothTimes() {
        UUID organization = newOrganization();
        String site = newSite();
        link(site, organization);

        asSite(site).delete("/atlassian/v1/registration").then().statusCode(204);
        asSite(site).delete("/atlassian/v1/registration").then().statusCode(204);
        asAdmin(organization).delete("/api/v1/jira/connection").then().statusCode(204);
        asAdmin(organization).delete("/api/v1/jira/connection").then().statusCode(204);

        assertThat(database.findOne("select count(*) from audit_entry where organization_id = ?"
                + " and action = 'CONNECTION_CLEARED'", row -> row.getInt(1), organization)).contains(1);
    }

    @Test
    void delete_fromPylonAsMember_isForbiddenAndKeepsTheLink() {
        UUID organization = newOrganization();
        String site = newSite();
        link(site, organization);

        asMember(organization).delete("/api/v1/jira/connection").then().statusCode(403);

        asSite(site).get("/atlassian/v1/registration").then().statusCode(200);
    }

    @Test
    void put_afterDisconnecting_linksAgainWithAFreshToken_andKeepsBothLinksInHistory() {
        UUID organization = newOrganization();
        String site = newSite();
        link(site, organization);
        asAdmin(organization).delete("/api/v1/jira/connection").then().statusCode(204);

        register(site, organization, issueToken(organization)).then().statusCode(200);

        asMember(organization).get("/api/v1/jira/connection").then().body("status", equalTo("CONNECTED"));
        assertThat(links(organization)).isEqualTo(2);
    }

    @Test
    void lifecycle_uninstall_disconnects() {
        UUID organization = newOrganization();
        String site = newSite();
        link(site, organization);

        asSite(site).contentType(ContentType.JSON).body(Map.of("eventType", "avi:forge:uninstalled:app"))
                .post("/atlassian/v1/lifecycle")
                .then().statusCode(200).body("outcome", equalTo("disconnected"));

        asMember(organization).get("/api/v1/jira/connection").then()
                .body("status", equalTo("DISCONNECTED"))
                .body("disconnectReason", equalTo("APP_UNINSTALLED"));
        asSite(site).get("/atlassian/v1/registration").then().statusCode(404);
    }

    @Test
    void lifecycle_installAndUnknownEvents_changeNoLink() {
        UUID organization = newOrganization();
        String site = newSite();
        link(site, organization);

        asSite(site).contentType(ContentType.JSON)
                .body(Map.of("eventType", "avi:forge:installed:app",
                        "id", "ari:cloud:ecosystem::installation/x"))
                .post("/atlassian/v1/lifecycle")
                .then().statusCode(200).body("outcome", equalTo("recorded"));
        asSite(site).contentType(ContentType.JSON).body(Map.of("eventType", "avi:forge:upgraded:app"))
                .post("/atlassian/v1/lifecycle")
                .then().statusCode(200).body("outcome", equalTo("ignored"));

        asSite(site).get("/atlassian/v1/registration").then().statusCode(200);
    }

    @Test
    void lifecycle_withoutEventType_isRejected() {
        asSite(newSite()).contentType(ContentType.JSON).body(Map.of("id", "x"))
                .post("/atlassian/v1/lifecycle")
                .then().statusCode(400)
                .body("type", equalTo("urn:pylon:jira:problem:validation-failed"))
                .body("errors[0].field", equalTo("eventType"));
    }

    private int links(UUID organization) {
        return database.findOne("select count(*) from jira_connection where organization_id = ?",
                row -> row.getInt(1), organization).orElseThrow();
    }
}
