package io.autoloop.e2e;

import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topics;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelProvenance;
import io.autoloop.simulator.http.BatchOutcome;
import io.autoloop.simulator.http.EventInput;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.run.Traffic;
import io.autoloop.simulator.run.WorldTraffic;
import io.autoloop.simulator.world.World;
import io.autoloop.testing.TopicRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loop-freshness benchmark of docs/benchmarks.md: how long after the collector acknowledged a feedback event the
 * first model version trained on it is published, and the first ranking is served by a version trained on it, with
 * the demo's timings ({@code local} profile) and the simulated app's traffic.
 *
 * <p>A {@link Loop} with the demo's timings runs the simulated app (world seed 42 at {@code bench.rate} rankings/s)
 * for {@code bench.minutes}. During the probe period ({@code bench.probe-minutes}, after
 * {@code bench.warmup-seconds}) this program also ranks for users of its own world (seed 7; those who gave consent)
 * twice a second and reports their impressions at once, noting when each was acknowledged (the 202). Afterwards it
 * reads:
 *
 * <ul>
 *   <li>{@code training.samples}: where each probe's {@link LabelledSample} sits (partition, offset);
 *   <li>the registry: every version's creation time and the {@code training.samples} offsets it was trained up to
 *       (its provenance), so a version is trained on a sample when its next offset of that partition is past it;
 *   <li>{@code serving.decisions}: when each version served its first ranking.
 * </ul>
 *
 * Run: {@code ./mvnw -B -pl e2e test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.autoloop.e2e.LoopFreshness} with the stack up and the project packaged.
 */
public final class LoopFreshness {

    private record Probe(String decisionId, String itemId, Instant acknowledged) {}

    private record Version(String version, Instant createdAt, Map<String, Long> offsets) {}

