package com.usepylon.jira.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The YAML documents of one kustomize folder, read as plain trees, with the few lookups the checks
 * need. It applies nothing: no patch, no generator; the checks look at each part where it is written.
 */
final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path folder;
    private final Map<Path, List<JsonNode>> documents = new LinkedHashMap<>();

    private Manifests(Path folder) {
        this.folder = folder;
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(this::read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifests in(Path folder) {
        return new Manifests(folder);
    }

    Path folder() {
        return folder;
    }

    /** The YAML files of the folder, by name. */
    Set<String> fileNames() {
        Set<String> names = new TreeSet<>();
        documents.keySet().forEach(file -> names.add(file.getFileName().toString()));
        return names;
    }

    JsonNode kustomization() {
        return only("Kustomization", null);
    }

    /** The one document of this kind (and name, unless null); fails if there is not exactly one. */
    JsonNode only(String kind, String name) {
        List<JsonNode> found = all(kind).stream()
                .filter(document -> name == null || name.equals(document.at("/metadata/name").asText()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + kind + (name == null ? "" : " '" + name + "'") + " in "
                    + folder + ", found " + found.size());
        }
        return found.get(0);
    }

    List<JsonNode> all(String kind) {
        return documents.values().stream().flatMap(List::stream)
                .filter(document -> kind.equals(document.path("kind").asText()))
                .toList();
    }

    /**
     * The keys that a kustomize generator ({@code configMapGenerator}, {@code secretGenerator}) gives
     * the object of that name: {@code key=value} literals and {@code key=file} or {@code file} files.
     */
    Map<String, List<String>> generated(String generator) {
        Map<String, List<String>> keysByName = new LinkedHashMap<>();
        for (JsonNode entry : kustomization().path(generator)) {
            List<String> keys = new ArrayList<>();
            entry.path("literals").forEach(literal -> keys.add(literal.asText().split("=", 2)[0]));
            entry.path("files").forEach(file -> keys.add(fileKey(file.asText())));
            keysByName.put(entry.path("name").asText(), keys);
        }
        return keysByName;
    }

    /** The files that the generators read, relative to the folder. */
    List<Path> generatorFiles() {
        List<Path> files = new ArrayList<>();
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            kustomization().path(generator).forEach(entry -> entry.path("files").forEach(file -> {
                String spec = file.asText();
                files.add(folder.resolve(spec.contains("=") ? spec.split("=", 2)[1] : spec));
            }));
        }
        return files;
    }

    private static String fileKey(String spec) {
        return spec.contains("=") ? spec.split("=", 2)[0] : Path.of(spec).getFileName().toString();
    }

    private void read(Path file) {
        try (MappingIterator<JsonNode> parsed = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            documents.put(file, parsed.readAll().stream().filter(document -> !document.isNull()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + file, e);
        }
    }
}
