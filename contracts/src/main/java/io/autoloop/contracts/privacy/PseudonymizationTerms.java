package io.autoloop.contracts.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a service pseudonymizes user ids with, in a form it may show another service: the {@link
 * Pseudonymizer#fingerprint() fingerprint} of its secret (never the secret) and the app ids whose users it
 * pseudonymizes. A feedback-collector and an ab-router whose terms differ give a user's feedback and decisions different
 * ids, so that every feedback event would end unattributed; {@link #disagreementWith} says how two terms differ.
 *
 * @param fingerprint 64 lower-case hex characters
 * @param appIds the app ids, sorted
 */
public record PseudonymizationTerms(String fingerprint, SortedSet<String> appIds) {

    /** The separator of {@link #appIdList()}; app ids hold no comma. */
    private static final String SEPARATOR = ",";

    public PseudonymizationTerms {
        if (fingerprint == null || !fingerprint.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                    "A pseudonymization fingerprint is 64 lower-case hex characters, not '" + fingerprint + "'.");
        }
        appIds = Collections.unmodifiableSortedSet(new TreeSet<>(appIds));
    }

    /** The terms of a service that pseudonymizes with {@code pseudonymizer} for the apps {@code appIds}. */
    public static PseudonymizationTerms of(Pseudonymizer pseudonymizer, Collection<String> appIds) {
        return new PseudonymizationTerms(pseudonymizer.fingerprint(), new TreeSet<>(appIds));
    }

    /** The terms as {@link #appIdList()} wrote their app ids. */
    public static PseudonymizationTerms parse(String fingerprint, String appIdList) {
        List<String> appIds = appIdList.isEmpty() ? List.of() : Arrays.asList(appIdList.split(SEPARATOR));
        return new PseudonymizationTerms(fingerprint, new TreeSet<>(appIds));
    }

    /** The app ids, sorted and joined by commas: the form they are published in. */
    public String appIdList() {
        return String.join(SEPARATOR, appIds);
    }

    /**
     * How these terms differ from {@code published}, which {@code publisher} published, as a sentence that says what to
     * configure; empty when they agree.
     */
    public Optional<String> disagreementWith(PseudonymizationTerms published, String publisher) {
        List<String> differences = new ArrayList<>();
        if (!fingerprint.equals(published.fingerprint)) {
            differences.add("its pseudonymization secret differs (fingerprint " + abbreviated(fingerprint) + " against "
                    + abbreviated(published.fingerprint) + ")");
        }
        if (!appIds.equals(published.appIds)) {
            differences.add("its app ids " + appIds + " differ from " + published.appIds);
        }
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("This service does not pseudonymize as " + publisher + " does: "
                + String.join(", and ", differences)
                + ", so its users' feedback and decisions would carry different ids; give every feedback-collector and"
                + " ab-router the same AUTOLOOP_PSEUDONYMIZATION_SECRET and the same app ids.");
    }

    private static String abbreviated(String fingerprint) {
        return fingerprint.substring(0, 8) + "…";
    }
}
