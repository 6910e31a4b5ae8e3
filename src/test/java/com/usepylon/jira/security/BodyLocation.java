package com.usepylon.jira.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usepylon.jira.support.ContractOperations;
import java.util.ArrayList;
import java.util.List;

/**
 * A place in a request body that its schema describes: the whole body, a property at any depth, or a new
 * item of an array. The fuzzer changes a valid body at one such place at a time, so that the rest of the
 * body still gets the request past the first checks.
 *
 * @param path the property names from the top of the body; empty for the whole body
 * @param schema the schema of what belongs here
 * @param item whether this is a new item appended to the array that {@code path} names
 */
record BodyLocation(List<String> path, JsonNode schema, boolean required, boolean item) {

    /** Every place in bodies of the schema, the whole body first. */
    static List<BodyLocation> of(JsonNode schema) {
        List<BodyLocation> locations = new ArrayList<>();
        collect(new BodyLocation(List.of(), ContractOperations.resolve(schema), true, false), locations);
        return locations;
    }

    private static void collect(BodyLocation location, List<BodyLocation> into) {
        into.add(location);
        JsonNode schema = location.schema();
        if (location.item()) {
            return;
        }
        schema.path("properties").fields().forEachRemaining(property -> collect(
                location.child(property.getKey(), ContractOperations.resolve(property.getValue()),
                        SchemaValues.isRequired(schema, property.getKey())), into));
        if (schema.has("items")) {
            into.add(new BodyLocation(location.path(), ContractOperations.resolve(schema.path("items")),
                    false, true));
        }
    }

    BodyLocation child(String name, JsonNode childSchema, boolean childRequired) {
        List<String> childPath = new ArrayList<>(path);
        childPath.add(name);
        return new BodyLocation(List.copyOf(childPath), childSchema, childRequired, false);
    }

    /** The property or parameter name that seeds values here; null for the whole body. */
    String field() {
        return path.isEmpty() ? null : path.get(path.size() - 1);
    }

    boolean isObject() {
        return !item && schema.path("type").asText().equals("object");
    }

    /** A copy of the body with the value put here, creating the objects on the way as needed. */
    JsonNode set(JsonNode body, JsonNode value) {
        if (path.isEmpty()) {
            return item ? arrayIn(body).add(value) : value;
        }
        ObjectNode root = body != null && body.isObject() ? body.deepCopy() : SchemaValues.JSON.objectNode();
        ObjectNode parent = parentIn(root);
        String name = field();
        if (item) {
            JsonNode existing = parent.get(name);
            ArrayNode array = existing != null && existing.isArray() ? (ArrayNode) existing
                    : parent.putArray(name);
            array.add(value);
        } else {
            parent.set(name, value);
        }
        return root;
    }

    private static ArrayNode arrayIn(JsonNode body) {
        return body != null && body.isArray() ? body.deepCopy() : SchemaValues.JSON.arrayNode();
    }

    /** A copy of the body without the property at this place, if the body has it. */
    JsonNode remove(JsonNode body) {
        JsonNode root = body.deepCopy();
        JsonNode parent = root;
        for (String name : path.subList(0, path.size() - 1)) {
            parent = parent.path(name);
        }
        if (parent instanceof ObjectNode object) {
            object.remove(field());
        }
        return root;
    }

    private ObjectNode parentIn(ObjectNode root) {
        ObjectNode parent = root;
        for (String name : path.subList(0, path.size() - 1)) {
            JsonNode child = parent.get(name);
            parent = child != null && child.isObject() ? (ObjectNode) child : parent.putObject(name);
        }
        return parent;
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "the body" : "/" + String.join("/", path)) + (item ? " (a new item)" : "");
    }
}
