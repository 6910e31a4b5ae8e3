package com.usepylon.jira.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.usepylon.jira.platform.Database;
import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Catalogues;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventGateTest extends ApiTest {

    private static final String EVENTS = "/atlassian/v1/events";

    @Inject
    Database database;

    @Test
    void eventFromAnEnabledProject_isProcessedIntoTheInbox_andCounted() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));

        send(site, Catalogues.issueEvent("jira:issue_created", 1_700_000_000_000L, Catalogues.id(0), "501"))
                .then().statusCode(200)
                .body("outcome", equalTo("processed"))
                .body("reason", equalTo(null));

        assertThat(inbox(site)).isEqualTo(1);
        asMember(organization).queryParam("q", "P0").get("/api/v1/jira/projects").then()
                .body("items[0].eventCount", equalTo(1))
                .body("items[0].lastEventAt", notNullValue());
    }

    @Test
    void theSameEventTwice_isProcessedOnce() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        Map<String, Object> event = Catalogues.issueEvent("jira:issue_updated", 1_700_000_000_001L,
                Catalogues.id(0), "502");

        send(site, event).then().body("outcome", equalTo("processed"));
        send(site, event).then().statusCode(200).body("outcome", equalTo("duplicate"));

        assertThat(inbox(site)).isEqualTo(1);
        asMember(organization).queryParam("q", "P0").get("/api/v1/jira/projects").then()
                .body("items[0].eventCount", equalTo(1));
    }

    @Test
    void theSameEventManyTimesAtOnce_isProcessedOnce_andEveryOtherCopyIsADuplicate() throws Exception {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(2));
        Catalogues.enable(organization, Catalogues.id(0));
        Map<String, Object> repeated = Catalogues.issueEvent("jira:issue_updated", 1_700_000_000_002L,
                Catalogues.id(0), "503");

        List<String> repeats = sendAtOnce(site, Collections.nCopies(24, repeated));
        List<String> others = sendAtOnce(site, List.of(
                Catalogues.issueEvent("jira:issue_created", 1L, Catalogues.id(0), "504"),
                Catalogues.issueEvent("jira:issue_created", 1L, Catalogues.id(1), "505"),
                Catalogues.issueEvent("jira:issue_created", 1L, "424242", "506")));

        assertThat(repeats).containsOnly("processed", "duplicate");
        assertThat(repeats).filteredOn("processed"::equals).hasSize(1);
        assertThat(others).containsExactly("processed", "ignored", "ignored");
        assertThat(inbox(site)).isEqualTo(2);
        asMember(organization).queryParam("q", "P0").get("/api/v1/jira/projects").then()
                .body("items[0].eventCount", equalTo(2));
    }

    @Test
    void eventsThatDifferInTimestampIssueOrComment_areDifferentEvents() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        String project = Catalogues.id(0);

        send(site, Catalogues.issueEvent("comment_created", 1L, project, "1")).then()
                .body("outcome", equalTo("processed"));
        send(site, Catalogues.issueEvent("comment_created", 2L, project, "1")).then()
                .body("outcome", equalTo("processed"));
        send(site, Catalogues.issueEvent("comment_created", 1L, project, "2")).then()
                .body("outcome", equalTo("processed"));
        send(site, Map.of("webhookEvent", "comment_created", "timestamp", 1L, "comment", Map.of("id", "9"),
                "issue", Map.of("id", "1", "fields", Map.of("project", Map.of("id", project)))))
                .then().body("outcome", equalTo("processed"));

        assertThat(inbox(site)).isEqualTo(4);
    }

    @Test
    void eventFromASiteThatIsNotLinked_isIgnored() {
        send(newSite(), Catalogues.issueEvent("jira:issue_created", 1L, "1", "1"))
                .then().statusCode(200)
                .body("outcome", equalTo("ignored"))
                .body("reason", equalTo("not_connected"));
    }

    @Test
    void eventFromADisabledProject_isIgnored() {
        String site = newSite();
        Catalogues.connect(newOrganization(), site, Catalogues.projects(1));

        send(site, Catalogues.issueEvent("jira:issue_created", 1L, Catalogues.id(0), "1"))
                .then().body("outcome", equalTo("ignored")).body("reason", equalTo("project_not_enabled"));
        assertThat(inbox(site)).isZero();
    }

    @Test
    void eventFromAProjectNotInTheCatalogue_isIgnored() {
        String site = newSite();
        Catalogues.connect(newOrganization(), site, Catalogues.projects(1));

        send(site, Catalogues.issueEvent("jira:issue_created", 1L, "424242", "1"))
                .then().body("outcome", equalTo("ignored")).body("reason", equalTo("project_unknown"));
        send(site, Map.of("webhookEvent", "jira:issue_created", "timestamp", 1L))
                .then().body("outcome", equalTo("ignored")).body("reason", equalTo("project_unknown"));
    }

    @Test
    void unsupportedEvent_isIgnored() {
        String site = newSite();
        Catalogues.connect(newOrganization(), site, Catalogues.projects(1));

        send(site, Catalogues.issueEvent("jira:worklog_updated", 1L, Catalogues.id(0), "1"))
                .then().body("outcome", equalTo("ignored")).body("reason", equalTo("unsupported_event"));
    }

    @Test
    void accessBlockedEvent_blocksTheProject_andLaterEventsAreIgnored() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));

        send(site, Map.of("webhookEvent", "app_access_to_objects_in_container_blocked", "timestamp", 5L,
                "project", Map.of("id", Catalogues.id(0))))
                .then().body("outcome", equalTo("processed"));

        send(site, Catalogues.issueEvent("jira:issue_created", 6L, Catalogues.id(0), "1"))
                .then().body("outcome", equalTo("ignored")).body("reason", equalTo("project_blocked"));
        asMember(organization).get("/api/v1/jira/connection").then().body("projects.blocked", equalTo(1));
        assertThat(inbox(site)).isZero();
    }

    @Test
    void eventWithoutTypeOrTimestamp_isRejectedNamingTheFields() {
        send(newSite(), Map.of("timestamp", "yesterday"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("webhookEvent", "timestamp")));
    }

    @Test
    void eventWithTheCharacterNul_isRejectedSayingWhere_insteadOfFailing() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        Map<String, Object> inTheSummary = Map.of("webhookEvent", "jira:issue_created", "timestamp", 1L,
                "issue", Map.of("id", "7", "fields", Map.of("project", Map.of("id", Catalogues.id(0)),
                        "summary", "Printer\u0000on fire")));
        Map<String, Object> inTheProjectId = Map.of("webhookEvent", "jira:issue_created", "timestamp", 2L,
                "issue", Map.of("id", "8", "fields", Map.of("project", Map.of("id", "1\u00000"))));

        Response summary = send(site, inTheSummary);
        Response projectId = send(site, inTheProjectId);

        summary.then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:validation-failed"))
                .body("errors.field", equalTo(List.of("issue.fields.summary")));
        projectId.then().statusCode(400)
                .body("errors.field", equalTo(List.of("issue.fields.project.id")));
        assertThat(inbox(site)).isZero();
    }

    @Test
    void eventAfterDisconnecting_isIgnored() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        asAdmin(organization).delete("/api/v1/jira/connection").then().statusCode(204);

        send(site, Catalogues.issueEvent("jira:issue_created", 1L, Catalogues.id(0), "1"))
                .then().body("reason", equalTo("not_connected"));
    }

    @Test
    void eventsRacingWithDisablingTheProject_areEachProcessedOrIgnored_neverLost() throws Exception {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        ExecutorService pool = Executors.newFixedThreadPool(8);

        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                long timestamp = i;
                outcomes.add(pool.submit(() -> send(site, Catalogues.issueEvent("jira:issue_created",
                        timestamp, Catalogues.id(0), "7")).then().statusCode(200).extract()
                        .<String>path("outcome")));
                if (i == 20) {
                    pool.submit(() -> asAdmin(organization).contentType(ContentType.JSON)
                            .body(Map.of("disable", List.of(Catalogues.id(0)))).patch("/api/v1/jira/projects")
                            .then().statusCode(200));
                }
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            pool.shutdown();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);

            long processed = results.stream().filter("processed"::equals).count();
            assertThat(results).allMatch(result -> result.equals("processed") || result.equals("ignored"));
            assertThat(inbox(site)).isEqualTo(processed);
            asMember(organization).queryParam("q", "P0").get("/api/v1/jira/projects").then()
                    .body("items[0].eventCount", equalTo((int) processed));
            send(site, Catalogues.issueEvent("jira:issue_created", 99L, Catalogues.id(0), "7"))
                    .then().body("reason", equalTo("project_not_enabled"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends the events all at once, so that they share batches, and gives each one's outcome in order. */
    private static List<String> sendAtOnce(String site, List<Map<String, Object>> events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(events.size());
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (Map<String, Object> event : events) {
                outcomes.add(pool.submit(() -> send(site, event).then().statusCode(200).extract()
                        .<String>path("outcome")));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response send(String site, Map<String, Object> event) {
        return asSite(site).contentType(ContentType.JSON).body(event).post(EVENTS);
    }

    private long inbox(String site) {
        return database.findOne("select count(*) from event_inbox where cloud_id = ?",
                row -> row.getLong(1), site)
                .orElseThrow();
    }
}