    private LoopFreshness() {}

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(System.getProperty("bench.rate", "30"));
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 60));
        Duration probing = Duration.ofMinutes(Long.getLong("bench.probe-minutes", 4));
        Duration total = Duration.ofMinutes(Long.getLong("bench.minutes", 12));
        // The report reads every version's provenance after the run: the registry keeps them all for it.
        Map<String, Map<String, String>> keepEveryVersion =
                Map.of("retrainer", Map.of("retrainer.registry.keep-per-lineage", "1000000"));
        try (Loop loop = Loop.startWithDemoTimings("freshness", keepEveryVersion)) {
            LoopApi api = new LoopApi(loop);
            Instant start = Instant.now();
            loop.simulate(List.of("--seed", "42", "--rate", Double.toString(rate)));
            Thread.sleep(warmup.toMillis());

            List<Probe> probes = probe(loop, api, probing);
            Duration rest = Duration.between(Instant.now(), start.plus(total));
            if (!rest.isNegative()) {
                Thread.sleep(rest.toMillis());
            }
            report(loop, probes, rate, warmup, probing, total);
        }
    }

    /** Ranks for the probe world's users twice a second and reports their impressions at once. */
    private static List<Probe> probe(Loop loop, LoopApi api, Duration probing) throws InterruptedException {
        WorldTraffic traffic = new WorldTraffic(World.generate(7, 5_000, 500), 50, 10, loop.id());
        List<Probe> probes = new ArrayList<>();
        long end = System.nanoTime() + probing.toNanos();
        for (long visit = 0; System.nanoTime() < end; visit++) {
            loop.assertRunning();
            long next = System.nanoTime() + 500_000_000L;
            Traffic.Planned planned = traffic.next(visit).orElseThrow();
            RankResponse ranked = api.rank(planned.request());
            Instant now = Instant.now();
            List<EventInput> impressions = planned.reaction().to(ranked).stream()
                    .map(Traffic.PlannedEvent::event)
                    .filter(event -> event.type() == EventType.IMPRESSION)
                    .filter(event -> !Boolean.FALSE.equals(event.consent())) // never trained on, by design
                    .map(event -> event.withTimestamp(now))
                    .toList();
            if (impressions.isEmpty()) {
                continue;
            }
            BatchOutcome outcome = api.send(impressions);
            Instant acknowledged = Instant.now();
            if (outcome.accepted() == impressions.size()) {
                for (EventInput impression : impressions) {
                    probes.add(new Probe(ranked.decisionId(), impression.itemId(), acknowledged));
                }
            }
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
        return probes;
    }

    private static void report(
            Loop loop, List<Probe> probes, double rate, Duration warmup, Duration probing, Duration total) {
        String samplesTopic = loop.topic(Topics.TRAINING_SAMPLES);
        Map<String, TopicRecord<LabelledSample>> samples = new HashMap<>();
        for (TopicRecord<LabelledSample> sample :
                loop.reader(Topics.TRAINING_SAMPLES).readAll()) {
            samples.put(sample.value().decisionId() + "/" + sample.value().itemId(), sample);
        }
        List<Version> versions = new ArrayList<>();
        try (RedisStore redis = new RedisStore(Loop.redis())) {
            for (String version : redis.zrange(RedisKeys.modelVersions(loop.model()))) {
                byte[] bytes = redis.getBytes(RedisKeys.model(loop.model(), version));
                ModelProvenance provenance = ModelCodec.read(bytes).provenance();
                versions.add(new Version(version, provenance.createdAt(), provenance.offsets()));
            }
        }
        Map<String, Instant> firstServed = new HashMap<>();
        for (Decision decision : loop.values(Topics.SERVING_DECISIONS)) {
            if (decision.modelVersion() != null) {
                firstServed.merge(decision.modelVersion(), decision.servedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }

        List<Double> toTrained = new ArrayList<>();
        List<Double> toServed = new ArrayList<>();
        int noSample = 0;
        for (Probe probe : probes) {
            TopicRecord<LabelledSample> sample = samples.get(probe.decisionId() + "/" + probe.itemId());
            if (sample == null) {
                noSample++;
                continue;
            }
            String partition = samplesTopic + "-" + sample.partition();
            Instant trained = null;
            Instant served = null;
            for (Version version : versions) {
                if (version.offsets().getOrDefault(partition, 0L) <= sample.offset()) {
                    continue;
                }
                if (trained == null || version.createdAt().isBefore(trained)) {
                    trained = version.createdAt();
                }
                Instant first = firstServed.get(version.version());
                if (first != null && (served == null || first.isBefore(served))) {
                    served = first;
                }
            }
            toTrained.add(trained == null ? Double.POSITIVE_INFINITY : seconds(probe.acknowledged(), trained));
            toServed.add(served == null ? Double.POSITIVE_INFINITY : seconds(probe.acknowledged(), served));
        }

        System.out.printf(
                Locale.ROOT,
                "%nLoop freshness: demo timings (local profile), simulated app at %.0f rankings/s, %d s warm-up,"
                        + " %d min of probes, %d min in all; %d probe impressions (%d without a sample), %d versions%n",
                rate,
                warmup.toSeconds(),
                probing.toMinutes(),
                total.toMinutes(),
                probes.size(),
                noSample,
                versions.size());
        System.out.printf(
                Locale.ROOT,
                "%-46s %8s %11s %11s %11s %11s%n",
                "from acknowledgement to",
                "n",
                "median",
                "p95",
                "max",
                "not in run");
        line("the first version trained on it", toTrained);
        line("the first ranking by a version trained on it", toServed);
        System.out.println("versions that served (the others never ranked anything):");
        Map<Instant, String> served = new TreeMap<>();
        for (Version version : versions) {
            Instant first = firstServed.get(version.version());
            if (first != null) {
                served.put(version.createdAt(), version.version() + " first ranking " + first);
            }
        }
        served.forEach((created, text) -> System.out.println("  created " + created + ": " + text));
    }

    /** One row: quantiles over every probe, a probe the run never got that far counting as infinitely late. */
    private static void line(String what, List<Double> seconds) {
        double[] sorted =
                seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long never = seconds.stream().filter(value -> value.isInfinite()).count();
        System.out.printf(
                Locale.ROOT,
                "%-46s %8d %11s %11s %11s %11d%n",
                what,
                sorted.length,
                text(quantile(sorted, 0.5)),
                text(quantile(sorted, 0.95)),
                text(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]),
                never);
    }

    private static String text(double seconds) {
        return Double.isInfinite(seconds) ? "not in run" : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** The nearest-rank quantile of sorted values; NaN for none. */
    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
