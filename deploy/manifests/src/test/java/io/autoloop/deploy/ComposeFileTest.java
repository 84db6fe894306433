package io.autoloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.deploy.ServiceModules.Service;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml follows the Compose Specification and runs what the code defines: each service's image,
 * built from its module, on its {@code quarkus.http.port}, scraped by Prometheus, and the topics of the local stack.
 */
class ComposeFileTest {

    private static final Path FOLDER = ServiceModules.root().resolve("deploy/compose");
    private static final JsonNode COMPOSE = YamlDocuments.readOne(FOLDER.resolve("compose.yaml"));

    @Test
    void theComposeFileFollowsTheComposeSpecification() {
        assertThat(ComposeSchema.problems(COMPOSE)).isEmpty();
    }

    @Test
    void aKeyTheSpecificationDoesNotHaveIsReported() {
        // given the compose file with a misspelt key in one service
        ObjectNode misspelt = COMPOSE.deepCopy();
        ((ObjectNode) misspelt.path("services").path("redis")).put("comand", "redis-server");

        // when it is validated
        List<String> problems = ComposeSchema.problems(misspelt);

        // then the schema names the key
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("comand"));
    }

    @Test
    void eachServiceRunsItsModulesImageAndPublishesItsHttpPort() {
        // given the services the code defines
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Service service : ServiceModules.services()) {
            expected.put(
                    service.module(),
                    service.image() + " built from " + service.module() + "/" + ServiceModules.DOCKERFILE + ", port "
                            + service.port() + " published");

            // when the compose file's entry for it is read
            JsonNode entry = COMPOSE.path("services").path(service.module());
            actual.put(service.module(), describe(entry, service.port()));
        }

        // then it runs the module's image on the module's port
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void prometheusScrapesTheMetricsOfEveryServiceOnItsPort() {
        // given the Prometheus configuration the compose file mounts
        JsonNode prometheus = YamlDocuments.readOne(FOLDER.resolve("prometheus/prometheus.yml"));
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Service service : ServiceModules.services()) {
            expected.put(service.module(), "/q/metrics on " + host(service.module()) + ":" + service.port());
        }

        // when its jobs are read
        for (JsonNode job : prometheus.path("scrape_configs")) {
            actual.put(
                    job.path("job_name").asText(),
                    job.path("metrics_path").asText() + " on "
                            + job.path("static_configs")
                                    .path(0)
                                    .path("targets")
                                    .path(0)
                                    .asText());
        }

        // then each service is scraped where the compose file runs it
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void theTopicsAreCreatedFromTheLocalStacksListWithTheBrokersImage() {
        // given the Kafka version of the local stack
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(ServiceModules.read(ServiceModules.root().resolve("deploy/local/kafka/pom.xml")));
        assertThat(version.find()).isTrue();

        // when the broker and the topics service are read
        JsonNode services = COMPOSE.path("services");
        String topicsFile = services.path("topics").path("volumes").path(0).asText();

        // then both run that version, and the topics come from deploy/local/topics.txt
        assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:" + version.group(1));
        assertThat(services.path("topics").path("image").asText()).isEqualTo("apache/kafka:" + version.group(1));
        assertThat(FOLDER.resolve(topicsFile.substring(0, topicsFile.indexOf(':')))
                        .normalize())
                .isEqualTo(ServiceModules.root().resolve("deploy/local/topics.txt"));
    }

    @Test
    void theSimulatedAppSharesTheNetworkOfTheRouterAndTheCollector() {
        // when the simulator's entry is read
        JsonNode services = COMPOSE.path("services");
        JsonNode simulator = services.path("simulator");

        // then it runs its module's image, on the loopback of the two services it calls
        assertThat(simulator.path("image").asText()).isEqualTo("autoloop/simulator:" + ServiceModules.version());
        assertThat(FOLDER.resolve(simulator.path("build").path("context").asText())
                        .normalize())
                .isEqualTo(ServiceModules.root().resolve("deploy/simulator"));
        assertThat(simulator.path("build").path("dockerfile").asText()).isEqualTo(ServiceModules.DOCKERFILE);
        assertThat(simulator.path("network_mode").asText())
                .isEqualTo(services.path("ab-router").path("network_mode").asText())
                .isEqualTo(
                        services.path("feedback-collector").path("network_mode").asText());
    }

    /** The image, the Dockerfile it is built from (relative to the root) and whether the port is published. */
    private static String describe(JsonNode entry, int port) {
        Path context =
                FOLDER.resolve(entry.path("build").path("context").asText()).normalize();
        String dockerfile = ServiceModules.root()
                .relativize(context)
                .resolve(entry.path("build").path("dockerfile").asText())
                .toString();
        String mapping = port + ":" + port;
        JsonNode publisher = entry.path("network_mode").asText().startsWith("service:")
                ? COMPOSE.path("services")
                        .path(entry.path("network_mode").asText().substring("service:".length()))
                : entry;
        boolean published = false;
        for (JsonNode ports : publisher.path("ports")) {
            published |= ports.asText().equals(mapping);
        }
        return entry.path("image").asText() + " built from " + dockerfile + ", port " + port
                + (published ? " published" : " not published");
    }

    /** The host name a service answers on inside the compose network: its own, or its network namespace's owner's. */
    private static String host(String service) {
        String network =
                COMPOSE.path("services").path(service).path("network_mode").asText();
        return network.startsWith("service:") ? network.substring("service:".length()) : service;
    }
}
