package io.autoloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads every file of the repository (what {@code git ls-files} lists, or, without git, the tree minus what the root
 * {@code .gitignore} names) and reports each line that points outside the repository, as {@code file:line: why:
 * text}: a path into a {@code shared} folder beside the repository, an absolute path under the {@code /work} folder
 * of the machine it was written on, or a relative path whose {@code ..} steps, taken from the file's own folder (as a
 * markdown link, a pom's relativePath or a script's {@code $here/..} are), climb above the repository root. A clone
 * of the repository alone must run every test, benchmark and tool. This file spells out what it forbids, so it is
 * the one file not read.
 */
class RepositoryStandsAloneTest {

    private static final String SELF = "contracts/src/test/java/io/autoloop/contracts/RepositoryStandsAloneTest.java";

    private static final Pattern SHARED = Pattern.compile("\\.\\./shared\\b");
    private static final Pattern WORK = Pattern.compile("(?<![\\w.~/-])/work/");
    private static final Pattern CLIMB = Pattern.compile("(?<![\\w.])\\.\\.(?:/\\.\\.)*(?=[/\\s\"'`)\\]>,;:]|$)");

    @Test
    void noFileOfTheRepositoryPointsOutsideIt() {
        // given every file of the repository
        Path root = RepositoryFiles.root();
        List<String> files = RepositoryFiles.list(root);
        assertThat(files).contains("pom.xml", "README.md", "data/obd/LICENSE", SELF);

        // when each is read
        List<String> outside = new ArrayList<>();
        for (String file : files) {
            if (!file.equals(SELF)) {
                outside.addAll(outsideReferences(root, file, RepositoryFiles.lines(root.resolve(file))));
            }
        }

        // then none points outside the repository
        assertThat(outside)
                .as("Lines that point outside the repository; a clone of it alone must run everything")
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "docs/guide.md|The design is in `<up>/shared/DESIGN.md`.|a path into a shared folder beside the repository",
                "learner/src/test/java/io/autoloop/learner/Data.java|Path.of(\"../<up>/shared/data/obd\")"
                        + "|a path into a shared folder beside the repository",
                "deploy/simulator/README.md|--data /work/shared/data/obd|an absolute path under /work",
                "docs/guide.md|See [the notes](../../notes.md).|a relative path that climbs out of the repository",
                "README.md|the [style](../STYLE.md) we follow|a relative path that climbs out of the repository",
                "deploy/local/run|root=$(cd \"$here/../../..\" && pwd)|a relative path that climbs out of the repository"
            })
    void eachKindOfOutsideReferenceIsReportedWithItsFileAndLine(String file, String fixture, String why) {
        // <up> stands for "..", so that searching the repository for the forbidden paths does not find this test
        String line = fixture.replace("<up>", "..");

        List<String> outside = outsideReferences(Path.of("/repository"), file, List.of("# Title", line));

        assertThat(outside).containsExactly(file + ":2: " + why + ": " + line);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ab-router/README.md|See [docs/benchmarks.md](../docs/benchmarks.md#ab-router).",
                "deploy/simulator/pom.xml|<relativePath>../../pom.xml</relativePath>",
                "deploy/local/run|root=$(cd \"$here/../..\" && pwd)",
                ".ci/run|cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\"",
                "deploy/loadgen/wrk/feedback-events.lua|wrk.headers[\"Authorization\"] = \"Bearer \" .. key",
                "README.md|https://github.com/example/work/tree/main and String... args over 1..5"
            })
    void pathsThatStayInsideTheRepositoryAreNotReported(String file, String line) {
        assertThat(outsideReferences(Path.of("/repository"), file, List.of(line)))
                .isEmpty();
    }

    @Test
    void withoutGitTheTreeIsReadLeavingOutWhatGitIgnores() {
        // given the repository, whose tree holds build output (target/) beside the tracked files
        Path root = RepositoryFiles.root();

        // when its files are listed by walking the tree, as without git
        List<String> walked = RepositoryFiles.walk(root);

        // then every file git lists is there, and nothing the root .gitignore names
        assertThat(walked).containsAll(RepositoryFiles.list(root));
        assertThat(walked)
                .noneMatch(file -> Arrays.asList(file.split("/")).contains("target"))
                .noneMatch(file -> file.startsWith(".git/") || file.startsWith(".mvn/dist/"))
                .noneMatch(file -> file.startsWith("deploy/local/.state/") || file.endsWith(".log"));
    }

    /** {@code file}'s lines (relative to {@code root}) that point outside {@code root}, as {@code file:line: why: text}. */
    static List<String> outsideReferences(Path root, String file, List<String> lines) {
        Path folder = root.resolve(file).getParent();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String why = null;
            if (SHARED.matcher(line).find()) {
                why = "a path into a shared folder beside the repository";
            } else if (WORK.matcher(line).find()) {
                why = "an absolute path under /work";
            } else {
                Matcher climb = CLIMB.matcher(line);
                while (why == null && climb.find()) {
                    if (!folder.resolve(climb.group()).normalize().startsWith(root)) {
                        why = "a relative path that climbs out of the repository";
                    }
                }
            }
            if (why != null) {
                found.add(file + ":" + (i + 1) + ": " + why + ": " + line.strip());
            }
        }
        return found;
    }
}
