package com.usepylon.jira.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.usepylon.jira.platform.Database;
import com.usepylon.jira.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditLogTest extends ApiTest {

    private static final Set<Object> BACKGROUND = Set.of("CATALOGUE_SYNCED", "CONNECTION_NEEDS_ATTENTION");

    @Inject
    Database database;

    @Test
    void everyChange_isRecordedWithItsActor_newestFirst() {
        UUID organization = newOrganization();
        String site = newSite();
        issueToken(organization);
        link(site, organization);
        asAdmin(organization).delete("/api/v1/jira/connection").then().statusCode(204);

        Response log = asAdmin(organization).get("/api/v1/jira/audit-log");

        log.then().statusCode(200);
        // The catalogue sync that follows a link runs in the background and may add its own entries.
        List<Map<String, Object>> entries = log.jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(entry -> !BACKGROUND.contains(entry.get("action")))
                .toList();
        assertThat(entries).extracting(entry -> entry.get("action")).containsExactly(
                "CONNECTION_CLEARED", "SITE_LINKED", "CONFIGURATION_TOKEN_ISSUED",
                "CONFIGURATION_TOKEN_REVOKED", "CONFIGURATION_TOKEN_ISSUED");
        String pylonAdmin = "user-admin-" + organization.toString().substring(0, 8);
        assertThat(entries).extracting(entry -> (Object) ((Map<?, ?>) entry.get("actor")).get("id"))
                .containsExactly(pylonAdmin, "557058:admin-of-" + site.substring(0, 8), pylonAdmin,
                        pylonAdmin, pylonAdmin);
        assertThat(((Map<?, ?>) entries.get(1).get("actor")).get("type")).isEqualTo("JIRA_USER");
        assertThat(entries.get(1).get("cloudId")).isEqualTo(site);
    }

    @Test
    void noConfigurationTokenEverAppearsInTheLog() {
        UUID organization = newOrganization();
        String first = issueToken(organization);
        String second = issueToken(organization);
        register(newSite(), organization, second).then().statusCode(200);

        String stored = String.join("\n", database.list(
                "select details::text from audit_entry where organization_id = ?", row -> row.getString(1),
                organization));

        assertThat(stored).doesNotContain(first).doesNotContain(second).doesNotContain("pjct_");
        assertThat(asAdmin(organization).get("/api/v1/jira/audit-log").asString()).doesNotContain("pjct_");
    }

    @Test
    void pages_followTheCursorUntilTheEnd_withoutGapsOrRepeats() {
        UUID organization = newOrganization();
        for (int i = 0; i < 5; i++) {
            issueToken(organization);
        }

        List<Long> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = asAdmin(organization).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/jira/audit-log");
            page.then().statusCode(200);
            ids.addAll(page.jsonPath().getList("items.id", Long.class));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(5);
        assertThat(ids).hasSize(9).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void aCursorNotGivenOutByTheService_isRejected() {
        asAdmin(newOrganization()).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/jira/audit-log")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pylon:jira:problem:validation-failed"));
    }

    @Test
    void aLimitAboveTwoHundred_isRejected() {
        asAdmin(newOrganization()).queryParam("limit", 201).get("/api/v1/jira/audit-log")
                .then().statusCode(400)
                .body("type", equalTo("urn:pylon:jira:problem:validation-failed"))
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aLimitThatIsNotANumber_isRejected() {
        asAdmin(newOrganization()).queryParam("limit", "ten").get("/api/v1/jira/audit-log")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
