package com.usepylon.jira.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.jiraclient.JiraProject;
import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.JiraStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DefaultProjectTest extends ApiTest {

    private static final String DEFAULT_PROJECT = "/api/v1/jira/default-project";
    private static final String TICKET_DEFAULTS = "/api/v1/jira/ticket-defaults";

    @Test
    void ticketDefaults_withoutALinkedSite_sayNotConnected() {
        asMember(newOrganization()).get(TICKET_DEFAULTS).then().statusCode(200)
                .body("connected", equalTo(false))
                .body("defaultProject", equalTo(null))
                .body("projects", equalTo(List.of()));
    }

    @Test
    void choose_anEnabledProject_makesItTheDefaultTheTicketFormPreFills() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(3));
        Catalogues.enable(organization, Catalogues.id(1), Catalogues.id(2));

        choose(organization, Catalogues.id(2)).then().statusCode(200)
                .body("key", equalTo("P2")).body("usable", equalTo(true));

        asMember(organization).get(TICKET_DEFAULTS).then()
                .body("connected", equalTo(true))
                .body("defaultProject.key", equalTo("P2"))
                .body("projects.key", equalTo(List.of("P1", "P2")));
        asMember(organization).queryParam("q", "P2").get("/api/v1/jira/projects").then()
                .body("items[0].isDefault", equalTo(true));
    }

    @Test
    void choose_anotherProject_replacesTheDefault() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(2));
        Catalogues.enable(organization, Catalogues.id(0), Catalogues.id(1));
        choose(organization, Catalogues.id(0)).then().statusCode(200);

        choose(organization, Catalogues.id(1)).then().statusCode(200);

        asMember(organization).queryParam("q", "P").get("/api/v1/jira/projects").then()
                .body("items.isDefault", equalTo(List.of(false, true)));
    }

    @Test
    void choose_aDisabledProject_isRejectedSayingWhy() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(1));

        choose(organization, Catalogues.id(0)).then().statusCode(422)
                .body("type", equalTo("urn:pylon:jira:problem:project-not-usable"))
                .body("reason", equalTo("disabled"))
                .body("detail", containsString("Enable it first"));
    }

    @Test
    void choose_aBlockedProject_isRejectedSayingWhy() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        JiraStub.stubProjectBlocked(site, Catalogues.id(0));
        asAdmin(organization).post("/api/v1/jira/projects/refresh").then().statusCode(200);

        choose(organization, Catalogues.id(0)).then().statusCode(422)
                .body("reason", equalTo("blocked"))
                .body("detail", containsString("app access rules"));
    }

    @Test
    void choose_anUnknownProject_isNotFound() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(1));

        choose(organization, "31337").then().statusCode(404)
                .body("type", equalTo("urn:pylon:jira:problem:not-found"));
    }

    @Test
    void choose_anIdWithTheCharacterNul_isRejectedAsInvalid() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(1));

        choose(organization, Catalogues.id(0) + "\u0000").then().statusCode(400)
                .body("type", equalTo("urn:pylon:jira:problem:validation-failed"))
                .body("errors[0].field", equalTo("projectId"));
    }

    @Test
    void disablingTheDefault_stopsOfferingIt_saysSoInTheConnectionView_andIsAudited() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(2));
        Catalogues.enable(organization, Catalogues.id(0), Catalogues.id(1));
        choose(organization, Catalogues.id(0)).then().statusCode(200);
        asMember(organization).get(TICKET_DEFAULTS).then().body("defaultProject.key", equalTo("P0"));

        asAdmin(organization).contentType(ContentType.JSON).body(Map.of("disable", List.of(Catalogues.id(0))))
                .patch("/api/v1/jira/projects").then().statusCode(200);

        asMember(organization).get(TICKET_DEFAULTS).then()
                .body("defaultProject", equalTo(null))
                .body("projects.key", equalTo(List.of("P1")));
        asMember(organization).get("/api/v1/jira/connection").then()
                .body("defaultProject.key", equalTo("P0"))
                .body("defaultProject.usable", equalTo(false))
                .body("defaultProject.problem", containsString("disabled"));
        assertThat(actions(organization)).contains("DEFAULT_PROJECT_NEEDS_ATTENTION");
    }

    @Test
    void blockingTheDefault_stopsOfferingIt() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        choose(organization, Catalogues.id(0)).then().statusCode(200);
        JiraStub.stubProjectBlocked(site, Catalogues.id(0));

        asAdmin(organization).post("/api/v1/jira/projects/refresh").then().statusCode(200);

        asMember(organization).get(TICKET_DEFAULTS).then().body("defaultProject", equalTo(null));
        asMember(organization).get("/api/v1/jira/connection").then()
                .body("defaultProject.problem", containsString("app access rules"));
    }

    @Test
    void deletingTheDefaultInJira_stopsOfferingIt() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(2));
        Catalogues.enable(organization, Catalogues.id(0), Catalogues.id(1));
        choose(organization, Catalogues.id(0)).then().statusCode(200);
        JiraStub.stubProjects(site,
                List.of(new JiraProject(Catalogues.id(1), "P1", "Project 1", "software", false)),
                Catalogues.JIRA_PAGE_SIZE);

        asAdmin(organization).post("/api/v1/jira/projects/refresh").then().statusCode(200);

        asMember(organization).get(TICKET_DEFAULTS).then().body("defaultProject", equalTo(null));
        asMember(organization).get("/api/v1/jira/connection").then()
                .body("defaultProject.problem", containsString("deleted or archived"));
        assertThat(actions(organization)).contains("DEFAULT_PROJECT_NEEDS_ATTENTION");
    }

    @Test
    void clear_removesTheDefault_andIsIdempotent() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        choose(organization, Catalogues.id(0)).then().statusCode(200);

        asAdmin(organization).delete(DEFAULT_PROJECT).then().statusCode(204);
        asAdmin(organization).delete(DEFAULT_PROJECT).then().statusCode(204);

        asMember(organization).get(TICKET_DEFAULTS).then().body("defaultProject", equalTo(null));
        asMember(organization).get("/api/v1/jira/connection").then().body("defaultProject", equalTo(null));
        assertThat(actions(organization)).containsOnlyOnce("DEFAULT_PROJECT_CLEARED");
    }

    @Test
    void ticketDefaults_followEveryChangeAtOnce() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(2));
        asMember(organization).get(TICKET_DEFAULTS).then().body("projects", equalTo(List.of()));

        Catalogues.enable(organization, Catalogues.id(0));
        asMember(organization).get(TICKET_DEFAULTS).then().body("projects.key", equalTo(List.of("P0")));

        asAdmin(organization).delete("/api/v1/jira/connection").then().statusCode(204);
        asMember(organization).get(TICKET_DEFAULTS).then().body("connected", equalTo(false));
    }

    private static Response choose(UUID organization, String projectId) {
        return asAdmin(organization).contentType(ContentType.JSON).body(Map.of("projectId", projectId))
                .put(DEFAULT_PROJECT);
    }

    private static List<String> actions(UUID organization) {
        return asAdmin(organization).get("/api/v1/jira/audit-log").path("items.action");
    }
}
