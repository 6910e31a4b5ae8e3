package com.usepylon.jira.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.usepylon.jira.support.ContractOperations;
import com.usepylon.jira.support.ContractOperations.Described;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An operation of {@code openapi.yaml} that takes a request body, query parameters or both: what the
 * schema fuzzer generates requests for.
 *
 * @param body the JSON schema of the body, or null if the operation takes none
 * @param query the schema of each query parameter, by name
 */
record FuzzedOperation(String operationId, String method, String path, String scheme, JsonNode body,
        Map<String, JsonNode> query) {

    static final String JSON = "application/json";
    static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");
    static final Set<String> FORMATS = Set.of("uuid", "int32", "int64", "date-time");
    /** The schema keywords {@link SchemaValues} understands; any other one could hide a rule. */
    static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "items",
            "additionalProperties", "maxLength", "minLength", "maxItems", "minItems", "minimum", "maximum",
            "enum", "pattern", "format", "default", "example", "nullable", "description");

    /** Every operation of the contract that has a body or query parameters. */
    static List<FuzzedOperation> all() {
        return ContractOperations.all().stream().filter(FuzzedOperation::hasInputs)
                .map(FuzzedOperation::of).toList();
    }

    static boolean hasInputs(Described operation) {
        return operation.node().has("requestBody") || operation.node().has("parameters");
    }

    /** What keeps the fuzzer from generating every input of the operation; empty when nothing does. */
    static List<String> unsupported(Described operation) {
        List<String> problems = new ArrayList<>();
        JsonNode body = ContractOperations.resolve(operation.node().path("requestBody"));
        body.path("content").fieldNames().forEachRemaining(type -> {
            if (!type.equals(JSON)) {
                problems.add("request body of type " + type);
            }
        });
        if (body.path("content").has(JSON)) {
            unsupportedInSchema(body.path("content").path(JSON).path("schema"), "body", problems);
        }
        for (JsonNode parameter : operation.node().path("parameters")) {
            JsonNode resolved = ContractOperations.resolve(parameter);
            String name = resolved.path("name").asText();
            if (!resolved.path("in").asText().equals("query")) {
                problems.add("parameter '" + name + "' in " + resolved.path("in").asText());
            }
            unsupportedInSchema(resolved.path("schema"), name, problems);
        }
        return problems;
    }

    private static void unsupportedInSchema(JsonNode schema, String where, List<String> problems) {
        JsonNode resolved = ContractOperations.resolve(schema);
        resolved.fieldNames().forEachRemaining(keyword -> {
            if (!KEYWORDS.contains(keyword)) {
                problems.add("keyword '" + keyword + "' at " + where);
            }
        });
        if (!TYPES.contains(resolved.path("type").asText())) {
            problems.add("type '" + resolved.path("type").asText() + "' at " + where);
        }
        if (resolved.has("format") && !FORMATS.contains(resolved.path("format").asText())) {
            problems.add("format '" + resolved.path("format").asText() + "' at " + where);
        }
        if (resolved.has("additionalProperties") && !resolved.path("additionalProperties").isBoolean()) {
            problems.add("a schema for additionalProperties at " + where);
        }
        resolved.path("properties").fields().forEachRemaining(property ->
                unsupportedInSchema(property.getValue(), where + "." + property.getKey(), problems));
        if (resolved.has("items")) {
            unsupportedInSchema(resolved.path("items"), where + "[]", problems);
        }
    }

    private static FuzzedOperation of(Described operation) {
        List<String> schemes = operation.securitySchemes();
        JsonNode body = ContractOperations.resolve(operation.node().path("requestBody"))
                .path("content").path(JSON).path("schema");
        return new FuzzedOperation(operation.operationId(), operation.method(), operation.path(),
                schemes.isEmpty() ? null : schemes.get(0),
                body.isMissingNode() ? null : ContractOperations.resolve(body), queryParameters(operation));
    }

    private static Map<String, JsonNode> queryParameters(Described operation) {
        Map<String, JsonNode> query = new LinkedHashMap<>();
        Iterator<JsonNode> parameters = operation.node().path("parameters").elements();
        while (parameters.hasNext()) {
            JsonNode parameter = ContractOperations.resolve(parameters.next());
            query.put(parameter.path("name").asText(), ContractOperations.resolve(parameter.path("schema")));
        }
        return query;
    }

    boolean hasBody() {
        return body != null;
    }

    @Override
    public String toString() {
        return method.toUpperCase() + " " + path + " (" + operationId + ")";
    }
}
