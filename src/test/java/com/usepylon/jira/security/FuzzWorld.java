package com.usepylon.jira.security;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.Contract;
import com.usepylon.jira.support.JiraStub;
import com.usepylon.jira.support.ServiceProcess;
import com.usepylon.jira.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What the fuzzed requests run against, in the service under test: a linked organization with a project
 * catalogue, an organization waiting with a live configuration token, one linked elsewhere and one
 * without Jira; the callers that send the requests; a valid request of each operation to start from; and
 * the secrets that no response may show.
 *
 * <p>Between two fuzzed requests, {@link #restore} puts the world back where a request may have moved it
 * (an uninstall unlinks the site, a registration uses up the token), and waits for the service's
 * background work to finish, so the database is quiet while a request is checked for what it wrote.
 */
final class FuzzWorld {

    static final String PYLON = "pylonJwt";
    static final String FORGE = "forgeInvocationToken";
    private static final int PROJECTS = 6;
    /** The project that stays enabled and unblocked, so that the samples keep working. */
    private static final String ANCHOR = Catalogues.id(0);
    private static final Duration BACKGROUND_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who sends a request: the headers that authenticate it, and a name for the report. */
    record Caller(String name, Map<String, String> headers) {
    }

    /** A request of an operation that the service accepts, to start from. */
    record Sample(Caller caller, JsonNode body, Map<String, String> query) {
    }

    private final ServiceProcess service;
    private final Connection database;
    private final String systemToken = Tokens.systemToken(Duration.ofHours(2));
    /** Linked to {@link #site}, with a catalogue of {@value #PROJECTS} projects. */
    private final UUID linked = UUID.randomUUID();
    /** Linked to {@link #otherSite}, which no fuzzed request comes from. */
    private final UUID linkedElsewhere = UUID.randomUUID();
    /** Not linked, with a live configuration token: a fuzzed registration may link it to the spare site. */
    private final UUID waiting = UUID.randomUUID();
    private final UUID withoutJira = UUID.randomUUID();
    private final String site = UUID.randomUUID().toString();
    private final String spareSite = UUID.randomUUID().toString();
    private final String otherSite = UUID.randomUUID().toString();
    private final List<String> configurationTokens = new ArrayList<>();
    private String waitingToken;
    /** One token of each kind that a registration can meet, for the seeds. */
    private String usedToken;
    private String replacedToken;
    private String tokenOfAnOrganizationLinkedElsewhere;
    private String projectCursor;
    private String auditCursor;

    private final List<Caller> pylonCallers = List.of(
            pylonCaller("admin", linked, "an admin of the linked organization"),
            pylonCaller("member", linked, "a member of the linked organization"),
            pylonCaller("admin", withoutJira, "an admin of an organization without Jira"));
    private final List<Caller> forgeCallers = List.of(
            new Caller("the linked site, with its system token", Map.of(
                    "Authorization", "Bearer " + Tokens.forge(site), "X-Forge-Oauth-System", systemToken)),
            new Caller("a site not linked", Map.of("Authorization", "Bearer " + Tokens.forge(spareSite))));

    private FuzzWorld(ServiceProcess service, Connection database) {
        this.service = service;
        this.database = database;
    }

    static FuzzWorld create(ServiceProcess service, Connection database) {
        FuzzWorld world = new FuzzWorld(service, database);
        world.build();
        return world;
    }

    private void build() {
        JiraStub.stubProjects(site, Catalogues.projects(PROJECTS), Catalogues.JIRA_PAGE_SIZE);
        JiraStub.stubProjectContentReadable(site);
        linkTheSiteAndReadItsCatalogue();
        asAdmin(linked).contentType(ContentType.JSON)
                .body(Map.of("enable", List.of(ANCHOR, Catalogues.id(1), Catalogues.id(2))))
                .patch("/api/v1/jira/projects").then().statusCode(200);
        asAdmin(linked).contentType(ContentType.JSON).body(Map.of("projectId", ANCHOR))
                .put("/api/v1/jira/default-project").then().statusCode(200);
        usedToken = link(linkedElsewhere, otherSite);
        tokenOfAnOrganizationLinkedElsewhere = issueToken(linkedElsewhere);
        replacedToken = issueToken(waiting);
        waitingToken = issueToken(waiting);
        projectCursor = asAdmin(linked).get("/api/v1/jira/projects?limit=1").then().statusCode(200)
                .extract().path("nextCursor");
        auditCursor = asAdmin(linked).get("/api/v1/jira/audit-log?limit=1").then().statusCode(200)
                .extract().path("nextCursor");
    }

    /** The callers of a security scheme of the contract; empty for a scheme the fuzzer does not know. */
    List<Caller> callers(String scheme) {
        return switch (scheme == null ? "" : scheme) {
            case PYLON -> pylonCallers;
            case FORGE -> forgeCallers;
            default -> List.of();
        };
    }

    /** A request of the operation that the service accepts now; empty for an operation without one. */
    Optional<Sample> sample(String operationId) {
        Caller admin = pylonCallers.get(0);
        Caller linkedSite = forgeCallers.get(0);
        Caller spare = forgeCallers.get(1);
        return Optional.ofNullable(switch (operationId) {
            case "listProjects" -> new Sample(pylonCallers.get(1), null,
                    Map.of("q", "P", "enabled", "true", "limit", "2", "cursor", projectCursor));
            case "changeProjects" -> new Sample(admin, json(Map.of("enable",
                    List.of(ANCHOR, Catalogues.id(1)), "disable", List.of(Catalogues.id(3)))), Map.of());
            case "setDefaultProject" -> new Sample(admin, json(Map.of("projectId", ANCHOR)), Map.of());
            case "getAuditLog" -> new Sample(admin, null, Map.of("limit", "2", "cursor", auditCursor));
            case "register" -> new Sample(spare, json(Map.of("organizationId", waiting.toString(),
                    "configurationToken", waitingToken, "siteUrl", "https://spare.atlassian.net",
                    "siteName", "Spare site")), Map.of());
            case "receiveEvent" -> new Sample(linkedSite, json(Catalogues.issueEvent("jira:issue_created",
                    1_700_000_000_000L, ANCHOR, "20001")), Map.of());
            case "receiveLifecycleEvent" -> new Sample(spare, json(Map.of("eventType",
                    "avi:forge:installed:app")), Map.of());
            default -> null;
        });
    }

    /** Values of the world for a field, so that generated requests name things that exist. */
    List<String> seeds(String field) {
        if (field == null) {
            return List.of();
        }
        return switch (field) {
            case "organizationId" -> Stream.of(linked, linkedElsewhere, waiting, withoutJira)
                    .map(UUID::toString).toList();
            case "configurationToken" -> List.of(waitingToken, usedToken, replacedToken,
                    tokenOfAnOrganizationLinkedElsewhere, "pjct_" + "A".repeat(43));
            case "projectId", "id", "enable", "disable" -> Stream.concat(
                    IntStream.range(0, PROJECTS).mapToObj(Catalogues::id), Stream.of("99999")).toList();
            case "webhookEvent" -> List.of("jira:issue_created", "jira:issue_updated", "comment_created",
                    "app_access_to_objects_in_container_blocked", "jira:worklog_updated");
            case "eventType" -> List.of("avi:forge:installed:app", "avi:forge:uninstalled:app",
                    "avi:forge:upgraded:app");
            case "cursor" -> List.of(projectCursor, auditCursor, cursor(""), cursor("P1"),
                    cursor("x\u0000y\u0000z"), cursor("9223372036854775808"), "djI6MQ");
            case "q" -> List.of("P", "Project 1", "p0");
            default -> List.of();
        };
    }

    /** Every configuration token issued and the Jira system token: no response may show any of them. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        configurationTokens.forEach(token ->
                secrets.addAll(List.of(token, token.substring("pjct_".length()))));
        secrets.add(systemToken);
        secrets.add(systemToken.substring(systemToken.lastIndexOf('.') + 1));
        return secrets;
    }

    /**
     * Puts back what the last request may have changed, and returns when the service has nothing left to
     * do in the background. A fuzzed registration can link the spare site (whose catalogue the service then
     * reads in the background), and a fuzzed uninstall can unlink the linked site.
     */
    void restore() {
        freeTheSpareSite();
        keepALiveTokenWaiting();
        keepTheSiteLinked();
        keepTheAnchorUsable();
    }

    private void freeTheSpareSite() {
        if (holds("select exists(select 1 from jira_connection where cloud_id = ?"
                + " and disconnected_at is null)", spareSite)) {
            awaitCatalogueRead(spareSite);
            asAdmin(waiting).delete("/api/v1/jira/connection").then().statusCode(204);
        }
    }

    private void keepALiveTokenWaiting() {
        if (!holds("select exists(select 1 from configuration_token where organization_id = ?"
                + " and revoked_at is null and redeemed_at is null)", waiting)) {
            waitingToken = issueToken(waiting);
        }
    }

    private void keepTheSiteLinked() {
        if (!holds("select exists(select 1 from jira_connection where organization_id = ? and cloud_id = ?"
                + " and disconnected_at is null)", linked, site)) {
            linkTheSiteAndReadItsCatalogue();
        }
    }

    private void keepTheAnchorUsable() {
        if (!holds("select exists(select 1 from jira_project where organization_id = ? and cloud_id = ?"
                + " and project_id = ? and enabled and blocked_at is null)", linked, site, ANCHOR)) {
            asAdmin(linked).contentType(ContentType.JSON).body(Map.of("enable", List.of(ANCHOR)))
                    .patch("/api/v1/jira/projects").then().statusCode(200);
            refresh(); // reading the content again lifts a block
        }
    }

    /**
     * Links the organization to the site without Jira credentials, so that the catalogue read the link
     * starts in the background fails at once, and waits for it; then gives the site its credentials and
     * reads the catalogue in the foreground. Nothing is left running afterwards.
     */
    private void linkTheSiteAndReadItsCatalogue() {
        link(linked, site);
        asSite(site).header("X-Forge-Oauth-System", systemToken).get("/atlassian/v1/registration")
                .then().statusCode(200);
        refresh();
    }

    /** Links the site with a new token of the organization, and answers the token, now used. */
    private String link(UUID organization, String cloudId) {
        String token = issueToken(organization);
        asSite(cloudId).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(), "configurationToken", token))
                .put("/atlassian/v1/registration").then().statusCode(200);
        awaitCatalogueRead(cloudId);
        return token;
    }

    private void refresh() {
        asAdmin(linked).post("/api/v1/jira/projects/refresh").then().statusCode(200);
    }

    private String issueToken(UUID organization) {
        String token = asAdmin(organization).post("/api/v1/jira/configuration-tokens").then().statusCode(201)
                .extract().path("token");
        configurationTokens.add(token);
        return token;
    }

    /** Waits until the catalogue read that a link started in the background has succeeded or failed. */
    private void awaitCatalogueRead(String cloudId) {
        long deadline = System.nanoTime() + BACKGROUND_TIMEOUT.toNanos();
        while (!holds("select exists(select 1 from jira_connection where cloud_id = ?"
                + " and disconnected_at is null"
                + " and (catalogue_synced_at is not null or catalogue_sync_error is not null))", cloudId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The catalogue of site " + cloudId + " was not read within "
                        + BACKGROUND_TIMEOUT);
            }
            pause();
        }
    }

    private boolean holds(String sql, Object... parameters) {
        try (PreparedStatement statement = database.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Caller pylonCaller(String role, UUID organization, String name) {
        return new Caller(name, Map.of("Authorization", "Bearer " + Tokens.pylon(role, organization)));
    }

    private RequestSpecification asAdmin(UUID organization) {
        return on().header("Authorization", "Bearer " + Tokens.pylon("admin", organization));
    }

    private RequestSpecification asSite(String cloudId) {
        return on().header("Authorization", "Bearer " + Tokens.forge(cloudId));
    }

    private RequestSpecification on() {
        return given().baseUri(service.uri("").toString()).filter(Contract.FILTER);
    }

    private static String cursor(String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
