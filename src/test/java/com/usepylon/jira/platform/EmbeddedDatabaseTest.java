package com.usepylon.jira.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    @Test
    void start_onAnExistingDataDirectory_keepsTheDataOfTheLastRun() throws Exception {
        Path dataDir = Files.createTempDirectory("pylon-jira-embedded");
        try (EmbeddedPostgres first = EmbeddedDatabase.start(dataDir, 0);
                Connection connection = first.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("create table remembered (value text)");
            sql.execute("insert into remembered values ('kept')");
        }

        try (EmbeddedPostgres second = EmbeddedDatabase.start(dataDir, 0);
                Connection connection = second.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("select value from remembered")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
    }
}
