package com.usepylon.jira.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the Kubernetes manifests in {@code deployment/} against the application's own configuration,
 * since nothing here can run kubectl or a container. The base is checked as written, and the example
 * overlay's patches and generators as written; kustomize itself is not re-implemented.
 */
class DeploymentManifestsTest {

    private static final Path DEPLOYMENT = Path.of("deployment");
    private static final String NAME = "pylon-jira";
    /** Quarkus properties that production must set and that application.properties leaves unset. */
    private static final Set<String> SET_ONLY_BY_THE_ENVIRONMENT = Set.of(
            "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password",
            "quarkus.flyway.username", "quarkus.flyway.password");
    /** Read by the image's entry point or by the C library (deployment/Containerfile), not by the service. */
    private static final Set<String> IMAGE_VARIABLES =
            Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "MALLOC_ARENA_MAX");
    private static final List<String> PROBES = List.of("startupProbe", "readinessProbe", "livenessProbe");

    /** A Secret or ConfigMap named by a pod, and the key it uses, if it names one. */
    private record Reference(String object, String key) {
    }

    private final ApplicationConfig application = ApplicationConfig.load();
    private final Manifests base = Manifests.in(DEPLOYMENT.resolve("base"));
    private final Manifests overlay = Manifests.in(DEPLOYMENT.resolve("overlays/example"));

    @Test
    void containerPort_isTheApplicationsHttpPort_everywhereItIsNamed() throws IOException {
        int port = application.httpPort();

        assertThat(httpPort(container())).isEqualTo(port);
        assertThat(base.only("Service", NAME).at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        assertThat(base.only("NetworkPolicy", NAME).at("/spec/ingress/0/ports/0/port").asInt())
                .isEqualTo(port);
        assertThat(podTemplate().at("/metadata/annotations/prometheus.io~1port").asText())
                .isEqualTo(Integer.toString(port));
        assertThat(Files.readString(DEPLOYMENT.resolve("Containerfile"))).contains("EXPOSE " + port + "\n");
    }

    @Test
    void probes_askQuarkusHealthEndpointsThatExist_onTheHttpPort() {
        JsonNode container = container();

        assertThat(probePath(container, "startupProbe"))
                .isEqualTo(application.healthPath("startup-path", "started"));
        assertThat(probePath(container, "readinessProbe"))
                .isEqualTo(application.healthPath("readiness-path", "ready"));
        assertThat(probePath(container, "livenessProbe"))
                .isEqualTo(application.healthPath("liveness-path", "live"));
        for (String probe : PROBES) {
            assertThat(container.path(probe).at("/httpGet/port").asText()).as(probe).isEqualTo("http");
        }
        assertThat(podTemplate().at("/metadata/annotations/prometheus.io~1path").asText())
                .isEqualTo(application.metricsPath());
    }

    @Test
    void environment_namesOnlyPropertiesTheApplicationReads() {
        Set<String> readable = new HashSet<>(IMAGE_VARIABLES);
        Set<String> properties = new HashSet<>(application.knownPropertyNames());
        properties.addAll(SET_ONLY_BY_THE_ENVIRONMENT);
        properties.forEach(property -> readable.add(ApplicationConfig.environmentName(property)));

        List<String> names = environmentNames();

        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(readable)
                .as("%s must be the environment form of a key of application.properties or of a"
                        + " @ConfigMapping property", name)
                .contains(name));
    }

    @Test
    void everySecretAndConfigMapReferenced_existsWithTheKeysUsed() {
        Map<String, Set<String>> defined = definedSecretsAndConfigMaps();

        List<Reference> references = new ArrayList<>();
        references.addAll(references(podTemplate().path("spec")));
        references.addAll(references(overlayDeploymentPatch().at("/spec/template/spec")));

        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(defined).as("objects that define %s", reference.object())
                    .containsKey(reference.object());
            if (reference.key() != null) {
                assertThat(defined.get(reference.object())).as("keys of %s", reference.object())
                        .contains(reference.key());
            }
        });
        assertThat(overlay.generatorFiles()).allSatisfy(file -> assertThat(file).isRegularFile());
    }

    @Test
    void replicas_areAtLeastTwo_andTheDisruptionBudgetLetsOneGo() {
        int baseReplicas = base.only("Deployment", NAME).at("/spec/replicas").asInt();
        int overlayReplicas = overlay.kustomization().at("/replicas/0/count").asInt();
        JsonNode autoscaler = base.only("HorizontalPodAutoscaler", NAME);
        int minAvailable = base.only("PodDisruptionBudget", NAME).at("/spec/minAvailable").asInt();

        int minReplicas = autoscaler.at("/spec/minReplicas").asInt();

        assertThat(List.of(baseReplicas, overlayReplicas, minReplicas)).allSatisfy(count ->
                assertThat(count).isGreaterThanOrEqualTo(2).isGreaterThan(minAvailable));
        assertThat(minAvailable).isGreaterThanOrEqualTo(1);
        assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo(NAME);
    }

    @Test
    void selectors_allMatchThePods() {
        JsonNode podLabels = podTemplate().at("/metadata/labels");

        List<JsonNode> selectors = List.of(base.only("Deployment", NAME).at("/spec/selector/matchLabels"),
                base.only("Service", NAME).at("/spec/selector"),
                base.only("PodDisruptionBudget", NAME).at("/spec/selector/matchLabels"),
                base.only("NetworkPolicy", NAME).at("/spec/podSelector/matchLabels"));

        assertThat(selectors).allSatisfy(selector -> {
            assertThat(selector.size()).isPositive();
            selector.fields().forEachRemaining(label ->
                    assertThat(podLabels.path(label.getKey()).asText()).isEqualTo(label.getValue().asText()));
        });
    }

    @Test
    void pods_runAsNonRoot_onAReadOnlyFilesystem_withoutPrivileges() throws IOException {
        JsonNode pod = podTemplate().path("spec");
        JsonNode security = container().path("securityContext");

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(security.at("/capabilities/drop")).extracting(JsonNode::asText).contains("ALL");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(base.only("ServiceAccount", NAME).path("automountServiceAccountToken").asBoolean(true))
                .isFalse();
        assertThat(volumeMountedAt(pod, "/tmp").has("emptyDir")).as("/tmp is an emptyDir").isTrue();
        assertThat(Files.readString(DEPLOYMENT.resolve("Containerfile")))
                .containsPattern("\nUSER [1-9][0-9]*");
    }

    @Test
    void resources_haveRequestsWithinLimits_inTheBaseAndTheOverlay() {
        List<JsonNode> containers = List.of(container(),
                overlayDeploymentPatch().at("/spec/template/spec/containers/0"));

        assertThat(containers).allSatisfy(container -> {
            for (String resource : List.of("cpu", "memory")) {
                JsonNode requested = container.at("/resources/requests/" + resource);
                JsonNode limited = container.at("/resources/limits/" + resource);
                assertThat(requested.isMissingNode() || limited.isMissingNode()).as(resource + " set")
                        .isFalse();
                assertThat(Quantities.parse(requested.asText())).as(resource)
                        .isLessThanOrEqualTo(Quantities.parse(limited.asText()));
            }
        });
    }

    @Test
    void terminationGracePeriod_outlastsThePreStopSleepAndQuarkusShutdownTimeout() {
        JsonNode preStop = container().at("/lifecycle/preStop/exec/command");
        Duration sleep = Duration.ofSeconds(Long.parseLong(preStop.get(preStop.size() - 1).asText()));
        long grace = podTemplate().at("/spec/terminationGracePeriodSeconds").asLong();

        assertThat(application.shutdownTimeout()).as("quarkus.shutdown.timeout").isPositive();
        assertThat(Duration.ofSeconds(grace)).isGreaterThan(sleep.plus(application.shutdownTimeout()));
    }

    @Test
    void kustomizations_listEveryManifestAndPatch() {
        Set<String> listed = new HashSet<>();
        base.kustomization().path("resources").forEach(resource -> listed.add(resource.asText()));
        Set<String> patches = new HashSet<>();
        overlay.kustomization().path("patches").forEach(patch -> patches.add(patch.path("path").asText()));

        assertThat(listed).isEqualTo(withoutKustomization(base.fileNames()));
        assertThat(patches).isEqualTo(withoutKustomization(overlay.fileNames()));
        assertThat(overlay.kustomization().path("resources")).extracting(JsonNode::asText)
                .contains("../../base");
    }

    private JsonNode podTemplate() {
        return base.only("Deployment", NAME).at("/spec/template");
    }

    private JsonNode container() {
        return podTemplate().at("/spec/containers/0");
    }

    private JsonNode overlayDeploymentPatch() {
        return overlay.only("Deployment", NAME);
    }

    /** The container's variables, and the keys of the ConfigMap it takes as environment. */
    private List<String> environmentNames() {
        List<String> names = new ArrayList<>();
        container().path("env").forEach(variable -> names.add(variable.path("name").asText()));
        for (Manifests folder : List.of(base, overlay)) {
            folder.all("ConfigMap").stream()
                    .filter(map -> "pylon-jira-config".equals(map.at("/metadata/name").asText()))
                    .forEach(map -> map.path("data").fieldNames().forEachRemaining(names::add));
        }
        return names;
    }

    /** Secrets and ConfigMaps written in the base or generated by the overlay, with their keys. */
    private Map<String, Set<String>> definedSecretsAndConfigMaps() {
        Map<String, Set<String>> defined = new HashMap<>();
        for (String kind : List.of("ConfigMap", "Secret")) {
            base.all(kind).forEach(object -> defined.put(object.at("/metadata/name").asText(),
                    keys(object.path("data"))));
        }
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            overlay.generated(generator).forEach((name, keys) -> defined.put(name, Set.copyOf(keys)));
        }
        return defined;
    }

    private static List<Reference> references(JsonNode pod) {
        List<Reference> references = new ArrayList<>();
        for (JsonNode container : pod.path("containers")) {
            for (JsonNode source : container.path("envFrom")) {
                JsonNode ref = source.has("configMapRef") ? source.path("configMapRef")
                        : source.path("secretRef");
                references.add(new Reference(ref.path("name").asText(), null));
            }
            for (JsonNode variable : container.path("env")) {
                for (String kind : List.of("secretKeyRef", "configMapKeyRef")) {
                    JsonNode ref = variable.path("valueFrom").path(kind);
                    if (!ref.isMissingNode()) {
                        references.add(new Reference(ref.path("name").asText(), ref.path("key").asText()));
                    }
                }
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            String name = volume.has("secret") ? volume.at("/secret/secretName").asText()
                    : volume.at("/configMap/name").asText();
            JsonNode items = volume.has("secret") ? volume.at("/secret/items")
                    : volume.at("/configMap/items");
            if (!name.isEmpty()) {
                references.add(new Reference(name, null));
                items.forEach(item -> references.add(new Reference(name, item.path("key").asText())));
            }
        }
        return references;
    }

    private static int httpPort(JsonNode container) {
        for (JsonNode port : container.path("ports")) {
            if ("http".equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("The container has no port named http");
    }

    private static String probePath(JsonNode container, String probe) {
        return container.path(probe).at("/httpGet/path").asText();
    }

    private static JsonNode volumeMountedAt(JsonNode pod, String path) {
        for (JsonNode mount : pod.at("/containers/0/volumeMounts")) {
            for (JsonNode volume : pod.path("volumes")) {
                if (path.equals(mount.path("mountPath").asText())
                        && volume.path("name").asText().equals(mount.path("name").asText())) {
                    return volume;
                }
            }
        }
        throw new AssertionError("Nothing is mounted at " + path);
    }

    private static Set<String> keys(JsonNode data) {
        Set<String> keys = new HashSet<>();
        data.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> withoutKustomization(Set<String> fileNames) {
        Set<String> manifests = new HashSet<>(fileNames);
        manifests.remove("kustomization.yaml");
        return manifests;
    }
}
