package io.autoloop.router.domain.refresh;

import io.autoloop.contracts.Arm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One arm the {@link RefreshGuard} watches after a refresh, stored as JSON in Redis: the version the arm served before
 * (the one a revert returns to), the refreshes served since, newest last, and the previous version's recent CTR they
 * are held against. A refresh of an arm already watched joins the watch: the window still runs from the first one, and
 * a revert still returns to the version that served before the watch began.
 *
 * @param lineage the id of the lineage the arm serves
 * @param previous the version the arm served before the watch began
 * @param versions the refreshes swapped in since, newest last (the arm serves the last one)
 * @param since when the first of them was swapped in
 * @param baselineCtr the previous version's CTR in its newest error report at the swap, null when it had none
 * @param baselineSamples the samples behind {@code baselineCtr}, 0 without one
 * @param baselineCalibration the previous version's observed over predicted clicks in that report, null without one
 */
public record RefreshWatch(
        Arm arm,
        String lineage,
        String previous,
        List<String> versions,
        Instant since,
        Double baselineCtr,
        long baselineSamples,
        Double baselineCalibration) {

    public RefreshWatch {
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(previous, "previous");
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("A refresh watch needs the version it watches, but it names none.");
        }
        Objects.requireNonNull(since, "since");
    }

    /** The watch of the first refresh of an arm, from {@code previous} to {@code version} at {@code at}. */
    public static RefreshWatch start(
            Arm arm,
            String lineage,
            String previous,
            String version,
            Instant at,
            Double baselineCtr,
            long samples,
            Double baselineCalibration) {
        return new RefreshWatch(
                arm, lineage, previous, List.of(version), at, baselineCtr, samples, baselineCalibration);
    }

    /** The version the arm serves now. */
    public String current() {
        return versions.get(versions.size() - 1);
    }

    /** This watch after a further refresh to {@code version}. */
    public RefreshWatch refreshedTo(String version) {
        List<String> next = new ArrayList<>(versions);
        next.add(version);
        return new RefreshWatch(arm, lineage, previous, next, since, baselineCtr, baselineSamples, baselineCalibration);
    }
}
