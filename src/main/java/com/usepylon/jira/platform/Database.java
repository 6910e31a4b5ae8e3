package com.usepylon.jira.platform;

import com.usepylon.jira.problem.DatabaseUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL over the pooled datasource. Statements join the caller's JTA transaction when there is
 * one. Every failure to reach the server becomes a {@link DatabaseUnavailableException} (503);
 * other SQL errors are bugs and surface as 500.
 */
@ApplicationScoped
public class Database {

    private static final int BATCH_SIZE = 500;

    private final AgroalDataSource dataSource;

    public Database(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps the current row of a result set; it must not move the cursor. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, params);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public <T> Optional<T> findOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        if (rows.size() > 1) {
            throw new IllegalStateException("Expected at most one row, got " + rows.size() + " for: " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** Runs an insert, update or delete and returns the number of rows it touched. */
    public int update(String sql, Object... params) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            // No connection at all, whatever the state says: the pool timed out or the server is gone.
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Runs one statement once per parameter row, in batches, and returns the rows touched in all. */
    public int batch(String sql, List<Object[]> rows) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int touched = 0;
            for (int i = 0; i < rows.size(); i++) {
                bind(connection, statement, rows.get(i));
                statement.addBatch();
                if ((i + 1) % BATCH_SIZE == 0 || i == rows.size() - 1) {
                    touched += Arrays.stream(statement.executeBatch()).map(n -> Math.max(n, 0)).sum();
                }
            }
            return touched;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(connection, statement, params);
        return statement;
    }

    private static void bind(Connection connection, PreparedStatement statement, Object[] params)
            throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, toJdbc(connection, params[i]));
        }
    }

    /** Collections become SQL text arrays, for {@code = any(?)}. */
    private static Object toJdbc(Connection connection, Object value) throws SQLException {
        if (value instanceof Collection<?> values) {
            return connection.createArrayOf("text", values.stream().map(String::valueOf).toArray());
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value;
    }

    /** Connection failures (SQL state class 08, admin shutdown 57P) mean "try again later". */
    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof SQLTransientConnectionException || state.startsWith("08")
                || state.startsWith("57P")) {
            return new DatabaseUnavailableException(e);
        }
        return new IllegalStateException("SQL failed with state " + state, e);
    }
}
