package io.autoloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.deploy.ServiceModules.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The provisioned Grafana dashboard queries metrics the services register, through the provisioned data source: every
 * {@code autoloop_*} series a panel asks for is the Prometheus name of a meter named in a service's code.
 */
class DashboardTest {

    private static final Path GRAFANA = ServiceModules.root().resolve("deploy/compose/grafana");
    private static final Pattern SERIES = Pattern.compile("\\bautoloop_[a-z0-9_]+");
    private static final Pattern METER = Pattern.compile("\"(autoloop\\.[a-z0-9.-]+)\"");

    /** What Micrometer's Prometheus registry appends to a meter's name: counters, timers, gauges with a unit. */
    private static final List<String> SUFFIXES = List.of(
            "", "_total", "_seconds", "_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket", "_bytes");

    @Test
    void everyAutoloopSeriesAPanelQueriesIsAMeterOfAService() {
        // given the Prometheus names of the meters the services' code names
        Set<String> registered = new TreeSet<>();
        for (String meter : meters()) {
            String base = meter.replaceAll("[.-]", "_");
            SUFFIXES.forEach(suffix -> registered.add(base + suffix));
        }

        // when the series of every panel's queries are collected
        Set<String> queried = new TreeSet<>();
        for (JsonNode target : targets(dashboard())) {
            Matcher series = SERIES.matcher(target.path("expr").asText());
            while (series.find()) {
                queried.add(series.group());
            }
        }

        // then each is registered
        assertThat(queried).isNotEmpty();
        assertThat(queried).isSubsetOf(registered);
    }

    @Test
    void everyPanelQueriesTheProvisionedDataSource() {
        // given the provisioned data source
        String uid = YamlDocuments.readOne(GRAFANA.resolve("provisioning/datasources/prometheus.yaml"))
                .path("datasources")
                .path(0)
                .path("uid")
                .asText();

        // when the data sources of the panels' queries are collected
        Set<String> used = targets(dashboard()).stream()
                .map(target -> target.path("datasource").path("uid").asText())
                .collect(Collectors.toSet());

        // then there is one, the provisioned one
        assertThat(used).containsExactly(uid);
    }

    private static JsonNode dashboard() {
        try {
            return YamlDocuments.JSON.readTree(
                    GRAFANA.resolve("dashboards/autoloop.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the dashboard.", e);
        }
    }

    private static List<JsonNode> targets(JsonNode dashboard) {
        List<JsonNode> targets = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(targets::add));
        return targets;
    }

    /** The meter names ({@code "autoloop.…"} string literals) of the services' main sources. */
    private static Set<String> meters() {
        Set<String> meters = new TreeSet<>();
        for (Service service : ServiceModules.services()) {
            try (Stream<Path> sources =
                    Files.walk(ServiceModules.root().resolve(service.module()).resolve("src/main/java"))) {
                sources.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                    Matcher meter = METER.matcher(ServiceModules.read(file));
                    while (meter.find()) {
                        meters.add(meter.group(1));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list the sources of " + service.module() + ".", e);
            }
        }
        return meters;
    }
}
