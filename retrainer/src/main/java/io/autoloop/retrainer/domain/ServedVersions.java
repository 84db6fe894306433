package io.autoloop.retrainer.domain;

import io.autoloop.contracts.Arm;

/**
 * The versions the router's arms serve, as its aliases name them: consumes the champion and challenger versions and
 * produces, for a lineage, the {@link Reference} its candidates are judged against.
 *
 * <p>A candidate is judged against the version it would replace. A lineage that serves the challenger arm refreshes
 * that arm, so its candidates are compared with the challenger's version; every other candidate either refreshes the
 * champion arm (the champion's own lineage) or would start an experiment against the champion, so it is compared with
 * the champion. Judging a challenger's refreshes against the champion would freeze the challenger arm on its first
 * version whenever its lineage learns a little worse than the champion's, for the whole experiment.
 *
 * @param champion the version the champion alias names (or the newest version before the router named one), or null
 * @param challenger the version the challenger alias names while an experiment runs, or null
 */
public record ServedVersions(String champion, String challenger) {

    /** The version a candidate of the lineage whose versions have the major {@code ordinal} is judged against. */
    public Reference referenceFor(int ordinal) {
        if (challenger != null && SemanticVersion.parse(challenger).major() == ordinal) {
            return new Reference(Arm.CHALLENGER, challenger);
        }
        return champion == null ? Reference.NONE : new Reference(Arm.CHAMPION, champion);
    }

    /**
     * The version a lineage's candidates are compared with on the holdout window and the arm that serves it.
     *
     * @param arm the arm serving {@code version}, or null when nothing is published
     * @param version the version, or null when nothing is published
     */
    public record Reference(Arm arm, String version) {

        /** Nothing published yet: candidates are judged on their own. */
        public static final Reference NONE = new Reference(null, null);

        public Reference {
            if ((arm == null) != (version == null)) {
                throw new IllegalArgumentException("A reference needs both an arm and a version, or neither.");
            }
        }
    }
}
