package com.usepylon.jira.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.usepylon.jira.jiraclient.JiraProject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A local stand-in for Jira Cloud's REST API, one server per test JVM. Every site lives under
 * {@code /ex/jira/<cloudId>} as at {@code api.atlassian.com}, and every stub carries its site's cloud id,
 * so tests that each use their own site never see one another's stubs or requests, and no test needs a
 * global reset.
 */
public final class JiraStub {

    private static final WireMockServer SERVER = start();
    private static final String PROJECT_SEARCH = "/rest/api/3/project/search";
    private static final String ISSUE_SEARCH = "/rest/api/3/search/jql";

    private JiraStub() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "jira-stub-shutdown"));
        return server;
    }

    /** For verifying requests: {@code JiraStub.server().verify(4, getRequestedFor(...))}. */
    public static WireMockServer server() {
        return SERVER;
    }

    /** What {@code app.apiBaseUrl} of a Forge token for the site says. */
    public static String baseUrlFor(String cloudId) {
        return "http://localhost:" + SERVER.port() + pathFor(cloudId);
    }

    /** What {@code pylon.jira.api-base-url-pattern} allows in the tests: this stub, nothing else. */
    public static String apiBaseUrlPattern() {
        return "http://localhost:" + SERVER.port() + "/ex/jira/[0-9a-fA-F-]+/?";
    }

    public static String pathFor(String cloudId) {
        return "/ex/jira/" + cloudId;
    }

    /** The site's project list, served in pages of {@code pageSize} whatever the client asks for. */
    public static void stubProjects(String cloudId, List<JiraProject> projects, int pageSize) {
        for (int startAt = 0; startAt == 0 || startAt < projects.size(); startAt += pageSize) {
            SERVER.stubFor(projectPage(cloudId, startAt)
                    .willReturn(page(cloudId, projects, startAt, pageSize)));
        }
    }

    /**
     * The site's project list after the first request for it got each of {@code failures} in turn: for
     * example a 429, then the list.
     */
    public static void stubProjectsAfter(String cloudId, List<JiraProject> projects, int pageSize,
            ResponseDefinitionBuilder... failures) {
        String scenario = "project-search-" + cloudId;
        String state = Scenario.STARTED;
        for (int i = 0; i < failures.length; i++) {
            String next = "failed-" + (i + 1);
            SERVER.stubFor(projectPage(cloudId, 0).inScenario(scenario).whenScenarioStateIs(state)
                    .willSetStateTo(next).willReturn(failures[i]));
            state = next;
        }
        SERVER.stubFor(projectPage(cloudId, 0).inScenario(scenario).whenScenarioStateIs(state)
                .willReturn(page(cloudId, projects, 0, pageSize)));
        for (int startAt = pageSize; startAt < projects.size(); startAt += pageSize) {
            SERVER.stubFor(projectPage(cloudId, startAt)
                    .willReturn(page(cloudId, projects, startAt, pageSize)));
        }
    }

    /** Every request for the site's project list gets this answer, for example {@link #status(int)}. */
    public static void stubProjectSearch(String cloudId, ResponseDefinitionBuilder answer) {
        SERVER.stubFor(tagged(get(urlPathEqualTo(pathFor(cloudId) + PROJECT_SEARCH)), cloudId)
                .willReturn(answer));
    }

    /** Every project's content can be read, unless {@link #stubProjectBlocked} says otherwise. */
    public static void stubProjectContentReadable(String cloudId) {
        SERVER.stubFor(tagged(get(urlPathEqualTo(pathFor(cloudId) + ISSUE_SEARCH)), cloudId).atPriority(10)
                .willReturn(oneIssue()));
    }

    /** App access rules block the project: reading its issues answers 403. */
    public static void stubProjectBlocked(String cloudId, String projectId) {
        SERVER.stubFor(projectContent(cloudId, projectId)
                .willReturn(status(403).withBody("{\"errorMessages\":[\"You do not have permission to view"
                        + " these issues.\"],\"errors\":{}}")));
    }

    /** The project's content can be read again, for example after its block was lifted. */
    public static void stubProjectContentReadable(String cloudId, String projectId) {
        SERVER.stubFor(projectContent(cloudId, projectId).willReturn(oneIssue()));
    }

    public static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"HTTP " + status + "\"],\"errors\":{}}");
    }

    public static ResponseDefinitionBuilder tooManyRequests(String retryAfter) {
        return status(429).withHeader("Retry-After", retryAfter);
    }

    /** Every request that reached the site, oldest first. */
    public static List<LoggedRequest> requests(String cloudId) {
        return SERVER.findAll(toSite(cloudId));
    }

    public static RequestPatternBuilder toSite(String cloudId) {
        return anyRequestedFor(urlPathMatching(Pattern.quote(pathFor(cloudId)) + "(/.*)?"));
    }

    /** Forgets the site's stubs (and with them their scenario) and the requests that reached it. */
    public static void reset(String cloudId) {
        SERVER.removeStubsByMetadata(matchingJsonPath("$.cloudId", equalTo(cloudId)));
        SERVER.removeServeEventsMatching(toSite(cloudId).build());
    }

    private static MappingBuilder projectPage(String cloudId, int startAt) {
        return tagged(get(urlPathEqualTo(pathFor(cloudId) + PROJECT_SEARCH)), cloudId)
                .withQueryParam("startAt", equalTo(String.valueOf(startAt)));
    }

    /** Per-project stubs outrank the site-wide one; of two for the same project, the newer wins. */
    private static MappingBuilder projectContent(String cloudId, String projectId) {
        return tagged(get(urlPathEqualTo(pathFor(cloudId) + ISSUE_SEARCH)), cloudId).atPriority(1)
                .withQueryParam("jql", equalTo("project=" + projectId));
    }

    private static ResponseDefinitionBuilder oneIssue() {
        return json("{\"issues\":[{\"id\":\"10001\"}],\"isLast\":true}");
    }

    private static MappingBuilder tagged(MappingBuilder stub, String cloudId) {
        return stub.withMetadata(Map.of("cloudId", cloudId));
    }

    /** One page as Jira Cloud answers it (PageBeanProject). */
    private static ResponseDefinitionBuilder page(String cloudId, List<JiraProject> projects, int startAt,
            int pageSize) {
        int end = Math.min(projects.size(), startAt + pageSize);
        String self = baseUrlFor(cloudId) + PROJECT_SEARCH + "?maxResults=" + pageSize + "&startAt=";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("self", self + startAt);
        if (end < projects.size()) {
            body.put("nextPage", self + end);
        }
        body.put("maxResults", pageSize);
        body.put("startAt", startAt);
        body.put("total", projects.size());
        body.put("isLast", end >= projects.size());
        body.put("values", projects.subList(startAt, end).stream()
                .map(project -> value(cloudId, project)).toList());
        return json(Json.write(body));
    }

    private static Map<String, Object> value(String cloudId, JiraProject project) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("expand", "description,lead,issueTypes,url,projectKeys,permissions,insight");
        value.put("self", baseUrlFor(cloudId) + "/rest/api/3/project/" + project.id());
        value.put("id", project.id());
        value.put("key", project.key());
        value.put("name", project.name());
        value.put("projectTypeKey", project.type());
        value.put("simplified", false);
        value.put("style", "classic");
        value.put("isPrivate", false);
        if (project.archived()) {
            value.put("archived", true);
        }
        return value;
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
