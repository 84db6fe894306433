package io.autoloop.retrainer.bench;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.learner.LabelledExample;
import io.autoloop.learner.VwReader;
import io.autoloop.testing.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Bandit sample stream ({@code data/obd/obd_men_women_40k.vw} of the repository, or another VW file) as
 * {@link LabelledSample}s, as the error-analyzer would emit them: VW namespace {@code u} becomes {@code user},
 * {@code i} becomes {@code item} (its {@code id} is the item id), {@code c} and {@code a} become {@code context}, and
 * {@code p}'s {@code pos} is the served position. Cycles through the file with fresh decision ids.
 */
final class ObdSamples {

    private final List<String> lines;
    private long next;

    ObdSamples(Path file) throws IOException {
        this.lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
    }

    /**
     * The repository's stream: {@code data/obd/obd_men_women_40k.vw} under the nearest folder, from the working
     * directory upwards, that holds {@code data/obd} and a {@code pom.xml} (the repository root, whether Maven runs
     * from there or from the retrainer module); fails with a sentence naming the folder it started from.
     */
    static Path repositoryStream() {
        return repositoryStream(Path.of("").toAbsolutePath());
    }

    /** The repository's stream, looked for from {@code start} upwards. */
    static Path repositoryStream(Path start) {
        return Repository.file(start, Repository.OBD_STREAM);
    }

    LabelledSample next() {
        long sequence = next++;
        LabelledExample example = VwReader.toExample(lines.get((int) (sequence % lines.size())));
        Map<String, Map<String, Object>> vw = example.features();
        Map<String, Object> user = vw.getOrDefault("u", Map.of());
        Map<String, Object> item = vw.getOrDefault("i", Map.of());
        Map<String, Object> context = new LinkedHashMap<>(vw.getOrDefault("c", Map.of()));
        context.putAll(vw.getOrDefault("a", Map.of()));
        int position =
                Integer.parseInt(String.valueOf(vw.getOrDefault("p", Map.of()).getOrDefault("pos", "1")));
        int label = (int) example.label();
        return new LabelledSample(
                LabelledSample.SCHEMA_VERSION,
                "obd-" + sequence,
                "u-" + user.getOrDefault("f0", "unknown") + "-" + user.getOrDefault("f1", ""),
                String.valueOf(item.getOrDefault("id", "unknown")),
                position,
                1.0,
                Map.of("user", user, "item", item, "context", context),
                label,
                example.weight(),
                label == 1 ? "click" : "no-feedback",
                null,
                "0.1.0",
                Arm.CHAMPION,
                0.005,
                Instant.parse("2019-11-24T00:00:00Z").plusMillis(sequence),
                true);
    }
}
