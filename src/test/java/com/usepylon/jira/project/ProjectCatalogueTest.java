package com.usepylon.jira.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.usepylon.jira.jiraclient.JiraProject;
import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.JiraStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectCatalogueTest extends ApiTest {

    private static final String PROJECTS = "/api/v1/jira/projects";

    @Test
    void sync_readsEveryPage_andNewProjectsStartDisabled() {
        UUID organization = newOrganization();

        Catalogues.connect(organization, newSite(), Catalogues.projects(120));

        Response page = asMember(organization).queryParam("limit", 200).get(PROJECTS);
        page.then().statusCode(200).body("items", hasSize(120)).body("nextCursor", equalTo(null));
        assertThat(page.jsonPath().getList("items.enabled", Boolean.class)).containsOnly(false);
        assertThat(page.jsonPath().getList("items.access", String.class)).containsOnly("OK");
        asMember(organization).get("/api/v1/jira/connection").then()
                .body("projects.total", equalTo(120))
                .body("projects.enabled", equalTo(0))
                .body("catalogue.lastError", equalTo(null));
    }

    @Test
    void sync_afterLinking_runsInTheBackground() throws Exception {
        UUID organization = newOrganization();
        String site = newSite();
        JiraStub.stubProjects(site, Catalogues.projects(3), Catalogues.JIRA_PAGE_SIZE);
        JiraStub.stubProjectContentReadable(site);

        asSiteWithSystemToken(site).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(),
                        "configurationToken", issueToken(organization)))
                .put("/atlassian/v1/registration").then().statusCode(200);

        int total = 0;
        for (int attempt = 0; attempt < 100 && total < 3; attempt++) {
            Thread.sleep(100);
            total = asMember(organization).get("/api/v1/jira/connection").path("projects.total");
        }
        assertThat(total).isEqualTo(3);
    }

    @Test
    void sync_ofTenThousandProjects_keepsThemAll() {
        UUID organization = newOrganization();

        Catalogues.connect(organization, newSite(), Catalogues.projects(10_000));

        asMember(organization).get("/api/v1/jira/connection").then().body("projects.total", equalTo(10_000));
        asMember(organization).queryParam("q", "P9999").get(PROJECTS).then()
                .body("items.id", equalTo(List.of(Catalogues.id(9999))));
    }

    @Test
    void sync_dropsDeletedAndArchivedProjects_fromWhatIsOffered() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(4));
        Catalogues.enable(organization, Catalogues.id(0), Catalogues.id(1), Catalogues.id(2));
        List<JiraProject> later = new ArrayList<>(Catalogues.projects(4));
        later.remove(1);
        later.set(1, new JiraProject(Catalogues.id(2), "P2", "Project 2", "software", true));
        JiraStub.stubProjects(site, later, Catalogues.JIRA_PAGE_SIZE);

        asAdmin(organization).post(PROJECTS + "/refresh").then().statusCode(200)
                .body("total", equalTo(2))
                .body("removed", equalTo(2));

        asMember(organization).get(PROJECTS).then().body("items.key", equalTo(List.of("P0", "P3")));
        asMember(organization).get("/api/v1/jira/ticket-defaults").then()
                .body("projects.key", equalTo(List.of("P0")));
    }

    @Test
    void list_pagesWithAnOpaqueCursor_withoutGapsOrRepeats() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(25));

        List<String> keys = new ArrayList<>();
        String cursor = null;
        do {
            var request = asMember(organization).queryParam("limit", 10);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(PROJECTS);
            keys.addAll(page.jsonPath().getList("items.key", String.class));
            cursor = page.path("nextCursor");
        } while (cursor != null);

        assertThat(keys).hasSize(25).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void list_filtersByKeyOrNameIgnoringCase_andByEnabled() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, List.of(
                new JiraProject("1", "SUP", "Support", "service_desk", false),
                new JiraProject("2", "ENG", "Engineering", "software", false),
                new JiraProject("3", "OPS", "Customer support ops", "software", false)));
        Catalogues.enable(organization, "2");

        asMember(organization).queryParam("q", "sUpPoRt").get(PROJECTS).then()
                .body("items.key", equalTo(List.of("OPS", "SUP")));
        asMember(organization).queryParam("q", "eng").get(PROJECTS).then()
                .body("items.key", equalTo(List.of("ENG")));
        asMember(organization).queryParam("enabled", true).get(PROJECTS).then()
                .body("items.key", equalTo(List.of("ENG")));
        asMember(organization).queryParam("enabled", false).queryParam("q", "%").get(PROJECTS).then()
                .body("items", hasSize(0));
    }

    @Test
    void list_rejectsABadLimitOrEnabledFilter() {
        UUID organization = newOrganization();

        asMember(organization).queryParam("limit", 201).get(PROJECTS).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        asMember(organization).queryParam("enabled", "yes").get(PROJECTS).then().statusCode(400)
                .body("errors[0].field", equalTo("enabled"));
    }

    @Test
    void list_searchWithTheCharacterNul_isRejectedAsInvalid() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(1));

        asMember(organization).queryParam("q", "P\u0000").get(PROJECTS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:validation-failed"));
    }

    @Test
    void list_withoutALinkedSite_isEmpty() {
        asMember(newOrganization()).get(PROJECTS).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void change_enablesAndDisablesInOneRequest() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(3));
        Catalogues.enable(organization, Catalogues.id(0), Catalogues.id(1));

        asAdmin(organization).contentType(ContentType.JSON)
                .body(Map.of("enable", List.of(Catalogues.id(2)), "disable", List.of(Catalogues.id(0))))
                .patch(PROJECTS)
                .then().statusCode(200).body("enabled", equalTo(1)).body("disabled", equalTo(1));

        asMember(organization).queryParam("enabled", true).get(PROJECTS).then()
                .body("items.key", equalTo(List.of("P1", "P2")));
    }

    @Test
    void change_withUnknownIds_changesNothing_andListsThem() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(2));

        asAdmin(organization).contentType(ContentType.JSON)
                .body(Map.of("enable", List.of(Catalogues.id(0), "999", "42")))
                .patch(PROJECTS)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:unknown-projects"))
                .body("unknownProjectIds", equalTo(List.of("42", "999")));

        asMember(organization).queryParam("enabled", true).get(PROJECTS).then().body("items", hasSize(0));
    }

    @Test
    void change_anIdWithTheCharacterNul_isRejectedAsInvalid_andChangesNothing() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(2));

        asAdmin(organization).contentType(ContentType.JSON)
                .body(Map.of("enable", List.of(Catalogues.id(0), Catalogues.id(1) + "\u0000")))
                .patch(PROJECTS)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:validation-failed"));

        asMember(organization).queryParam("enabled", true).get(PROJECTS).then().body("items", hasSize(0));
    }

    @Test
    void change_sameIdInBothLists_isRejected() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(1));

        asAdmin(organization).contentType(ContentType.JSON)
                .body(Map.of("enable", List.of(Catalogues.id(0)), "disable", List.of(Catalogues.id(0))))
                .patch(PROJECTS)
                .then().statusCode(422).body("type", equalTo("urn:pylon:jira:problem:conflicting-projects"));
    }

    @Test
    void change_tenThousandIdsInOneRequest_isApplied() {
        UUID organization = newOrganization();
        List<JiraProject> projects = Catalogues.projects(10_000);
        Catalogues.connect(organization, newSite(), projects);

        asAdmin(organization).contentType(ContentType.JSON)
                .body(Map.of("enable", projects.stream().map(JiraProject::id).toList()))
                .patch(PROJECTS)
                .then().statusCode(200).body("enabled", equalTo(10_000));

        asMember(organization).get("/api/v1/jira/connection").then()
                .body("projects.enabled", equalTo(10_000));
    }

    @Test
    void change_moreThanTenThousandIds_isRejected() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            ids.add(Integer.toString(i));
        }

        asAdmin(organization).contentType(ContentType.JSON).body(Map.of("enable", ids)).patch(PROJECTS)
                .then().statusCode(400).body("type", equalTo("urn:pylon:jira:problem:validation-failed"));
    }

    @Test
    void writes_asMember_areForbidden() {
        UUID organization = newOrganization();
        Catalogues.connect(organization, newSite(), Catalogues.projects(1));

        asMember(organization).contentType(ContentType.JSON).body(Map.of("enable", List.of(Catalogues.id(0))))
                .patch(PROJECTS).then().statusCode(403);
        asMember(organization).post(PROJECTS + "/refresh").then().statusCode(403);
        asMember(organization).contentType(ContentType.JSON).body(Map.of("projectId", Catalogues.id(0)))
                .put("/api/v1/jira/default-project").then().statusCode(403);
        asMember(organization).delete("/api/v1/jira/default-project").then().statusCode(403);
    }

    @Test
    void anotherOrganizationsProjects_answerAsAbsent() {
        UUID owner = newOrganization();
        Catalogues.connect(owner, newSite(), Catalogues.projects(2));
        UUID intruder = newOrganization();
        Catalogues.connect(intruder, newSite(),
                List.of(new JiraProject("77", "MINE", "Mine", "software", false)));

        asAdmin(intruder).get(PROJECTS).then().body("items.key", equalTo(List.of("MINE")));
        asAdmin(intruder).contentType(ContentType.JSON).body(Map.of("enable", List.of(Catalogues.id(0))))
                .patch(PROJECTS).then().statusCode(422)
                .body("unknownProjectIds", equalTo(List.of(Catalogues.id(0))));
        asAdmin(intruder).contentType(ContentType.JSON).body(Map.of("projectId", Catalogues.id(0)))
                .put("/api/v1/jira/default-project").then().statusCode(404);
        asMember(owner).queryParam("enabled", true).get(PROJECTS).then().body("items", hasSize(0));
    }

    @Test
    void refresh_withoutALinkedSite_saysToConnectFirst() {
        asAdmin(newOrganization()).post(PROJECTS + "/refresh").then().statusCode(409)
                .body("type", equalTo("urn:pylon:jira:problem:not-connected"))
                .body("detail", containsString("generate a configuration token"));
    }

    @Test
    void refresh_whenJiraRejectsTheCredentials_marksTheConnectionAsNeedingAttention() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        JiraStub.stubProjectSearch(site, JiraStub.status(401));

        asAdmin(organization).post(PROJECTS + "/refresh").then().statusCode(409)
                .body("type", equalTo("urn:pylon:jira:problem:jira-needs-attention"));

        asMember(organization).get("/api/v1/jira/connection").then()
                .body("status", equalTo("CONNECTED"))
                .body("attention.reason", containsString("credentials"))
                .body("catalogue.lastError", containsString("credentials"));
        List<String> actions = asAdmin(organization).get("/api/v1/jira/audit-log").path("items.action");
        assertThat(actions).contains("CONNECTION_NEEDS_ATTENTION");
    }

    @Test
    void refresh_whenJiraStaysUnavailable_answersServiceUnavailable_andKeepsTheCatalogue() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(2));
        JiraStub.stubProjectSearch(site, JiraStub.status(503));

        asAdmin(organization).post(PROJECTS + "/refresh").then().statusCode(503)
                .body("type", equalTo("urn:pylon:jira:problem:jira-unavailable"));

        asMember(organization).get("/api/v1/jira/connection").then()
                .body("projects.total", equalTo(2))
                .body("attention", equalTo(null));
    }

    @Test
    void refresh_findsAProjectBlockedByAppAccessRules_andLiftsTheBlockOnceReadableAgain() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(3));
        Catalogues.enable(organization, Catalogues.id(0), Catalogues.id(1));
        JiraStub.stubProjectBlocked(site, Catalogues.id(1));

        asAdmin(organization).post(PROJECTS + "/refresh").then().statusCode(200).body("blocked", equalTo(1));

        asMember(organization).queryParam("q", "P1").get(PROJECTS).then()
                .body("items[0].access", equalTo("BLOCKED"))
                .body("items[0].blockedReason", containsString("app access rule"));
        asMember(organization).get("/api/v1/jira/ticket-defaults").then()
                .body("projects.key", equalTo(List.of("P0")));

        JiraStub.stubProjectContentReadable(site, Catalogues.id(1));
        asAdmin(organization).post(PROJECTS + "/refresh").then().statusCode(200)
                .body("unblocked", equalTo(1));
        asMember(organization).get("/api/v1/jira/ticket-defaults").then()
                .body("projects.key", equalTo(List.of("P0", "P1")));
    }
}
