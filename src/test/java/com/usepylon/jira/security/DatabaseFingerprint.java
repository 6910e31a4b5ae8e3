package com.usepylon.jira.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A hash of every row of every table of the service's database, per table, taken in one query: two
 * fingerprints differ in a table exactly when a row of it was added, removed or changed in between.
 */
final class DatabaseFingerprint {

    private final Connection database;
    private final String query;

    DatabaseFingerprint(Connection database) {
        this.database = database;
        this.query = tables().stream()
                .map(table -> "select '" + table + "', md5(coalesce("
                        + "string_agg(t::text, '|' order by t::text), '')) from " + table + " t")
                .collect(Collectors.joining("\nunion all\n"));
    }

    Map<String, String> take() {
        Map<String, String> hashes = new LinkedHashMap<>();
        try (Statement statement = database.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                hashes.put(rows.getString(1), rows.getString(2));
            }
            return hashes;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tables whose rows differ now from the fingerprint taken before. */
    Set<String> changedSince(Map<String, String> before) {
        Map<String, String> now = take();
        Set<String> changed = new TreeSet<>();
        now.forEach((table, hash) -> {
            if (!hash.equals(before.get(table))) {
                changed.add(table);
            }
        });
        return changed;
    }

    private List<String> tables() {
        List<String> tables = new ArrayList<>();
        try (Statement statement = database.createStatement();
                ResultSet rows = statement.executeQuery("select table_name from information_schema.tables"
                        + " where table_schema = 'public' and table_type = 'BASE TABLE'"
                        + " order by table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("The service's database has no tables; did Flyway run?");
        }
        return tables;
    }
}
