package io.autoloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The keys of {@link RedisKeys} are spelled exactly as users' Redis holds them, and no other source of the repository
 * spells one: a Java source builds its keys with {@link RedisKeys}, and a Lua script gets them in {@code KEYS}.
 */
class RedisKeysTest {

    /** The sources allowed to spell a key: the definition, and this test that pins the spelling. */
    private static final Set<Path> SPELLING_KEYS = Set.of(
            Path.of("contracts/src/main/java/io/autoloop/contracts/RedisKeys.java"),
            Path.of("contracts/src/test/java/io/autoloop/contracts/RedisKeysTest.java"));

    @Test
    void everyKeyIsSpelledAsInUsersRedis() {
        List<String> keys = List.of(
                RedisKeys.model("ctr", "1.2.0"),
                RedisKeys.modelMeta("ctr", "1.2.0"),
                RedisKeys.modelVersions("ctr"),
                RedisKeys.alias("ctr", Arm.CHAMPION),
                RedisKeys.alias("ctr", Arm.CHALLENGER),
                RedisKeys.runningExperiment("ctr"),
                RedisKeys.candidates("ctr"),
                RedisKeys.gateDecisions("ctr"),
                RedisKeys.refreshWatches("ctr"),
                RedisKeys.refreshReverted("ctr"),
                RedisKeys.refreshHistory("ctr"),
                RedisKeys.trainerHealth("ctr"),
                RedisKeys.checkpoint("ctr"),
                RedisKeys.trainerLease("ctr"),
                RedisKeys.controllerLease("ctr"),
                RedisKeys.EXPERIMENTS,
                RedisKeys.experiment("ctr-1.2.0-3b1f0c2a"),
                RedisKeys.analyses("ctr-1.2.0-3b1f0c2a"),
                RedisKeys.rateLimit("shop"),
                RedisKeys.modelKeysPattern("ctr"));

        assertThat(keys)
                .containsExactly(
                        "autoloop:model:ctr:1.2.0",
                        "autoloop:model:ctr:1.2.0:meta",
                        "autoloop:model:ctr:versions",
                        "autoloop:model:ctr:alias:champion",
                        "autoloop:model:ctr:alias:challenger",
                        "autoloop:model:ctr:experiment",
                        "autoloop:model:ctr:candidates",
                        "autoloop:model:ctr:gate",
                        "autoloop:model:ctr:refresh:watches",
                        "autoloop:model:ctr:refresh:reverted",
                        "autoloop:model:ctr:refresh:history",
                        "autoloop:model:ctr:trainer",
                        "autoloop:checkpoint:ctr",
                        "autoloop:lease:trainer:ctr",
                        "autoloop:lease:controller:ctr",
                        "autoloop:experiments",
                        "autoloop:experiment:ctr-1.2.0-3b1f0c2a",
                        "autoloop:experiment:ctr-1.2.0-3b1f0c2a:analyses",
                        "autoloop:ratelimit:{shop}",
                        "autoloop:model:ctr:*");
    }

    @Test
    void anExperimentKeyGivesBackItsIdAndAnyOtherKeyIsRefused() {
        assertThat(RedisKeys.experimentId(RedisKeys.experiment("ctr-1.2.0-3b1f0c2a")))
                .isEqualTo("ctr-1.2.0-3b1f0c2a");
        assertThatThrownBy(() -> RedisKeys.experimentId(RedisKeys.checkpoint("ctr")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an experiment's");
    }

    @Test
    void noOtherSourceOfTheRepositorySpellsAKey() throws IOException {
        // Given every Java source and Lua script of the repository (build output and hidden directories aside),
        Path root = repositoryRoot();
        List<Path> sources = sources(root);

        // when the ones that quote a string starting with "autoloop:" are listed,
        List<Path> spelling = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            boolean lua = source.getFileName().toString().endsWith(".lua");
            if (text.contains("\"autoloop:") || lua && text.contains("'autoloop:")) {
                spelling.add(root.relativize(source));
            }
        }

        // then the walk went through the services and their tests, and found no key outside RedisKeys.
        assertThat(sources.stream()
                        .map(source -> root.relativize(source).getName(0).toString()))
                .contains("ab-router", "feedback-collector", "retrainer", "e2e");
        assertThat(spelling).isSubsetOf(SPELLING_KEYS);
    }

    private static List<Path> sources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName().toString();
                boolean skipped = !dir.equals(root) && (name.startsWith(".") || name.equals("target"));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (name.endsWith(".java") || name.endsWith(".lua")) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sources;
    }

    /** The repository's root: the directory above the module's (Maven's working directory) that holds contracts/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("contracts/src/main/java/io/autoloop/contracts/RedisKeys.java"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "There is no repository holding contracts/ above " + Path.of("").toAbsolutePath() + ".");
    }
}
