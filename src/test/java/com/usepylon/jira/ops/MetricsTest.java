package com.usepylon.jira.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Catalogues;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest extends ApiTest {

    private static final String REDEMPTIONS = "pylon_jira_configuration_token_redemptions_total";
    private static final String EVENTS = "pylon_jira_events_total";
    private static final Pattern UUID_LIKE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Test
    void linkEventAndClear_areCountedWithFixedTags() {
        UUID organization = newOrganization();
        String site = newSite();
        PrometheusScrape before = PrometheusScrape.now();

        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        sendEvent(site, Catalogues.issueEvent("jira:issue_created", 1L, Catalogues.id(0), "1"))
                .then().body("outcome", equalTo("processed"));
        sendEvent(newSite(), Catalogues.issueEvent("jira:issue_created", 1L, "1", "1"))
                .then().body("reason", equalTo("not_connected"));
        asSite(site).delete("/atlassian/v1/registration").then().statusCode(204);
        PrometheusScrape after = PrometheusScrape.now();

        assertThat(increase(before, after, "pylon_jira_configuration_tokens_issued_total")).isEqualTo(1);
        assertThat(increase(before, after, REDEMPTIONS, "outcome", "linked")).isEqualTo(1);
        assertThat(increase(before, after, "pylon_jira_connections_linked_total")).isEqualTo(1);
        assertThat(increase(before, after, "pylon_jira_connections_cleared_total",
                "reason", "CLEARED_IN_JIRA")).isEqualTo(1);
        assertThat(increase(before, after, EVENTS, "outcome", "processed", "reason", "none")).isEqualTo(1);
        assertThat(increase(before, after, EVENTS, "outcome", "ignored", "reason", "not_connected"))
                .isEqualTo(1);
        assertThat(increase(before, after, "pylon_jira_event_batch_size_count"))
                .as("two events sent one after the other: two statements").isEqualTo(2);
        assertThat(increase(before, after, "pylon_jira_event_batch_size_sum")).isEqualTo(2);
        assertThat(increase(before, after, "pylon_jira_api_calls_seconds_count",
                "operation", "project_search", "status", "2xx")).isGreaterThanOrEqualTo(1);
        assertThat(increase(before, after, "pylon_jira_catalogue_sync_seconds_count", "result", "ok"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.has("http_server_requests_seconds_bucket", "uri", "/atlassian/v1/events",
                "le", "5.0"))
                .as("a 5 s latency bucket for event deliveries").isTrue();
    }

    @Test
    void redemptionRefusals_areCountedByOutcome() {
        PrometheusScrape before = PrometheusScrape.now();

        refuseOnePerOutcome();
        PrometheusScrape after = PrometheusScrape.now();

        for (String outcome : List.of("invalid", "expired", "used", "replaced", "conflict", "rejected")) {
            assertThat(increase(before, after, REDEMPTIONS, "outcome", outcome)).as(outcome).isEqualTo(1);
        }
        assertThat(increase(before, after, REDEMPTIONS, "outcome", "linked")).isEqualTo(1);
    }

    @Test
    void guessingTokens_isCountedAsThrottledOnceTheLimitIsReached() {
        UUID organization = newOrganization();
        issueToken(organization);
        String wrongToken = issueToken(newOrganization());
        PrometheusScrape before = PrometheusScrape.now();

        for (int attempt = 0; attempt < 11; attempt++) {
            register(newSite(), organization, wrongToken);
        }
        PrometheusScrape after = PrometheusScrape.now();

        assertThat(increase(before, after, REDEMPTIONS, "outcome", "invalid")).isEqualTo(10);
        assertThat(increase(before, after, REDEMPTIONS, "outcome", "throttled")).isEqualTo(1);
    }

    @Test
    void metrics_nameNoOrganizationSiteProjectOrToken() {
        UUID organization = newOrganization();
        String site = newSite();
        Catalogues.connect(organization, site, Catalogues.projects(1));
        Catalogues.enable(organization, Catalogues.id(0));
        sendEvent(site, Catalogues.issueEvent("jira:issue_created", 1L, Catalogues.id(0), "1"));
        refuseOnePerOutcome();
        given().get("/api/v1/jira/connection/" + organization).then().statusCode(404);
        asSite(site).put("/atlassian/v1/registration/" + site).then().statusCode(404);

        PrometheusScrape metrics = PrometheusScrape.now();

        assertThat(metrics.text()).doesNotContain(organization.toString(), site, "ari:cloud", "pjct_");
        assertThat(UUID_LIKE.matcher(metrics.text()).find()).as("a UUID in /q/metrics").isFalse();
        assertThat(metrics.labelValues()).doesNotContain(Catalogues.id(0), "P0");
    }

    /** Ends one redemption in each way a caller can go wrong, and links one site along the way. */
    private void refuseOnePerOutcome() {
        UUID organization = newOrganization();
        String site = newSite();
        String replaced = issueToken(organization);
        String current = issueToken(organization);
        UUID other = newOrganization();
        UUID late = newOrganization();
        String expiring = issueToken(late);

        register(site, organization, "not-a-configuration-token").then().statusCode(422);
        register(site, organization, replaced).then().statusCode(410);
        register(site, organization, current).then().statusCode(200);
        register(newSite(), organization, current).then().statusCode(410);
        register(site, other, issueToken(other)).then().statusCode(409);
        asSite(newSite()).contentType(ContentType.JSON).body("{}").put("/atlassian/v1/registration")
                .then().statusCode(400);
        clock.advance(Duration.ofMinutes(11));
        register(newSite(), late, expiring).then().statusCode(410);
    }

    private static Response sendEvent(String cloudId, Map<String, Object> event) {
        return asSite(cloudId).contentType(ContentType.JSON).body(event).post("/atlassian/v1/events");
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name,
            String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
