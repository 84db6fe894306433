package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.config.AnalyzerConfig;
import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.analyzer.domain.AttributionWindow;
import io.autoloop.analyzer.domain.DecisionLimits;
import io.autoloop.analyzer.domain.LabellingRule;
import io.autoloop.analyzer.domain.LabellingRules;
import io.autoloop.analyzer.streams.ThreadReplacements;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Hands Quarkus' Kafka Streams the analyzer topology built from {@link AnalyzerConfig}, and the handler that replaces
 * its failed stream threads (Quarkus sets it on the {@code KafkaStreams} it starts). The production and
 * deserialization exception handlers are Kafka Streams settings, in application.properties.
 */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    @Singleton
    Topology topology(AnalyzerConfig config, MeterRegistry registry) {
        return AnalyzerTopology.build(settings(config), registry);
    }

    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler threadReplacements(AnalyzerConfig config, MeterRegistry registry) {
        AnalyzerConfig.ThreadReplacementsConfig replacements = config.threadReplacements();
        return new ThreadReplacements(replacements.max(), replacements.window(), registry);
    }

    /** The topology settings the configuration describes. */
    static AnalyzerSettings settings(AnalyzerConfig config) {
        TopicNames standard = TopicNames.standard();
        AnalyzerConfig.TopicsConfig topics = config.topics();
        return new AnalyzerSettings(
                new TopicNames(
                        topics.decisions().orElse(standard.decisions()),
                        topics.feedback().orElse(standard.feedback()),
                        topics.samples().orElse(standard.samples()),
                        topics.reports().orElse(standard.reports()),
                        topics.armStats().orElse(standard.armStats()),
                        topics.rejected().orElse(standard.rejected())),
                config.partitions(),
                new AttributionWindow(
                        config.attribution().window(), config.attribution().grace()),
                labelling(config.labelling()),
                config.reports().window(),
                config.reports().retention(),
                config.armStats().window(),
                config.armStats().retention(),
                config.punctuationInterval(),
                config.idleCloseAfter(),
                new AnalyzerSettings.Limits(
                        new DecisionLimits(
                                config.limits().waitingEvents(), config.limits().signals()),
                        config.limits().stateBytes(),
                        config.limits().recordBytes()));
    }

    private static LabellingRules labelling(AnalyzerConfig.LabellingConfig labelling) {
        if (labelling.rules().isEmpty()) {
            LabellingRules standard = LabellingRules.standard();
            return new LabellingRules(standard.rules(), labelling.defaultWeight());
        }
        List<LabellingRule> rules = labelling.rules().entrySet().stream()
                .map(entry -> new LabellingRule(
                        entry.getKey(),
                        entry.getValue().type(),
                        entry.getValue().label(),
                        entry.getValue().weight(),
                        entry.getValue().priority(),
                        entry.getValue().minValue().orElse(null),
                        entry.getValue().maxValue().orElse(null)))
                .toList();
        return new LabellingRules(rules, labelling.defaultWeight());
    }
}
