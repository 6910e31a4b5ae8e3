package com.usepylon.jira.jiraclient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.usepylon.jira.jiraclient.JiraCallException.Kind;
import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.JiraStub;
import com.usepylon.jira.support.RecordingPause;
import com.usepylon.jira.support.TestKeys;
import com.usepylon.jira.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JiraClientTest extends ApiTest {

    private static final String REGISTRATION = "/atlassian/v1/registration";
    private static final String PROJECT_SEARCH = "/rest/api/3/project/search";

    @Inject
    JiraClient jira;

    @Inject
    RecordingPause pause;

    @Inject
    JiraApiConfig config;

    @BeforeEach
    void forgetWaits() {
        pause.reset();
    }

    @Test
    void searchProjects_threePages_readsAllUntilIsLast() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        List<JiraProject> projects = projects(5);
        JiraStub.stubProjects(site, projects, 2);

        List<JiraProject> found = jira.searchProjects(site);

        assertThat(found).containsExactlyElementsOf(projects);
        assertThat(JiraStub.requests(site))
                .extracting(request -> request.queryParameter("startAt").firstValue())
                .containsExactly("0", "2", "4");
        assertThat(pause.waits()).isEmpty();
    }

    @Test
    void searchProjects_noProjects_isAnEmptyList() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjects(site, List.of(), 50);

        assertThat(jira.searchProjects(site)).isEmpty();
    }

    @Test
    void searchProjects_sendsTheSystemTokenAsBearerAndAsksForJson() {
        String token = Tokens.systemToken(Duration.ofHours(1));
        String site = siteWithSystemToken(token);
        JiraStub.stubProjects(site, projects(1), 50);

        jira.searchProjects(site);

        LoggedRequest request = JiraStub.requests(site).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + token);
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(request.queryParameter("maxResults").firstValue())
                .isEqualTo(String.valueOf(config.client().pageSize()));
    }

    @Test
    void searchProjects_429WithRetryAfter_waitsAsAskedThenSucceeds() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjectsAfter(site, projects(3), 50, JiraStub.tooManyRequests("7"));

        List<JiraProject> found = jira.searchProjects(site);

        assertThat(found).hasSize(3);
        assertThat(pause.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(JiraStub.requests(site)).hasSize(2);
    }

    @Test
    void searchProjects_retryAfterAsHttpDate_waitsUntilThatDate() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        String inTwentySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(clock.instant().plusSeconds(20).atZone(ZoneOffset.UTC));
        JiraStub.stubProjectsAfter(site, projects(1), 50, JiraStub.tooManyRequests(inTwentySeconds));

        jira.searchProjects(site);

        assertThat(pause.waits()).hasSize(1);
        assertThat(pause.waits().get(0)).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(20));
    }

    @Test
    void searchProjects_retryAfterLongerThanAllowed_givesUpAtOnce() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjectSearch(site, JiraStub.tooManyRequests("3600"));

        assertKind(() -> jira.searchProjects(site), Kind.UNAVAILABLE, "wait 3600 seconds");

        assertThat(JiraStub.requests(site)).hasSize(1);
        assertThat(pause.waits()).isEmpty();
    }

    @Test
    void searchProjects_429WithoutRetryAfter_backsOffWithJitterWithinTheBound() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjectsAfter(site, projects(1), 50,
                JiraStub.status(429), JiraStub.status(429), JiraStub.status(429));

        jira.searchProjects(site);

        Duration initial = config.client().initialBackoff();
        assertThat(pause.waits()).hasSize(3);
        assertThat(pause.waits().get(0)).isBetween(Duration.ZERO, initial);
        assertThat(pause.waits().get(1)).isBetween(Duration.ZERO, initial.multipliedBy(2));
        assertThat(pause.waits().get(2)).isBetween(Duration.ZERO, initial.multipliedBy(4));
    }

    @Test
    void searchProjects_503OnEveryAttempt_isUnavailableAfterMaxAttempts() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjectSearch(site, JiraStub.status(503));

        assertKind(() -> jira.searchProjects(site), Kind.UNAVAILABLE,
                "did not answer Pylon's request to read the project list after 4 attempts (last: HTTP 503);"
                        + " Pylon will try again at the next refresh");

        JiraStub.server().verify(config.client().maxAttempts(),
                getRequestedFor(urlPathEqualTo(JiraStub.pathFor(site) + PROJECT_SEARCH)));
        assertThat(pause.waits()).hasSize(config.client().maxAttempts() - 1);
    }

    @Test
    void searchProjects_connectionDropped_isRetried() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjectsAfter(site, projects(2), 50,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(jira.searchProjects(site)).hasSize(2);

        assertThat(pause.waits()).hasSize(1);
    }

    @Test
    void searchProjects_401_isUnauthorizedWithoutRetrying() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjectSearch(site, JiraStub.status(401));

        assertKind(() -> jira.searchProjects(site), Kind.UNAUTHORIZED,
                "Jira no longer accepts Pylon's credentials for this site. Open Pylon's app in Jira");

        assertThat(JiraStub.requests(site)).hasSize(1);
    }

    @Test
    void searchProjects_otherClientError_isUnavailableWithTheStatus() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjectSearch(site, JiraStub.status(400));

        assertKind(() -> jira.searchProjects(site), Kind.UNAVAILABLE, "HTTP 400");

        assertThat(JiraStub.requests(site)).hasSize(1);
    }

    @Test
    void searchProjects_afterJiraForgotTheSite_isUnavailableWith404() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjects(site, projects(1), 50);
        jira.searchProjects(site);

        JiraStub.reset(site);

        assertKind(() -> jira.searchProjects(site), Kind.UNAVAILABLE, "HTTP 404");
        assertThat(JiraStub.requests(site)).hasSize(1);
    }

    @Test
    void searchProjects_answerThatIsNotJson_isUnavailable() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjectSearch(site, aResponse().withStatus(200).withBody("<html>maintenance</html>"));

        assertKind(() -> jira.searchProjects(site), Kind.UNAVAILABLE, "could not read");
    }

    @Test
    void probeProjectContent_blockedProject_isForbidden_andAnotherProjectIsReadable() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofHours(1)));
        JiraStub.stubProjectContentReadable(site);
        JiraStub.stubProjectBlocked(site, "10002");

        jira.probeProjectContent(site, "10001");
        assertKind(() -> jira.probeProjectContent(site, "10002"), Kind.FORBIDDEN, "app access rules");

        assertThat(JiraStub.requests(site)).extracting(request -> request.queryParameter("jql").firstValue())
                .containsExactly("project=10001", "project=10002");
        assertThat(JiraStub.requests(site).get(0).getUrl())
                .endsWith("/rest/api/3/search/jql?jql=project%3D10001&maxResults=1&fields=id");
    }

    @Test
    void call_baseUrlNotAllowed_isRefusedWithoutARequest() {
        String site = newSite();
        JwtClaims claims = Tokens.forgeClaims(site, Duration.ofHours(1));
        claims.setClaim("app", Map.of("id", TestKeys.FORGE_APP_ID,
                "installationId", "ari:cloud:ecosystem::installation/" + site,
                "apiBaseUrl", JiraStub.baseUrlFor(site).replace("/ex/jira/", "/elsewhere/")));
        as(Tokens.sign(claims, TestKeys.FORGE, TestKeys.FORGE_KID))
                .header("X-Forge-Oauth-System", Tokens.systemToken(Duration.ofHours(1)))
                .get(REGISTRATION).then().statusCode(404);

        assertKind(() -> jira.searchProjects(site), Kind.URL_NOT_ALLOWED, "pylon.jira.api-base-url-pattern");

        JiraStub.server().verify(0, JiraStub.toSite(site));
        JiraStub.server().verify(0, getRequestedFor(urlPathEqualTo("/elsewhere/" + site + PROJECT_SEARCH)));
    }

    @Test
    void call_noSystemToken_isNoCredentials() {
        String site = newSite();
        asSite(site).get(REGISTRATION).then().statusCode(404);

        assertKind(() -> jira.searchProjects(site), Kind.NO_CREDENTIALS, "Open Pylon's app in Jira");

        assertThat(JiraStub.requests(site)).isEmpty();
    }

    @Test
    void call_expiredSystemToken_isNoCredentials() {
        String site = siteWithSystemToken(Tokens.systemToken(Duration.ofMinutes(10)));
        JiraStub.stubProjects(site, projects(1), 50);

        clock.advance(Duration.ofMinutes(10));

        assertKind(() -> jira.searchProjects(site), Kind.NO_CREDENTIALS, "fresh credentials");
        assertThat(JiraStub.requests(site)).isEmpty();
    }

    /** A new site that has sent Pylon the system token with an ordinary call. */
    private static String siteWithSystemToken(String systemToken) {
        String site = newSite();
        asSiteWithSystemToken(site, systemToken).get(REGISTRATION).then().statusCode(404);
        return site;
    }

    private static List<JiraProject> projects(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new JiraProject(String.valueOf(10000 + i), "P" + i, "Project " + i,
                        i % 2 == 0 ? "service_desk" : "software", i == count && count > 2))
                .toList();
    }

    private static void assertKind(ThrowingCallable call, Kind kind, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(JiraCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
