package com.usepylon.jira.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.usepylon.jira.security.FuzzWorld.Caller;
import com.usepylon.jira.security.FuzzWorld.Sample;
import com.usepylon.jira.security.FuzzedRequest.QueryParameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The three kinds of request the schema fuzzer sends to any operation with a body or query parameters:
 * requests shaped by the schema (values that fit it, and values at and just past its bounds), requests
 * that break the schema (wrong types, nulls, missing required fields, unknown fields, hostile strings),
 * and requests that are not JSON or not declared as JSON. Most start from the world's valid sample of the
 * operation and change one or two places, so that the rest of the request still reaches the logic.
 */
final class FuzzedRequests {

    private static final String JSON = FuzzedOperation.JSON;
    private static final JsonMapper UTF8 = new JsonMapper();
    private static final JsonMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "application/octet-stream", "application/problem+json",
            "application/json-patch+json", "application/jsonx", "application/json; charset=UTF-16",
            "application/json; charset=nonsense", "text/json");
    /** quarkus.http.limits.max-initial-line-length, less some room for how RestAssured encodes. */
    private static final int MAX_REQUEST_LINE = 8192 - 256;
    /** One byte past the 2 MB that quarkus.http.limits.max-body-size allows. */
    private static final int OVER_BODY_LIMIT = 2 * 1024 * 1024 + 1;

    private final FuzzWorld world;
    private final SchemaValues values;
    private final List<FuzzedOperation> operations;

    FuzzedRequests(FuzzWorld world, List<FuzzedOperation> operations) {
        this.world = world;
        this.values = new SchemaValues(world::seeds);
        this.operations = operations;
    }

    /** The sample of the operation as it is: the service must accept it. */
    FuzzedRequest sample(FuzzedOperation operation) {
        Sample sample = sampleOf(operation);
        return request(operation, "the sample", sample.caller(), sampleQuery(sample),
                JSON, operation.hasBody() ? bytes(sample.body(), false) : null);
    }

    /** Values that fit the schema, and values at and just past its bounds. */
    Gen<FuzzedRequest> shaped() {
        return random -> {
            FuzzedOperation operation = operations.get(random.nextInt(operations.size()));
            Sample sample = sampleOf(operation);
            List<String> how = new ArrayList<>();
            JsonNode body = operation.hasBody() ? shapedBody(operation, sample, how, random) : null;
            List<QueryParameter> query = shapedQuery(operation, sample, how, random);
            Caller caller = random.nextInt(5) == 0 ? anyCaller(operation, random) : sample.caller();
            return request(operation, describe(how), caller, query, JSON,
                    body == null ? null : bytes(body, random.nextBoolean()));
        };
    }

    /** Wrong types, nulls, missing required fields, unknown fields and hostile strings. */
    Gen<FuzzedRequest> broken() {
        return random -> {
            FuzzedOperation operation = operations.get(random.nextInt(operations.size()));
            Sample sample = sampleOf(operation);
            List<String> how = new ArrayList<>();
            JsonNode body = sample.body();
            for (int i = random.nextInt(1, 3); operation.hasBody() && i > 0; i--) {
                body = breakBody(operation, body, how, random);
            }
            List<QueryParameter> query = brokenQuery(operation, sample, how, random);
            Caller caller = random.nextBoolean() ? sample.caller() : anyCaller(operation, random);
            return request(operation, describe(how), caller, query, JSON,
                    body == null ? null : bytes(body, random.nextBoolean()));
        };
    }

    /** Bytes that are not JSON, JSON under another content type, arbitrary JSON, and random query text. */
    Gen<FuzzedRequest> unreadable() {
        return random -> {
            FuzzedOperation operation = operations.get(random.nextInt(operations.size()));
            Sample sample = sampleOf(operation);
            Caller caller = random.nextBoolean() ? sample.caller() : anyCaller(operation, random);
            List<QueryParameter> query = new ArrayList<>();
            operation.query().keySet().forEach(name -> query.add(new QueryParameter(name,
                    SchemaValues.hostileString().next(random))));
            if (!operation.hasBody()) {
                return request(operation, "hostile query values", caller, query, JSON, null);
            }
            return unreadableBody(operation, sample, caller, query).next(random);
        };
    }

    private JsonNode shapedBody(FuzzedOperation operation, Sample sample, List<String> how,
            SplittableRandom random) {
        int choice = random.nextInt(6);
        if (choice == 0) {
            how.add("the sample body");
            return sample.body();
        }
        if (choice <= 2) {
            how.add("a body generated from the schema");
            return values.fitting(operation.body(), null).next(random);
        }
        JsonNode body = sample.body();
        List<BodyLocation> locations = BodyLocation.of(operation.body());
        int first = locations.size() > 1 ? 1 : 0;
        for (int i = random.nextInt(1, 3); i > 0; i--) {
            BodyLocation location = locations.get(random.nextInt(first, locations.size()));
            boolean atBound = random.nextBoolean();
            how.add("the sample with " + location + (atBound ? " at a bound" : " set to a fitting value"));
            JsonNode value = atBound ? values.boundary(location.schema(), location.field()).next(random)
                    : values.fitting(location.schema(), location.field()).next(random);
            body = location.set(body, value);
        }
        return body;
    }

    private JsonNode breakBody(FuzzedOperation operation, JsonNode body, List<String> how,
            SplittableRandom random) {
        List<BodyLocation> locations = BodyLocation.of(operation.body());
        BodyLocation location = locations.get(random.nextInt(locations.size()));
        switch (random.nextInt(5)) {
            case 0 -> {
                how.add(location + " set to a wrong type");
                return location.set(body, SchemaValues.wrongType(location.schema()).next(random));
            }
            case 1 -> {
                how.add(location + " set to null");
                return location.set(body, SchemaValues.JSON.nullNode());
            }
            case 2 -> {
                how.add(location + " set to a hostile string");
                String hostile = SchemaValues.hostileString().next(random);
                return location.set(body, SchemaValues.JSON.textNode(hostile));
            }
            case 3 -> {
                List<BodyLocation> required = locations.stream()
                        .filter(place -> place.required() && !place.path().isEmpty()).toList();
                if (required.isEmpty()) {
                    return breakBody(operation, body, how, random);
                }
                BodyLocation missing = required.get(random.nextInt(required.size()));
                how.add(missing + " left out");
                return missing.remove(body);
            }
            default -> {
                List<BodyLocation> objects = locations.stream().filter(BodyLocation::isObject).toList();
                BodyLocation object = objects.get(random.nextInt(objects.size()));
                String name = SchemaValues.hostileString().next(random);
                how.add("an unknown field in " + object);
                return object.child(name, SchemaValues.JSON.objectNode(), false)
                        .set(body, SchemaValues.anyJson(2).next(random));
            }
        }
    }

    private Gen<FuzzedRequest> unreadableBody(FuzzedOperation operation, Sample sample, Caller caller,
            List<QueryParameter> query) {
        byte[] sampleBytes = bytes(sample.body(), false);
        return Gen.<FuzzedRequest>weighted()
                .or(3, random -> request(operation, "random bytes", caller, query, JSON, randomBytes(random)))
                .or(3, random -> request(operation, "the sample under another content type", caller, query,
                        Gen.element(WRONG_CONTENT_TYPES).next(random), sampleBytes))
                .or(3, random -> request(operation, "arbitrary JSON", caller, query, JSON,
                        bytes(SchemaValues.anyJson(4).next(random), random.nextBoolean())))
                .or(1, random -> request(operation, "JSON nested too deeply", caller, query, JSON,
                        nested(random.nextInt(60, 300))))
                .or(1, random -> request(operation, "the sample cut short", caller, query, JSON,
                        Arrays.copyOf(sampleBytes, random.nextInt(sampleBytes.length))))
                .or(1, random -> request(operation, "an empty body", caller, query, JSON, new byte[0]))
                .or(1, random -> request(operation, "a body over the size limit", caller, query, JSON,
                        overTheLimit()));
    }

    private List<QueryParameter> shapedQuery(FuzzedOperation operation, Sample sample, List<String> how,
            SplittableRandom random) {
        List<QueryParameter> query = new ArrayList<>();
        operation.query().forEach((name, schema) -> {
            String sampled = sample.query().get(name);
            switch (random.nextInt(4)) {
                case 0 -> how.add(name + " left out");
                case 1 -> query.add(new QueryParameter(name,
                        sampled != null ? sampled : text(values.fitting(schema, name).next(random))));
                case 2 -> {
                    how.add(name + " fitting");
                    query.add(new QueryParameter(name, text(values.fitting(schema, name).next(random))));
                }
                default -> {
                    how.add(name + " at a bound");
                    query.add(new QueryParameter(name, text(values.boundary(schema, name).next(random))));
                }
            }
        });
        return query;
    }

    private List<QueryParameter> brokenQuery(FuzzedOperation operation, Sample sample, List<String> how,
            SplittableRandom random) {
        List<QueryParameter> query = new ArrayList<>(sampleQuery(sample));
        List<String> names = new ArrayList<>(operation.query().keySet());
        if (names.isEmpty()) {
            return query;
        }
        for (int i = random.nextInt(1, 3); i > 0; i--) {
            String name = names.get(random.nextInt(names.size()));
            query.removeIf(parameter -> parameter.name().equals(name));
            switch (random.nextInt(4)) {
                case 0 -> {
                    how.add(name + " of a wrong type");
                    query.add(new QueryParameter(name,
                            text(SchemaValues.wrongType(operation.query().get(name)).next(random))));
                }
                case 1 -> {
                    how.add(name + " hostile");
                    query.add(new QueryParameter(name, SchemaValues.hostileString().next(random)));
                }
                case 2 -> {
                    how.add(name + " twice");
                    query.add(new QueryParameter(name, "1"));
                    query.add(new QueryParameter(name, SchemaValues.hostileString().next(random)));
                }
                default -> {
                    how.add(name + " without a value");
                    query.add(new QueryParameter(name, null));
                }
            }
        }
        return query;
    }

    private Sample sampleOf(FuzzedOperation operation) {
        return world.sample(operation.operationId()).orElseThrow(() -> new IllegalStateException(
                "The fuzz world has no sample request of " + operation));
    }

    private static List<QueryParameter> sampleQuery(Sample sample) {
        return sample.query().entrySet().stream()
                .map(parameter -> new QueryParameter(parameter.getKey(), parameter.getValue())).toList();
    }

    private Caller anyCaller(FuzzedOperation operation, SplittableRandom random) {
        List<Caller> callers = world.callers(operation.scheme());
        return callers.get(random.nextInt(callers.size()));
    }

    private static FuzzedRequest request(FuzzedOperation operation, String how, Caller caller,
            List<QueryParameter> query, String contentType, byte[] body) {
        List<QueryParameter> fitted = withinRequestLine(operation, query);
        String made = fitted.equals(query) ? how : how + ", query cut to the request line";
        return new FuzzedRequest(operation, made, caller, fitted, contentType, body);
    }

    /**
     * The query with its longest values cut until the request line fits in the 8 KiB of
     * {@code quarkus.http.limits.max-initial-line-length}. A longer line is refused by Quarkus itself with
     * an empty 414 before the service sees the request, a limit docs/security.md states; every query the
     * contract allows fits.
     */
    private static List<QueryParameter> withinRequestLine(FuzzedOperation operation,
            List<QueryParameter> query) {
        List<QueryParameter> fitted = new ArrayList<>(query);
        while (requestLine(operation, fitted) > MAX_REQUEST_LINE) {
            QueryParameter longest = fitted.stream().filter(parameter -> parameter.value() != null)
                    .max(Comparator.comparingInt(parameter -> encoded(parameter.value()).length()))
                    .orElseThrow();
            String value = longest.value();
            int cut = Math.max(0, Math.min(value.length() / 2, value.length() - 1));
            if (cut > 0 && Character.isLowSurrogate(value.charAt(cut))) {
                cut--;
            }
            fitted.set(fitted.indexOf(longest), new QueryParameter(longest.name(), value.substring(0, cut)));
        }
        return fitted;
    }

    private static int requestLine(FuzzedOperation operation, List<QueryParameter> query) {
        int length = operation.method().length() + operation.path().length() + " ? HTTP/1.1".length();
        for (QueryParameter parameter : query) {
            length += encoded(parameter.name()).length() + 2
                    + (parameter.value() == null ? 0 : encoded(parameter.value()).length());
        }
        return length;
    }

    /** Percent-encoded as a query parameter; a space may go as {@code %20}, so it counts three bytes. */
    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(List<String> how) {
        return how.isEmpty() ? "the sample" : String.join(", ", how);
    }

    /** A query parameter's text: a JSON string as it is, anything else as JSON. */
    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /**
     * The JSON text of the value, in UTF-8 or with every non-ASCII character escaped. A lone surrogate
     * cannot be written as UTF-8, so a value with one is always escaped.
     */
    static byte[] bytes(JsonNode value, boolean escaped) {
        try {
            return (escaped ? ASCII : UTF8).writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            if (escaped) {
                throw new IllegalStateException(e);
            }
            return bytes(value, true);
        }
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(1, 300)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] nested(int levels) {
        return ("[".repeat(levels) + "]".repeat(levels)).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] overTheLimit() {
        byte[] body = new byte[OVER_BODY_LIMIT];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }
}
