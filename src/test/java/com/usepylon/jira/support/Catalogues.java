package com.usepylon.jira.support;

import com.usepylon.jira.jiraclient.JiraProject;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Organizations linked to a stubbed Jira site whose catalogue has been read. */
public final class Catalogues {

    public static final int JIRA_PAGE_SIZE = 50;

    private Catalogues() {
    }

    /** Projects {@code P0}, {@code P1}, ... with ids 10000, 10001, ... */
    public static List<JiraProject> projects(int count) {
        List<JiraProject> projects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            projects.add(project(i));
        }
        return projects;
    }

    public static JiraProject project(int number) {
        return new JiraProject(id(number), "P" + number, "Project " + number, "software", false);
    }

    public static String id(int number) {
        return Integer.toString(10_000 + number);
    }

    /** Links the site to the organization, with a Jira system token, and reads its catalogue. */
    public static void connect(UUID organization, String site, List<JiraProject> projects) {
        JiraStub.stubProjects(site, projects, JIRA_PAGE_SIZE);
        JiraStub.stubProjectContentReadable(site);
        String token = ApiTest.issueToken(organization);
        ApiTest.asSiteWithSystemToken(site).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(), "configurationToken", token))
                .put("/atlassian/v1/registration")
                .then().statusCode(200);
        ApiTest.asAdmin(organization).post("/api/v1/jira/projects/refresh").then().statusCode(200);
    }

    public static void enable(UUID organization, String... projectIds) {
        ApiTest.asAdmin(organization).contentType(ContentType.JSON)
                .body(Map.of("enable", List.of(projectIds)))
                .patch("/api/v1/jira/projects")
                .then().statusCode(200);
    }

    /** A Jira event about an issue of the project, as the Atlassian app forwards it. */
    public static Map<String, Object> issueEvent(String type, long timestamp, String projectId,
            String issueId) {
        return Map.of("webhookEvent", type, "timestamp", timestamp,
                "issue", Map.of("id", issueId, "key", "P-" + issueId,
                        "fields", Map.of("project", Map.of("id", projectId), "summary", "Printer on fire")));
    }
}
