package io.autoloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local stack creates the topics of {@link Topics} ({@code deploy/local/topics.txt}) and its README documents the
 * partition counts it creates them with, so neither can drift from the names defined here.
 */
class TopicsTest {

    private static final Pattern README_ROW = Pattern.compile("^\\| `([^`]+)` \\| (\\d+) \\|$");

    @Test
    void theLocalStackCreatesExactlyTheTopicsOfTheContract() throws IOException {
        Map<String, Integer> created = stackTopics();

        assertThat(created.keySet())
                .containsExactlyElementsOf(Topics.ALL.stream().map(Topic::name).toList());
    }

    @Test
    void theLocalStackReadmeDocumentsThePartitionCountsTheStackCreates() throws IOException {
        Map<String, Integer> documented = new LinkedHashMap<>();
        List<String> readme = Files.readAllLines(RepositoryFiles.root().resolve("deploy/local/README.md"));
        int section = readme.indexOf("## Topics");
        for (String line : readme.subList(section + 1, readme.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = README_ROW.matcher(line);
            if (row.matches()) {
                documented.put(row.group(1), Integer.parseInt(row.group(2)));
            }
        }

        assertThat(documented).containsExactlyEntriesOf(stackTopics());
    }

    /** Topic name → partitions, in the order of the {@code name partitions [configs]} lines of topics.txt. */
    private static Map<String, Integer> stackTopics() throws IOException {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RepositoryFiles.root().resolve("deploy/local/topics.txt"))) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] fields = entry.split("\\s+");
            topics.put(fields[0], Integer.parseInt(fields[1]));
        }
        return topics;
    }
}
