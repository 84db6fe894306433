package io.autoloop.retrainer.domain;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model version {@code major.minor.patch} (semver 2.0.0 without pre-release or build suffixes): the retrainer
 * numbers a lineage's versions {@code ordinal.refresh.0}, the major being the lineage's ordinal within the model and
 * the minor counting its refreshes from 1; it never bumps the patch.
 */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {

    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
            .thenComparingInt(SemanticVersion::minor)
            .thenComparingInt(SemanticVersion::patch);

    public SemanticVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException(
                    "A version needs non-negative numbers, got " + major + "." + minor + "." + patch + ".");
        }
    }

    /**
     * Parses {@code major.minor.patch}, each a number without leading zeros.
     *
     * @throws IllegalArgumentException with a sentence naming the text when it is not such a version
     */
    public static SemanticVersion parse(String text) {
        Matcher matcher = text == null ? null : FORMAT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + text
                            + "' is not a model version; use major.minor.patch with numbers without leading zeros, e.g. 1.4.0.");
        }
        return new SemanticVersion(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
    }

    /** The first version of the lineage of {@code ordinal}: {@code ordinal.1.0}. */
    public static SemanticVersion first(int ordinal) {
        return new SemanticVersion(ordinal, 1, 0);
    }

    /** The next version of the same lineage: minor + 1, patch 0. */
    public SemanticVersion nextMinor() {
        return new SemanticVersion(major, minor + 1, 0);
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
