package com.usepylon.jira.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.usepylon.jira.platform.StorableText;
import com.usepylon.jira.problem.ProblemException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Jira event as Pylon's Atlassian app forwards it, reduced to what the gate needs. The whole
 * payload is kept for the downstream consumers.
 *
 * @param type Jira's {@code webhookEvent}, such as {@code jira:issue_created}
 * @param timestamp Jira's {@code timestamp}, milliseconds since the epoch
 * @param projectId {@code issue.fields.project.id}, or {@code project.id} for project-level events
 * @param issueId {@code issue.id}, or empty
 * @param commentId {@code comment.id}, or empty
 */
public record JiraEvent(String type, long timestamp, Optional<String> projectId, String issueId,
        String commentId, String payload) {

    private static final int MAX_TYPE_LENGTH = 100;
    private static final int MAX_ID_LENGTH = 64;

    /** Reads the fields the gate needs, or answers 400 naming every field that is wrong. */
    public static JiraEvent from(JsonNode body) {
        List<ProblemException.InvalidField> errors = invalidFields(body);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }

        Optional<String> projectId = id(body.at("/issue/fields/project/id"))
                .or(() -> id(body.at("/project/id")));
        return new JiraEvent(body.get("webhookEvent").asText(), body.get("timestamp").asLong(), projectId,
                id(body.at("/issue/id")).orElse(""), id(body.at("/comment/id")).orElse(""), body.toString());
    }

    private static List<ProblemException.InvalidField> invalidFields(JsonNode body) {
        List<ProblemException.InvalidField> errors = new ArrayList<>();
        JsonNode type = body == null ? null : body.get("webhookEvent");
        if (type == null || !type.isTextual() || type.asText().isBlank()
                || type.asText().length() > MAX_TYPE_LENGTH) {
            errors.add(new ProblemException.InvalidField("webhookEvent",
                    "must be a non-empty string of at most " + MAX_TYPE_LENGTH + " characters"));
        }
        JsonNode timestamp = body == null ? null : body.get("timestamp");
        if (timestamp == null || !timestamp.canConvertToLong() || !timestamp.isIntegralNumber()) {
            errors.add(new ProblemException.InvalidField("timestamp",
                    "must be a whole number of milliseconds"));
        }
        if (body != null) {
            unstorableText(body, "").ifPresent(field -> errors.add(new ProblemException.InvalidField(field,
                    StorableText.MESSAGE + ", which Pylon cannot store")));
        }
        return errors;
    }

    /**
     * Where the payload first has text that PostgreSQL cannot store, in a value or a property name, as a
     * dotted path. The inbox keeps the payload whole, and the ids go into queries, so such an event is
     * refused rather than failing on the way in. Recursion is bounded by the JSON nesting limit.
     */
    private static Optional<String> unstorableText(JsonNode node, String path) {
        if (node.isTextual()) {
            return StorableText.isStorable(node.textValue()) ? Optional.empty() : Optional.of(path);
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            Optional<String> found = unstorableText(node.get(i), path + "[" + i + "]");
            if (found.isPresent()) {
                return found;
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!StorableText.isStorable(field.getKey())) {
                return Optional.of(path.isEmpty() ? "(a property name)" : path + ".(a property name)");
            }
            Optional<String> found = unstorableText(field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Jira sends ids as strings or numbers; anything else, or anything too long, counts as absent. */
    private static Optional<String> id(JsonNode node) {
        if (node.isTextual() || node.isIntegralNumber()) {
            return Optional.of(node.asText()).filter(id -> !id.isBlank() && id.length() <= MAX_ID_LENGTH);
        }
        return Optional.empty();
    }
}
