package com.usepylon.jira.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.usepylon.jira.jiraclient.JiraCallException;
import com.usepylon.jira.jiraclient.JiraClient;
import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.Catalogues;
import com.usepylon.jira.support.JiraStub;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The Jira health check judges this replica's latest calls (20 by default), so each test first makes
 * more calls than that, of the kind it is about.
 */
@QuarkusTest
class JiraHealthTest extends ApiTest {

    private static final String JIRA_GROUP = "/q/health/group/jira";
    private static final int MORE_THAN_THE_WINDOW = 25;

    @Inject
    JiraClient jira;

    @Test
    void jiraFailing_isReportedDegraded_whileTheServiceStaysReadyAndLive() {
        String site = siteWithSystemToken();
        JiraStub.stubProjectSearch(site, JiraStub.status(503));

        // Each search makes every attempt the client allows (4 by default) before it gives up.
        for (int search = 0; search * 4 < MORE_THAN_THE_WINDOW; search++) {
            assertThatThrownBy(() -> jira.searchProjects(site)).isInstanceOf(JiraCallException.class);
        }

        given().get(JIRA_GROUP).then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].name", equalTo(JiraHealthCheck.NAME))
                .body("checks[0].data.state", equalTo("degraded"))
                .body("checks[0].data.failedCalls", greaterThanOrEqualTo(10));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(JiraHealthCheck.NAME)));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void jiraAnswering_isReportedUp() {
        String site = siteWithSystemToken();
        JiraStub.stubProjects(site, Catalogues.projects(1), Catalogues.JIRA_PAGE_SIZE);

        for (int search = 0; search < MORE_THAN_THE_WINDOW; search++) {
            jira.searchProjects(site);
        }

        given().get(JIRA_GROUP).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.state", equalTo("ok"));
    }

    private static String siteWithSystemToken() {
        String site = newSite();
        asSiteWithSystemToken(site).get("/atlassian/v1/registration").then().statusCode(404);
        return site;
    }
}
