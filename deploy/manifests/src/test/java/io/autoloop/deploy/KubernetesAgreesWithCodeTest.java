package io.autoloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.deploy.ServiceModules.Service;
import io.autoloop.testing.StackTopics;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What deploy/k8s renders agrees with the code: each service's image, port, probes and metrics endpoint; the topics of
 * {@link Topics} with the partition counts of deploy/local/topics.txt; replicas the partitions and the leases allow;
 * settings the services read; and secrets that are placeholders the services refuse.
 */
class KubernetesAgreesWithCodeTest {

    private static final String BASE = "deploy/k8s/base";

    @ParameterizedTest
    @ValueSource(strings = {BASE, "deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod"})
    void eachServiceRunsItsImageOnItsPortWithProbesAndMetrics(String kustomization) {
        // given the services the code defines
        List<ObjectNode> objects = render(kustomization);
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Service service : ServiceModules.services()) {
            expected.put(
                    service.module(),
                    service.image() + " on " + service.port()
                            + ", probes started /q/health/started on " + service.port() + ", ready /q/health/ready on "
                            + service.port() + ", live /q/health/live on " + service.port()
                            + ", requests and limits, service " + service.port() + " to "
                            + service.port() + ", metrics /q/metrics on " + service.port());

            // when its Deployment, Service and ServiceMonitor are read
            actual.put(service.module(), describe(objects, service.module()));
        }

