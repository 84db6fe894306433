package io.autoloop.retrainer.domain;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model version {@code major.minor.patch} (semver 2.0.0 without pre-release or build suffixes): the retrainer
 * bumps the minor for every publish and the major when the feature spec changes; it never bumps the patch.
 */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {

    /** The version of the first model of a registry: bias only, published before any sample is trained. */
    public static final SemanticVersion INITIAL = new SemanticVersion(0, 1, 0);

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

    /** The next version of the same feature spec: minor + 1, patch 0. */
    public SemanticVersion nextMinor() {
        return new SemanticVersion(major, minor + 1, 0);
    }

    /** The first version of a new feature spec: major + 1, minor and patch 0. */
    public SemanticVersion nextMajor() {
        return new SemanticVersion(major + 1, 0, 0);
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
