package com.usepylon.jira.jiraclient;

import static com.usepylon.jira.jiraclient.JiraOperation.CONTENT_PROBE;
import static com.usepylon.jira.jiraclient.JiraOperation.PROJECT_SEARCH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usepylon.jira.jiraclient.JiraCallException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Jira site's REST API on the app's behalf, with the site's current system token. Every failure is
 * a {@link JiraCallException} whose message tells a person what to do.
 */
@ApplicationScoped
public class JiraClient {

    /** A broken server that never says {@code isLast} must not keep a sync reading forever. */
    static final int MAX_PAGES = 1_000;

    private final JiraTransport transport;
    private final ObjectMapper json;
    private final int pageSize;

    JiraClient(JiraTransport transport, ObjectMapper json, JiraApiConfig config) {
        this.transport = transport;
        this.json = json;
        this.pageSize = config.client().pageSize();
    }

    /**
     * Every project the app can see on the site, archived ones included, read page by page until Jira says
     * {@code isLast}. Each page starts after the projects already read, because Jira may return fewer than
     * asked for.
     *
     * @throws JiraCallException UNAVAILABLE also when the answer cannot be read or runs past
     *     {@value #MAX_PAGES} pages: a partial list must never look like the whole catalogue
     */
    public List<JiraProject> searchProjects(String cloudId) {
        List<JiraProject> projects = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode body = read(transport.get(cloudId, projectSearch(projects.size()), PROJECT_SEARCH),
                    PROJECT_SEARCH);
            JsonNode values = body.path("values");
            if (!values.isArray()) {
                throw unreadable(PROJECT_SEARCH);
            }
            values.forEach(value -> projects.add(project(value)));
            if (body.path("isLast").asBoolean(false) || values.isEmpty()) {
                return projects;
            }
        }
        throw new JiraCallException(Kind.UNAVAILABLE, "Jira's project list did not end after " + MAX_PAGES
                + " pages, so Pylon kept its current list. Contact Pylon support if this persists.");
    }

    /**
     * Reads one issue id of the project, the cheapest read of its content. Jira answers 403 when app access
     * rules block the app from the project, while the project itself stays listed.
     *
     * @param projectId Jira's numeric project id
     * @throws JiraCallException FORBIDDEN when Jira refuses the read; the other kinds as for any call
     */
    public void probeProjectContent(String cloudId, String projectId) {
        if (!projectId.matches("[0-9]+")) {
            throw new IllegalArgumentException("A Jira project id is numeric: " + projectId);
        }

        HttpResponse<byte[]> response = transport.get(cloudId, contentSearch(projectId), CONTENT_PROBE);

        if (response.statusCode() == 403) {
            throw new JiraCallException(Kind.FORBIDDEN, "Jira does not let Pylon read the issues of"
                    + " project " + projectId + ". A Jira admin may have blocked the app from it with app"
                    + " access rules; they can allow it again in Jira's app access settings.");
        }
        requireSuccess(response, CONTENT_PROBE);
    }

    private String projectSearch(int startAt) {
        return "/rest/api/3/project/search?startAt=" + startAt + "&maxResults=" + pageSize;
    }

    private static String contentSearch(String projectId) {
        String jql = URLEncoder.encode("project=" + projectId, StandardCharsets.UTF_8);
        return "/rest/api/3/search/jql?jql=" + jql + "&maxResults=1&fields=id";
    }

    private JsonNode read(HttpResponse<byte[]> response, JiraOperation operation) {
        requireSuccess(response, operation);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw unreadable(operation); // no cause: the parser's message may quote the body
        }
    }

    private static JiraProject project(JsonNode value) {
        String id = value.path("id").asText("");
        String key = value.path("key").asText("");
        if (id.isEmpty() || key.isEmpty()) {
            throw unreadable(PROJECT_SEARCH);
        }
        return new JiraProject(id, key, value.path("name").asText(key),
                value.path("projectTypeKey").asText(null), value.path("archived").asBoolean(false));
    }

    private static void requireSuccess(HttpResponse<byte[]> response, JiraOperation operation) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new JiraCallException(Kind.UNAVAILABLE, "Jira refused Pylon's request to "
                    + operation.action() + " with HTTP " + status + "; Pylon will try again at the next"
                    + " refresh. Contact Pylon support if this persists.");
        }
    }

    private static JiraCallException unreadable(JiraOperation operation) {
        return new JiraCallException(Kind.UNAVAILABLE, "Jira answered Pylon's request to "
                + operation.action() + " with something Pylon could not read; Pylon will try again at"
                + " the next refresh.");
    }
}