        // then each runs its module's image on its port, probed and scraped there
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, "deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod"})
    void theTopicsAreTheContractsWithTheLocalStacksPartitionCounts(String kustomization) {
        // when the KafkaTopics are read
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (JsonNode topic : ofKind(render(kustomization), "KafkaTopic")) {
            topics.put(
                    topic.path("metadata").path("name").asText(),
                    topic.path("spec").path("partitions").asInt());
        }

        // then they are the contract's topics, partitioned as the local stack creates them
        assertThat(topics.keySet())
                .containsExactlyElementsOf(Topics.ALL.stream().map(Topic::name).toList());
        assertThat(topics).containsExactlyEntriesOf(StackTopics.all());
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, "deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod"})
    void replicasFollowThePartitionsAndTheLeases(String kustomization) {
        // given the partitions the analyzer's instances share
        int partitions = StackTopics.partitions(Topics.SERVING_DECISIONS);
        List<ObjectNode> objects = render(kustomization);

        // when the replicas, autoscalers and disruption budgets are read
        int analyzers = find(objects, "Deployment", "error-analyzer")
                .path("spec")
                .path("replicas")
                .asInt();
        int retrainers = find(objects, "Deployment", "retrainer")
                .path("spec")
                .path("replicas")
                .asInt();
        List<String> scaled = ofKind(objects, "HorizontalPodAutoscaler").stream()
                .map(hpa -> hpa.path("spec").path("scaleTargetRef").path("name").asText())
                .toList();
        List<String> budgeted = ofKind(objects, "PodDisruptionBudget").stream()
                .map(pdb -> pdb.path("spec")
                        .path("selector")
                        .path("matchLabels")
                        .path("app.kubernetes.io/name")
                        .asText())
                .toList();

        // then every analyzer has the same share of the partitions, one retrainer is active and one waits, the
        // collector and the router scale, and the router keeps serving through a drain
        assertThat(partitions % analyzers)
                .as("%d partitions over %d analyzers", partitions, analyzers)
                .isZero();
        assertThat(retrainers).isEqualTo(2);
        assertThat(scaled).containsExactly("feedback-collector", "ab-router");
        assertThat(budgeted).containsExactly("ab-router");
    }

    @Test
    void healthAndMetricsAreServedWhereTheManifestsLook() {
        // when the services' settings are read, then none moves /q/health or /q/metrics from Quarkus' defaults
        for (Service service : ServiceModules.services()) {
            for (String key : List.of(
                    "quarkus.http.non-application-root-path",
                    "quarkus.smallrye-health.root-path",
                    "quarkus.micrometer.export.prometheus.path")) {
                assertThat(service.setting(key))
                        .as(service.module() + " " + key)
                        .isNull();
            }
        }
    }

    @Test
    void everySettingOfTheConfigMapIsAKeyAServiceReads() {
        // given the keys the services' application.properties set, in the environment variables' form
        Set<String> read = ServiceModules.services().stream()
                .flatMap(service -> service.keys().stream())
                .filter(key -> !key.startsWith("%"))
                .map(key -> key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());

        // when the settings ConfigMap is read
        JsonNode settings = find(render(BASE), "ConfigMap", "autoloop-settings").path("data");

        // then each of its variables sets one of them
        assertThat(settings.fieldNames()).toIterable().isSubsetOf(read);
    }

    @Test
    void theBaseSecretsArePlaceholdersTheServicesRefuseAtStartup() {
        // given the base's secrets
        List<ObjectNode> objects = render(BASE);
        JsonNode secrets = find(objects, "Secret", "autoloop-secrets").path("stringData");
        Properties apiKeys = new Properties();
        try {
            apiKeys.load(new StringReader(find(objects, "Secret", "autoloop-api-keys")
                    .path("stringData")
                    .path("application.properties")
                    .asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // when the services' own checks see them, then each is refused
        assertThatThrownBy(() -> new Pseudonymizer(
                        secrets.path("AUTOLOOP_PSEUDONYMIZATION_SECRET").asText()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiKeys(
                        Map.of("admin", secrets.path("AUTOLOOP_ADMIN_KEY_HASH").asText())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(apiKeys.stringPropertyNames())
                .containsExactlyInAnyOrder("collector.api-keys.\"example-app\"", "router.api-keys.\"example-app\"");
        for (String key : apiKeys.stringPropertyNames()) {
            assertThatThrownBy(() -> new ApiKeys(Map.of("example-app", apiKeys.getProperty(key))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static List<ObjectNode> render(String kustomization) {
        return KustomizeBuild.render(ServiceModules.root().resolve(kustomization));
    }

    /** Image, port, probes, resources, Service and ServiceMonitor of one service, in the words of the expectation. */
    private static String describe(List<ObjectNode> objects, String name) {
        JsonNode container = find(objects, "Deployment", name)
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0);
        JsonNode port = container.path("ports").path(0);
        JsonNode service =
                find(objects, "Service", name).path("spec").path("ports").path(0);
        JsonNode endpoint = find(objects, "ServiceMonitor", name)
                .path("spec")
                .path("endpoints")
                .path(0);
        JsonNode resources = container.path("resources");
        return container.path("image").asText() + " on "
                + port.path("containerPort").asInt()
                + ", probes started " + probe(container, "startupProbe", port)
                + ", ready " + probe(container, "readinessProbe", port)
                + ", live " + probe(container, "livenessProbe", port)
                + (resources.has("requests") && resources.path("limits").has("memory")
                        ? ", requests and limits"
                        : ", no resources")
                + ", service " + service.path("port").asInt() + " to " + portNumber(service.path("targetPort"), port)
                + ", metrics " + endpoint.path("path").asText() + " on " + portNumber(endpoint.path("port"), port);
    }

    private static String probe(JsonNode container, String probe, JsonNode port) {
        JsonNode get = container.path(probe).path("httpGet");
        return get.path("path").asText() + " on " + portNumber(get.path("port"), port);
    }

    /** A port given by number, or by the container port's name. */
    private static String portNumber(JsonNode reference, JsonNode containerPort) {
        if (reference.isInt()) {
            return reference.asText();
        }
        return reference.asText().equals(containerPort.path("name").asText())
                ? containerPort.path("containerPort").asText()
                : "unknown port " + reference.asText();
    }

    private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(object -> object.path("kind").asText().equals(kind)
                        && object.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " " + name + " is rendered."));
    }

    private static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream()
                .filter(object -> object.path("kind").asText().equals(kind))
                .toList();
    }
}
