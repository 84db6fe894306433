package io.autoloop.simulator.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Open Bandit Dataset sample ({@code <dir>/{random,bts}/{men,women}/{men,women}.csv} with each folder's
 * {@code item_context.csv}) into one list of {@link ObdImpression}s in timestamp order. Files are read in the order
 * random/men, random/women, bts/men, bts/women and merged by a stable sort on the timestamp, the order of
 * {@code obd_men_women_40k.vw} ({@code obd_to_vw.py}).
 */
public final class ObdLog {

    public static final List<String> POLICIES = List.of("random", "bts");
    public static final List<String> CAMPAIGNS = List.of("men", "women");

    private ObdLog() {}

    /** Reads the logs of the given policies and campaigns under {@code dir}, merged in timestamp order. */
    public static List<ObdImpression> read(Path dir, List<String> policies, List<String> campaigns) {
        List<ObdImpression> impressions = new ArrayList<>();
        for (String policy : POLICIES) {
            if (!policies.contains(policy)) {
                continue;
            }
            for (String campaign : CAMPAIGNS) {
                if (campaigns.contains(campaign)) {
                    Path folder = dir.resolve(policy).resolve(campaign);
                    Map<Integer, ObdItem> items = readItems(folder.resolve("item_context.csv"));
                    readImpressions(folder.resolve(campaign + ".csv"), policy, campaign, items, impressions);
                }
            }
        }
        impressions.sort(Comparator.comparing(ObdImpression::loggedAt));
        return impressions;
    }

    private static Map<Integer, ObdItem> readItems(Path file) {
        Map<Integer, ObdItem> items = new HashMap<>();
        readCsv(
                file,
                (columns, values, line) -> {
                    int id = integer(file, line, values[columns.get("item_id")]);
                    items.put(
                            id,
                            new ObdItem(
                                    id,
                                    number(file, line, values[columns.get("item_feature_0")]),
                                    values[columns.get("item_feature_1")],
                                    values[columns.get("item_feature_2")],
                                    values[columns.get("item_feature_3")]));
                },
                List.of("item_id", "item_feature_0", "item_feature_1", "item_feature_2", "item_feature_3"));
        return items;
    }

    private static void readImpressions(
            Path file, String policy, String campaign, Map<Integer, ObdItem> items, List<ObdImpression> into) {
        List<String> required = List.of(
                "",
                "timestamp",
                "item_id",
                "position",
                "click",
                "propensity_score",
                "user_feature_0",
                "user_feature_1",
                "user_feature_2",
                "user_feature_3");
        readCsv(
                file,
                (columns, values, line) -> {
                    int itemId = integer(file, line, values[columns.get("item_id")]);
                    ObdItem item = items.get(itemId);
                    if (item == null) {
                        throw new IllegalArgumentException(file + " line " + line + " shows item " + itemId
                                + ", which item_context.csv does not list.");
                    }
                    List<String> user = new ArrayList<>(4);
                    for (int j = 0; j < 4; j++) {
                        user.add(values[columns.get("user_feature_" + j)]);
                    }
                    into.add(new ObdImpression(
                            policy,
                            campaign,
                            integer(file, line, values[columns.get("")]),
                            timestamp(file, line, values[columns.get("timestamp")]),
                            item,
                            integer(file, line, values[columns.get("position")]),
                            integer(file, line, values[columns.get("click")]) == 1,
                            number(file, line, values[columns.get("propensity_score")]),
                            user));
                },
                required);
    }

    /** A CSV row: the header's column indices, the row's values and its 1-based line number. */
    @FunctionalInterface
    private interface RowReader {
        void read(Map<String, Integer> columns, String[] values, long line);
    }

    /** Reads a plain CSV (no quoting: every field of these files is a number, a date or a hex hash). */
    private static void readCsv(Path file, RowReader rows, List<String> required) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("The Open Bandit file " + file
                    + " does not exist; --data must name the folder that holds random/ and bts/.");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty; it should start with a header line.");
            }
            String[] names = header.split(",", -1);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                columns.put(names[i].trim(), i);
            }
            for (String name : required) {
                if (!columns.containsKey(name)) {
                    throw new IllegalArgumentException(
                            file + " has no column '" + name + "'; is it an Open Bandit Dataset file?");
                }
            }
            String text;
            long line = 1;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] values = text.split(",", -1);
                if (values.length != names.length) {
                    throw new IllegalArgumentException(file + " line " + line + " has " + values.length
                            + " fields, but the header names " + names.length + ".");
                }
                rows.read(columns, values, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Instant timestamp(Path file, long line, String text) {
        try {
            return OffsetDateTime.parse(text.trim().replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    file + " line " + line + " has the timestamp '" + text + "', which is not an ISO-8601 time.", e);
        }
    }

    private static int integer(Path file, long line, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    file + " line " + line + " has '" + text + "' where a number belongs.", e);
        }
    }

    private static double number(Path file, long line, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    file + " line " + line + " has '" + text + "' where a number belongs.", e);
        }
    }
}
