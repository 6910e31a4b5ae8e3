package com.usepylon.jira.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded change. Details hold ids and reasons only, never a token or a request body.
 *
 * @param id increasing; later entries have larger ids
 */
public record AuditEntry(long id, Instant occurredAt, Actor actor, AuditAction action, String cloudId,
        Map<String, Object> details) {
}
