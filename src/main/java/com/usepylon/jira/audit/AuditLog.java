package com.usepylon.jira.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usepylon.jira.paging.Cursor;
import com.usepylon.jira.paging.Page;
import com.usepylon.jira.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records who changed what, in the caller's transaction, so that a change and its record commit or
 * roll back together.
 */
@ApplicationScoped
public class AuditLog {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final Database database;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditLog(Database database, ObjectMapper json, Clock clock) {
        this.database = database;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records a change.
     *
     * @param organizationId the tenant the change belongs to; null for a site not linked to any
     * @param cloudId the Jira site involved, if any
     */
    public void record(UUID organizationId, String cloudId, Actor actor, AuditAction action,
            Map<String, ?> details) {
        database.update("""
                insert into audit_entry (organization_id, cloud_id, occurred_at, actor_type, actor_id, action,
                                         details)
                values (?, ?, ?, ?, ?, ?, ?::jsonb)""",
                organizationId, cloudId, clock.instant(), actor.type(), actor.id(), action, toJson(details));
    }

    /** The organization's entries, newest first. */
    public Page<AuditEntry> history(UUID organizationId, Cursor after, int limit) {
        List<AuditEntry> rows = database.list("""
                select id, occurred_at, actor_type, actor_id, action, cloud_id, details::text as details
                from audit_entry
                where organization_id = ? and id < ?
                order by id desc
                limit ?""",
                this::entry, organizationId, after.longValue(Long.MAX_VALUE), limit + 1);
        return Page.of(rows, limit, last -> Cursor.of(last.id()));
    }

    private AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(
                row.getLong("id"),
                Database.instant(row, "occurred_at"),
                new Actor(Actor.Type.valueOf(row.getString("actor_type")), row.getString("actor_id")),
                AuditAction.valueOf(row.getString("action")),
                row.getString("cloud_id"),
                fromJson(row.getString("details")));
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details must be plain values", e);
        }
    }

    private Map<String, Object> fromJson(String details) {
        try {
            return json.readValue(details, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored audit details are not JSON", e);
        }
    }
}
