package com.usepylon.jira.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Seeds the database straight through SQL, since a million projects through the API would take
 * longer than the benchmark. Organization {@code n} has a fixed id, and if connected, a fixed site;
 * of its projects, the even-numbered ones are enabled and project 10000 is the default.
 */
final class BenchmarkData {

    /** The enabled default project of every connected organization. */
    static final String ENABLED_PROJECT = "10000";
    /** A disabled project of every connected organization. */
    static final String DISABLED_PROJECT = "10001";

    private BenchmarkData() {
    }

    static UUID organization(long n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012x", n));
    }

    static String site(long n) {
        return String.format("00000000-0000-4000-9000-%012x", n);
    }

    /**
     * Organizations 1..{@code organizations}; every {@code connectEvery}-th is connected, with
     * {@code projectsPerSite} projects.
     */
    static void seed(DataSource database, int organizations, int connectEvery, int projectsPerSite)
            throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("truncate organization, configuration_token, jira_connection, jira_project,"
                    + " event_inbox, project_event_count, audit_entry, failed_token_guess, site_system_token"
                    + " cascade");
            sql.execute(("insert into organization (id, name, first_seen_at, updated_at)"
                    + " select %s, 'Org ' || g, now(), now() from generate_series(1, %d) g")
                    .formatted(organizationId("g"), organizations));
            sql.execute(("insert into configuration_token (id, organization_id, token_hash, created_at,"
                    + " created_by, expires_at, redeemed_at, redeemed_for_cloud_id)"
                    + " select %s, %s, decode(md5(g::text), 'hex'), now(), 'seed', now(), now(), %s"
                    + " from generate_series(1, %d) g where g %% %d = 0")
                    .formatted(organizationId("g"), organizationId("g"), siteId("g"), organizations,
                            connectEvery));
            sql.execute(("insert into jira_connection (id, organization_id, cloud_id, installation_id,"
                    + " api_base_url, configuration_token_id, connected_at, connected_by,"
                    + " catalogue_synced_at)"
                    + " select %s, %s, %s, 'seed', 'https://api.atlassian.com/ex/jira/' || %s, %s, now(),"
                    + " 'seed', now()"
                    + " from generate_series(1, %d) g where g %% %d = 0")
                    .formatted(organizationId("g"), organizationId("g"), siteId("g"), siteId("g"),
                            organizationId("g"), organizations, connectEvery));
            sql.execute(("insert into jira_project (organization_id, cloud_id, project_id, project_key, name,"
                    + " project_type, enabled, is_default, synced_at)"
                    + " select c.organization_id, c.cloud_id, (10000 + p)::text, 'P' || p, 'Project ' || p,"
                    + " 'software', p %% 2 = 0, p = 0, now()"
                    + " from jira_connection c cross join generate_series(0, %d) p")
                    .formatted(projectsPerSite - 1));
            sql.execute("vacuum analyze");
            // Writes the seeded pages out now, not in the background during the first measurements.
            sql.execute("checkpoint");
        }
    }

    private static String organizationId(String n) {
        return "('00000000-0000-4000-8000-' || lpad(to_hex(" + n + "), 12, '0'))::uuid";
    }

    private static String siteId(String n) {
        return "('00000000-0000-4000-9000-' || lpad(to_hex(" + n + "), 12, '0'))";
    }
}
