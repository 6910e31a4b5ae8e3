package com.usepylon.jira.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usepylon.jira.support.ContractOperations;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * Random JSON values for a schema of {@code openapi.yaml}: values that fit it, values at and just past
 * each of its bounds, values of the wrong type, hostile strings and arbitrary JSON.
 *
 * <p>Random strings rarely get past the first check of an endpoint, so a string field whose name the
 * test world knows (an organization id, a project id, a configuration token) is often given one of the
 * world's own values instead: the request then reaches the logic behind the checks.
 */
final class SchemaValues {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Strings that have broken services before: control characters, odd Unicode, SQL and markup. */
    static final List<String> HOSTILE = List.of("", " ", "\t\r\n", "\u0000", "a\u0000b", "\u0001\u001f\u007f",
            "\u0085\u2028\u2029", "\uFEFF", "\u202Eevil", "e\u0301\u0301", "\uD83D\uDE00", "\uD835\uDD18",
            "\u65E5\u672C", "\uD800", "\uDC00x", "\uFFFE\uFFFF", "' or '1'='1",
            "'); drop table jira_project; --", "%", "_", "\\", "%_\\%", "$1", "../../etc/passwd",
            "<script>alert(1)</script>", "%s%n%x", "{\"a\":1}", "null", "true", "-1", "1e309", "NaN",
            "pjct_", "https://", "javascript:alert(1)");
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.";
    private static final String UNICODE = "\u00e9\u00fc\u00df\u0142\u0416\u05d0\u0628\u4e2d\u65e5\u20ac";
    private static final int PLAIN_MAX_LENGTH = 30;

    private final Function<String, List<String>> seeds;

    /** @param seeds the test world's values for a field name; an empty list for a name it does not know */
    SchemaValues(Function<String, List<String>> seeds) {
        this.seeds = seeds;
    }

    /** A value that fits the schema; {@code field} is the name of the property or parameter it is for. */
    Gen<JsonNode> fitting(JsonNode schema, String field) {
        JsonNode resolved = ContractOperations.resolve(schema);
        if (resolved.has("enum")) {
            return Gen.element(enumValues(resolved));
        }
        return switch (resolved.path("type").asText()) {
            case "object" -> fittingObject(resolved);
            case "array" -> arrayOf(resolved, field, Gen.between(minItems(resolved),
                    Math.min(maxItems(resolved, 5), minItems(resolved) + 5)));
            case "string" -> fittingString(resolved, field).map(JSON::textNode);
            case "integer" -> fittingInteger(resolved);
            case "number" -> random -> JSON.numberNode(random.nextDouble(-1e6, 1e6));
            case "boolean" -> random -> JSON.booleanNode(random.nextBoolean());
            default -> throw new IllegalStateException("No values for the schema of " + field + ": "
                    + resolved);
        };
    }

    /** A value at or just past one of the schema's bounds, or an object with one such property. */
    Gen<JsonNode> boundary(JsonNode schema, String field) {
        JsonNode resolved = ContractOperations.resolve(schema);
        if (resolved.has("enum")) {
            return Gen.element(List.of(JSON.textNode("NOT_" + resolved.path("enum").path(0).asText()),
                    JSON.textNode(resolved.path("enum").path(0).asText().toLowerCase() + " ")));
        }
        return switch (resolved.path("type").asText()) {
            case "object" -> boundaryObject(resolved);
            case "array" -> arrayOf(resolved, field, Gen.element(List.of(maxItems(resolved, 100),
                    maxItems(resolved, 100) + 1, 0, Math.max(0, minItems(resolved) - 1))));
            case "string" -> boundaryString(resolved).map(JSON::textNode);
            case "integer", "number" -> boundaryNumber(resolved);
            default -> fitting(resolved, field);
        };
    }

    /** A JSON value of another type than the schema asks for. */
    static Gen<JsonNode> wrongType(JsonNode schema) {
        String type = ContractOperations.resolve(schema).path("type").asText();
        List<JsonNode> values = new ArrayList<>(List.of(JSON.textNode("12"), JSON.numberNode(12),
                JSON.numberNode(1.5), JSON.booleanNode(true), JSON.objectNode().put("a", 1),
                JSON.arrayNode().add("a")));
        values.removeIf(value -> fitsType(value, type));
        return Gen.element(values);
    }

    private static boolean fitsType(JsonNode value, String type) {
        return switch (type) {
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            default -> value.getNodeType().name().equalsIgnoreCase(type);
        };
    }

    /** A hostile string, a very long one, or random characters that are hard to handle. */
    static Gen<String> hostileString() {
        return Gen.<String>weighted()
                .or(6, Gen.element(HOSTILE))
                .or(3, random -> randomString(random, between(random, 1, 40), true))
                .or(1, random -> String.valueOf((char) random.nextInt(0x20, 0x7f))
                        .repeat(List.of(1_000, 10_000, 100_000).get(random.nextInt(3))));
    }

    /** Any JSON at all, nested at most {@code depth} levels. */
    static Gen<JsonNode> anyJson(int depth) {
        Gen.Weighted<JsonNode> leaves = Gen.<JsonNode>weighted()
                .or(1, Gen.constant(JSON.nullNode()))
                .or(1, random -> JSON.booleanNode(random.nextBoolean()))
                .or(2, random -> JSON.numberNode(random.nextLong()))
                .or(1, Gen.element(List.of(JSON.numberNode(new BigInteger("1" + "0".repeat(40))),
                        JSON.numberNode(new BigDecimal("1e400")), JSON.numberNode(-0.0))))
                .or(3, hostileString().map(JSON::textNode));
        if (depth <= 0) {
            return leaves;
        }
        return Gen.<JsonNode>weighted().or(3, leaves)
                .or(1, random -> {
                    ArrayNode array = JSON.arrayNode();
                    for (int i = between(random, 0, 4); i > 0; i--) {
                        array.add(anyJson(depth - 1).next(random));
                    }
                    return array;
                })
                .or(1, random -> {
                    ObjectNode object = JSON.objectNode();
                    for (int i = between(random, 0, 4); i > 0; i--) {
                        object.set(hostileString().next(random), anyJson(depth - 1).next(random));
                    }
                    return object;
                });
    }

