package com.usepylon.jira.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations that {@code openapi.yaml} describes, read from the file itself, so that tests which must
 * cover every operation pick up a new one as soon as it is described.
 */
public final class ContractOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    private static final JsonNode CONTRACT = read();

    private ContractOperations() {
    }

    /**
     * One operation as the contract describes it.
     *
     * @param node the operation object, with {@code $ref}s left as they are; see {@link #resolve}
     */
    public record Described(String path, String method, JsonNode node) {

        public String operationId() {
            return node.path("operationId").asText(method + " " + path);
        }

        public List<String> securitySchemes() {
            List<String> schemes = new ArrayList<>();
            for (JsonNode requirement : node.path("security")) {
                requirement.fieldNames().forEachRemaining(schemes::add);
            }
            return schemes;
        }

        public String name() {
            return method.toUpperCase() + " " + path + " (" + operationId() + ")";
        }
    }

    public static List<Described> all() {
        List<Described> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = CONTRACT.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (METHODS.contains(method.getKey())) {
                    operations.add(new Described(path.getKey(), method.getKey(), method.getValue()));
                }
            }
        }
        if (operations.isEmpty()) {
            throw new IllegalStateException("openapi.yaml describes no operations");
        }
        return operations;
    }

    /** The node itself, or the one its {@code $ref} (a local {@code #/...} reference) points to. */
    public static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        if (!ref.asText().startsWith("#/")) {
            throw new IllegalStateException("Only local references are supported: " + ref.asText());
        }
        JsonNode target = CONTRACT.at(ref.asText().substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("openapi.yaml has no " + ref.asText());
        }
        return resolve(target);
    }

    private static JsonNode read() {
        try {
            return new YAMLMapper().readTree(Path.of("openapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
