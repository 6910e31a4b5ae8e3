package com.usepylon.jira.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Another organization's admin must learn nothing about this organization's Jira link. */
@QuarkusTest
class TenantIsolationTest extends ApiTest {

    @Test
    void connection_ofAnotherOrganization_answersAsNeverConnected() {
        UUID victim = newOrganization();
        String site = newSite();
        link(site, victim);
        UUID intruder = newOrganization();

        Response view = asAdmin(intruder).get("/api/v1/jira/connection");

        view.then().statusCode(200)
                .body("organizationId", equalTo(intruder.toString()))
                .body("status", equalTo("NOT_CONNECTED"));
        assertThat(view.asString()).doesNotContain(site).doesNotContain(victim.toString());
    }

    @Test
    void disconnect_byAnotherOrganizationsAdmin_leavesTheLinkAlone() {
        UUID victim = newOrganization();
        String site = newSite();
        link(site, victim);

        asAdmin(newOrganization()).delete("/api/v1/jira/connection").then().statusCode(204);

        asMember(victim).get("/api/v1/jira/connection").then().body("status", equalTo("CONNECTED"));
        asSite(site).get("/atlassian/v1/registration").then().statusCode(200);
    }

    @Test
    void auditLog_showsOnlyTheCallersOrganization() {
        UUID victim = newOrganization();
        link(newSite(), victim);
        UUID intruder = newOrganization();
        issueToken(intruder);

        List<String> actions = asAdmin(intruder).get("/api/v1/jira/audit-log")
                .then().statusCode(200).extract().path("items.action");

        assertThat(actions).containsExactly("CONFIGURATION_TOKEN_ISSUED");
    }

    @Test
    void registration_ofAnotherSite_isNotVisibleToThisSite() {
        link(newSite(), newOrganization());

        asSite(newSite()).get("/atlassian/v1/registration").then().statusCode(404);
    }

    @Test
    void clear_byAnotherSite_leavesTheLinkAlone() {
        UUID organization = newOrganization();
        String site = newSite();
        link(site, organization);

        asSite(newSite()).delete("/atlassian/v1/registration").then().statusCode(204);

        asSite(site).get("/atlassian/v1/registration").then().statusCode(200);
    }

    @Test
    void token_generatedByAnotherOrganization_doesNotRevokeThisOrganizationsToken() {
        UUID organization = newOrganization();
        String token = issueToken(organization);
        issueToken(newOrganization());

        register(newSite(), organization, token).then().statusCode(200);
    }
}
