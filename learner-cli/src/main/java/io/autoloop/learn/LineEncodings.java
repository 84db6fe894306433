package io.autoloop.learn;

import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.VwReader;
import io.autoloop.learner.search.Encodings;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The lines of a Vowpal Wabbit text file as a search consumes them: each line is parsed and its keys hashed once, and
 * it produces a {@link FeatureVector} per feature spec asked for, its label and its weight.
 *
 * <p>{@link #next} parses the line with the spec that was asked for first in the previous line (the champion's); any
 * other spec's vector reuses those key hashes ({@link FeatureHasher#hashLike}), masked to its bits, with its own
 * crosses. Not thread-safe.
 */
final class LineEncodings implements Encodings {

    private final Map<FeatureSpec, Slot> slots = new HashMap<>();
    private final FeatureSpec[] recentSpecs = new FeatureSpec[8];
    private final Slot[] recentSlots = new Slot[8];
    private int recent;
    private Slot primary;
    private Slot parsedBy;
    private boolean primaryChosen;
    private String line;
    private long lineNumber;

    /** Encodings that read each line with {@code first} until another spec is asked for first. */
    LineEncodings(FeatureSpec first) {
        primary = slot(first);
    }

    /**
     * Takes the next line of the file.
     *
     * @return false for a blank line, which holds no example
     * @throws IllegalArgumentException naming the line number when the line is malformed
     */
    boolean next(String text) {
        lineNumber++;
        line = Objects.requireNonNull(text, "text");
        primaryChosen = false;
        return parse(primary);
    }

    /** The label of the current line, 0 or 1. */
    double label() {
        return primary.reader.label();
    }

    /** The weight of the current line, 1 unless it gave one. */
    double weight() {
        return primary.reader.weight();
    }

    @Override
    public FeatureVector vector(FeatureSpec spec) {
        Slot slot = slot(spec);
        if (!primaryChosen) {
            primaryChosen = true;
            primary = slot;
        }
        if (slot.parsedLine != lineNumber) {
            slot.parsedLine = lineNumber;
            slot.hasher.hashLike(parsedBy.hasher, slot.vector);
        }
        return slot.vector;
    }

    /** The slot of {@code spec}: found by identity among the last few asked for, else by equality (a record's hash). */
    private Slot slot(FeatureSpec spec) {
        for (int i = 0; i < recentSpecs.length; i++) {
            if (recentSpecs[i] == spec) {
                return recentSlots[i];
            }
        }
        Slot slot = slots.computeIfAbsent(spec, Slot::new);
        recentSpecs[recent] = spec;
        recentSlots[recent] = slot;
        recent = (recent + 1) % recentSpecs.length;
        return slot;
    }

    private boolean parse(Slot slot) {
        try {
            slot.parsedLine = lineNumber;
            parsedBy = slot;
            return slot.reader.parse(line, slot.vector);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Line " + lineNumber + " of the VW input: " + e.getMessage(), e);
        }
    }

    private static final class Slot {

        private final FeatureHasher hasher;
        private final VwReader reader;
        private final FeatureVector vector = new FeatureVector(256);
        private long parsedLine;

        private Slot(FeatureSpec spec) {
            this.hasher = new FeatureHasher(spec);
            this.reader = new VwReader(new StringReader(""), hasher);
        }
    }
}
