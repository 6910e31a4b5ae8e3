package com.usepylon.jira.ops;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of {@code /q/metrics}: the raw text, and sample values looked up by name and labels. */
final class PrometheusScrape {

    /** {@code name{labels} value}, the labels optional. */
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final String text;
    private final List<Sample> samples;

    private PrometheusScrape(String text) {
        this.text = text;
        this.samples = parse(text);
    }

    static PrometheusScrape now() {
        return new PrometheusScrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    String text() {
        return text;
    }

    /** The sum of the samples of that name whose labels include the given ones; 0 if there are none. */
    double value(String name, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    /** Whether any sample of that name carries the given labels. */
    boolean has(String name, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        return samples.stream().anyMatch(sample -> sample.name().equals(name)
                && sample.labels().entrySet().containsAll(wanted.entrySet()));
    }

    /** The values of every label of every sample. */
    List<String> labelValues() {
        return samples.stream().flatMap(sample -> sample.labels().values().stream()).toList();
    }

    private static Map<String, String> pairs(String... labelPairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return labels;
    }

    private static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return samples;
    }
}
