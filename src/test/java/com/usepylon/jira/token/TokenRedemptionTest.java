package com.usepylon.jira.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.platform.Database;
import com.usepylon.jira.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenRedemptionTest extends ApiTest {

    private static final String WRONG_TOKEN = "pjct_" + "A".repeat(43);
    /** {@code pylon.jira.configuration-token.max-failed-attempts-per-address} in the test profile. */
    private static final int MAX_FAILED_PER_ADDRESS = 30;

    @Inject
    Database database;

    @Test
    void redeem_expiredToken_isRejectedWithGoneAndSaysWhenItExpired() {
        UUID organization = newOrganization();
        String token = issueToken(organization);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        Response response = register(newSite(), organization, token);

        response.then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:configuration-token-expired"))
                .body("detail", containsString("expired at"))
                .body("detail", containsString("Generate Configuration Token"));
        assertThat(liveLinks(organization)).isZero();
    }

    @Test
    void redeem_justBeforeExpiry_links() {
        UUID organization = newOrganization();
        String token = issueToken(organization);

        clock.advance(Duration.ofMinutes(9).plusSeconds(50));
        Response response = register(newSite(), organization, token);

        response.then().statusCode(200);
    }

    @Test
    void redeem_usedToken_isRejectedWithGone() {
        UUID organization = newOrganization();
        String token = issueToken(organization);
        register(newSite(), organization, token).then().statusCode(200);

        Response again = register(newSite(), organization, token);

        again.then().statusCode(410)
                .body("type", equalTo("urn:pylon:jira:problem:configuration-token-used"))
                .body("detail", containsString("already used"));
    }

    @Test
    void redeem_tokenOfAnotherOrganization_isInvalidAndLinksNothing() {
        UUID owner = newOrganization();
        UUID victim = newOrganization();
        String ownersToken = issueToken(owner);
        issueToken(victim);

        Response response = register(newSite(), victim, ownersToken);

        response.then().statusCode(422)
                .body("type", equalTo("urn:pylon:jira:problem:configuration-token-invalid"))
                .body("detail", containsString(victim.toString()));
        assertThat(liveLinks(owner) + liveLinks(victim)).isZero();
    }

    @Test
    void redeem_somethingThatIsNotAToken_saysWhatATokenLooksLike() {
        UUID organization = newOrganization();

        register(newSite(), organization, "my-password")
                .then().statusCode(422)
                .body("type", equalTo("urn:pylon:jira:problem:configuration-token-invalid"))
                .body("detail", containsString("start with pjct_"));
    }

    @Test
    void redeem_tooManyWrongTokensForAnOrganization_isThrottledWithRetryAfter() {
        UUID organization = newOrganization();
        String realToken = issueToken(organization);
        for (int i = 0; i < 10; i++) {
            register(newSite(), organization, WRONG_TOKEN).then().statusCode(422);
        }

        Response throttled = register(newSite(), organization, realToken);

        throttled.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:too-many-attempts"))
                .body("detail", containsString("this Pylon organization"));
        int retryAfter = Integer.parseInt(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 15 * 60);
        assertThat(liveLinks(organization)).isZero();
    }

    @Test
    void redeem_afterTheThrottleWindowPasses_isAllowedAgain() {
        UUID organization = newOrganization();
        for (int i = 0; i < 10; i++) {
            register(newSite(), organization, WRONG_TOKEN).then().statusCode(422);
        }
        register(newSite(), organization, WRONG_TOKEN).then().statusCode(429);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        String token = issueToken(organization);

        register(newSite(), organization, token).then().statusCode(200);
    }

    @Test
    void redeem_tooManyWrongTokensFromOneSite_throttlesThatSiteForEveryOrganization() {
        String site = newSite();
        for (int i = 0; i < 10; i++) {
            register(site, newOrganization(), WRONG_TOKEN).then().statusCode(422);
        }
        UUID organization = newOrganization();
        String token = issueToken(organization);

        Response response = register(site, organization, token);

        response.then().statusCode(429).body("detail", containsString("this Jira site"));
        register(newSite(), organization, token).then().statusCode(200);
    }

    @Test
    void redeem_wrongTokensSpreadOverOrganizationsAndSites_throttleTheAddressTheyCameFrom() {
        String address = "203.0.113.7";
        for (int i = 0; i < MAX_FAILED_PER_ADDRESS; i++) {
            register(newSite(), newOrganization(), WRONG_TOKEN, address).then().statusCode(422);
        }
        UUID organization = newOrganization();
        String token = issueToken(organization);

        Response throttled = register(newSite(), organization, token, address);

        throttled.then().statusCode(429)
                .body("type", equalTo("urn:pylon:jira:problem:too-many-attempts"))
                .body("detail", containsString("this network address"));
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 15 * 60);
        register(newSite(), organization, token, "203.0.113.8").then().statusCode(200);
    }

    @Test
    void redeem_wrongTokensFromOneIpv6Network_throttleItsWholeSlash64() {
        for (int i = 0; i < MAX_FAILED_PER_ADDRESS; i++) {
            register(newSite(), newOrganization(), WRONG_TOKEN, "[2001:db8:7:1::" + (i + 1) + "]")
                    .then().statusCode(422);
        }
        UUID organization = newOrganization();
        String token = issueToken(organization);

        register(newSite(), organization, token, "[2001:db8:7:1:ffff::9]").then().statusCode(429)
                .body("detail", containsString("this network address"));
        register(newSite(), organization, token, "[2001:db8:7:2::1]").then().statusCode(200);
    }

    @Test
    void redeem_twentyConcurrentRedemptionsOfOneToken_linkExactlyOnce() throws Exception {
        UUID organization = newOrganization();
        String token = issueToken(organization);
        List<String> sites = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sites.add(newSite());
        }

        List<Integer> statuses = concurrently(sites.stream()
                .map(site -> (Callable<Integer>) () -> register(site, organization, token).statusCode())
                .toList());

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status != 200).allMatch(status -> status == 410);
        assertThat(database.findOne("select count(*) from jira_connection where organization_id = ?",
                row -> row.getInt(1), organization)).contains(1);
    }

    private int liveLinks(UUID organization) {
        return database.findOne(
                "select count(*) from jira_connection where organization_id = ? and disconnected_at is null",
                row -> row.getInt(1), organization).orElseThrow();
    }

    private static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
