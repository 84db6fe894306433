package io.autoloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads every markdown file of the repository and reports each relative link whose target does not exist, as
 * {@code file:line: target}: the architecture page and the READMEs link the classes where rules live, so a class that
 * moves or goes must take its links with it. Links to the web ({@code http:}, {@code https:}, {@code mailto:}) and to
 * anchors of the same page are not checked; an anchor after a file ({@code file.md#section}) is dropped.
 */
class DocumentLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    @Test
    void everyRelativeLinkOfTheDocumentsPointsToAFileOrFolderThatExists() {
        // given every markdown file of the repository
        Path root = RepositoryFiles.root();
        List<String> documents = RepositoryFiles.list(root).stream()
                .filter(file -> file.endsWith(".md"))
                .toList();
        assertThat(documents).contains("README.md", "docs/architecture.md");

        // when their links are resolved from each file's folder
        List<String> broken = new ArrayList<>();
        for (String document : documents) {
            broken.addAll(brokenLinks(root, document, RepositoryFiles.lines(root.resolve(document))));
        }

        // then each names something that exists
        assertThat(broken).as("Links to files or folders that do not exist").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "docs/guide.md|See [the rule](../learner/src/main/java/Gone.java).|../learner/src/main/java/Gone.java",
                "README.md|[benchmarks](docs/missing.md#learner)|docs/missing.md#learner"
            })
    void aLinkToNothingIsReportedWithItsFileAndLine(String document, String line, String target) {
        assertThat(brokenLinks(Path.of("/nowhere"), document, List.of("# Title", line)))
                .containsExactly(document + ":2: " + target);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "README.md|[the web](https://example.org/a.md) and [mail](mailto:team@example.org)",
                "README.md|[a section](#the-loop)",
                "README.md|an array a[0](1) is not a link target"
            })
    void linksThatAreNotRepositoryPathsAreNotChecked(String document, String line) {
        assertThat(brokenLinks(Path.of("/nowhere"), document, List.of(line))).isEmpty();
    }

    /** {@code document}'s links (relative to {@code root}) whose targets do not exist, as {@code file:line: target}. */
    static List<String> brokenLinks(Path root, String document, List<String> lines) {
        Path folder = root.resolve(document).getParent();
        List<String> broken = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced) {
                continue;
            }
            Matcher link = LINK.matcher(line);
            while (link.find()) {
                String target = link.group(1);
                if (!isRepositoryPath(target)) {
                    continue;
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                if (!Files.exists(folder.resolve(path).normalize())) {
                    broken.add(document + ":" + (i + 1) + ": " + target);
                }
            }
        }
        return broken;
    }

    private static boolean isRepositoryPath(String target) {
        return !target.startsWith("#") && !target.contains(":") && (target.contains("/") || target.contains("."));
    }
}