    private Gen<JsonNode> fittingObject(JsonNode schema) {
        return random -> {
            ObjectNode object = JSON.objectNode();
            schema.path("properties").fields().forEachRemaining(property -> {
                String name = property.getKey();
                if (isRequired(schema, name) || random.nextBoolean()) {
                    object.set(name, fitting(property.getValue(), name).next(random));
                }
            });
            return object;
        };
    }

    private Gen<JsonNode> boundaryObject(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return random -> {
            ObjectNode object = (ObjectNode) fittingObject(schema).next(random);
            if (!names.isEmpty()) {
                String name = names.get(random.nextInt(names.size()));
                object.set(name, boundary(schema.path("properties").path(name), name).next(random));
            }
            return object;
        };
    }

    private Gen<JsonNode> arrayOf(JsonNode schema, String field, Gen<Integer> sizes) {
        Gen<JsonNode> items = fitting(schema.path("items"), field);
        return random -> {
            ArrayNode array = JSON.arrayNode();
            for (int i = sizes.next(random); i > 0; i--) {
                array.add(items.next(random));
            }
            return array;
        };
    }

    private Gen<String> fittingString(JsonNode schema, String field) {
        int min = schema.path("minLength").asInt(0);
        int max = Math.min(schema.path("maxLength").asInt(PLAIN_MAX_LENGTH), PLAIN_MAX_LENGTH);
        Gen.Weighted<String> strings = Gen.<String>weighted()
                .or(2, random -> randomString(random, between(random, min, Math.max(min, max)), false));
        List<String> known = seeds.apply(field);
        if (!known.isEmpty()) {
            strings.or(6, random -> known.get(random.nextInt(known.size())));
        }
        if (schema.has("example")) {
            strings.or(1, Gen.constant(schema.path("example").asText()));
        }
        if (schema.path("format").asText().equals("uuid")) {
            strings.or(2, random -> new UUID(random.nextLong(), random.nextLong()).toString());
        }
        return strings;
    }

    private static Gen<String> boundaryString(JsonNode schema) {
        List<Integer> lengths = new ArrayList<>(List.of(0, 1));
        if (schema.has("maxLength")) {
            lengths.addAll(List.of(schema.path("maxLength").asInt(), schema.path("maxLength").asInt() + 1));
        }
        if (schema.path("minLength").asInt(0) > 0) {
            lengths.add(schema.path("minLength").asInt() - 1);
        }
        Gen<String> byLength = random -> {
            int length = lengths.get(random.nextInt(lengths.size()));
            // Java counts UTF-16 units, JSON Schema counts characters: a two-unit emoji tells them apart.
            String unit = List.of("x", "\u00e9", "\uD83D\uDE00").get(random.nextInt(3));
            return unit.repeat(length);
        };
        if (!schema.path("format").asText().equals("uuid")) {
            return byLength;
        }
        return Gen.oneOf(byLength, Gen.element(List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
                "00000000000000000000000000000000", "{00000000-0000-0000-0000-000000000000}",
                "ABCDEF00-0000-4000-8000-00000000000G", UUID.randomUUID() + "0")));
    }

    private static Gen<JsonNode> fittingInteger(JsonNode schema) {
        long min = schema.path("minimum").asLong(schema.path("format").asText().equals("int64") ? 0 : -1000);
        long max = schema.path("maximum").asLong(schema.path("format").asText().equals("int64")
                ? 4_000_000_000_000L : 1000);
        return random -> JSON.numberNode(random.nextLong(min, max + 1));
    }

    private static Gen<JsonNode> boundaryNumber(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>(List.of(JSON.numberNode(0), JSON.numberNode(-1),
                JSON.numberNode(Long.MAX_VALUE), JSON.numberNode(Long.MIN_VALUE),
                JSON.numberNode(BigInteger.TWO.pow(64)), JSON.numberNode(Integer.MAX_VALUE + 1L)));
        for (String bound : List.of("minimum", "maximum")) {
            if (schema.has(bound)) {
                long value = schema.path(bound).asLong();
                values.addAll(List.of(JSON.numberNode(value), JSON.numberNode(value - 1),
                        JSON.numberNode(value + 1)));
            }
        }
        return Gen.element(values);
    }

    private static List<JsonNode> enumValues(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>();
        schema.path("enum").forEach(value -> {
            if (!value.isNull()) {
                values.add(value);
            }
        });
        return values;
    }

    static boolean isRequired(JsonNode schema, String property) {
        for (JsonNode required : schema.path("required")) {
            if (required.asText().equals(property)) {
                return true;
            }
        }
        return false;
    }

    private static int minItems(JsonNode schema) {
        return schema.path("minItems").asInt(0);
    }

    private static int maxItems(JsonNode schema, int whenUnbounded) {
        return schema.path("maxItems").asInt(whenUnbounded);
    }

    private static String randomString(SplittableRandom random, int length, boolean hostile) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(hostile ? (char) random.nextInt(0, 0x10000) : pick(random, random.nextInt(8) == 0
                    ? UNICODE : PLAIN));
        }
        return text.toString();
    }

    private static char pick(SplittableRandom random, String characters) {
        return characters.charAt(random.nextInt(characters.length()));
    }

    private static int between(SplittableRandom random, int min, int max) {
        return random.nextInt(min, max + 1);
    }
}
