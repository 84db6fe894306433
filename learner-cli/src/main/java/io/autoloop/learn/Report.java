package io.autoloop.learn;

import io.autoloop.learner.search.Comparison;
import io.autoloop.learner.search.SearchEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/** Turns a pass's {@link StreamRun.Summary} and a search's {@link SearchEvent}s into the lines the command prints. */
final class Report {

    private Report() {}

    /** For example {@code 40,000 examples: progressive log loss 0.0333990, AUC 0.51840; 612,345 examples/s (0.07 s)}. */
    static String summary(StreamRun.Summary summary) {
        return String.format(
                Locale.ROOT,
                "%,d examples: progressive log loss %.7f, AUC %.5f; %,.0f examples/s (%.2f s)",
                summary.examples(),
                summary.logLoss(),
                summary.auc(),
                summary.examplesPerSecond(),
                summary.seconds());
    }

    /** One line per event, for example {@code example 12,000: retired #3 (worse): difference +0.000310 [...]}. */
    static String event(SearchEvent event) {
        String head = String.format(Locale.ROOT, "example %,d: ", event.example());
        if (event instanceof SearchEvent.Proposed proposed) {
            return head + "proposed #" + proposed.candidate().id() + " "
                    + proposed.candidate().configuration() + " around #" + proposed.champion()
                    + (proposed.warmStart() ? " (warm start)" : " (from zero)");
        }
        if (event instanceof SearchEvent.Retired retired) {
            String reason = retired.reason() == SearchEvent.Reason.WORSE ? "worse" : "lease expired";
            return head + "retired #" + retired.candidate().id() + " (" + reason + "): "
                    + comparison(retired.comparison());
        }
        SearchEvent.Graduated graduated = (SearchEvent.Graduated) event;
        return head + "graduated #" + graduated.candidate().id() + " "
                + graduated.candidate().configuration() + ", replacing #"
                + graduated.previousChampion().id() + ": " + comparison(graduated.comparison());
    }

    /** Prints each event as it comes and counts them by kind. */
    static final class EventLines implements Consumer<SearchEvent> {

        private final PrintWriter out;
        private int proposed;
        private int retired;
        private int graduated;

        EventLines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void accept(SearchEvent event) {
            if (event instanceof SearchEvent.Proposed) {
                proposed++;
            } else if (event instanceof SearchEvent.Retired) {
                retired++;
            } else {
                graduated++;
            }
            out.println(event(event));
        }

        /** For example {@code 12 proposed, 7 retired, 1 graduated}. */
        String tally() {
            return proposed + " proposed, " + retired + " retired, " + graduated + " graduated";
        }
    }

    private static String comparison(Comparison comparison) {
        return String.format(
                Locale.ROOT,
                "difference %+.6f [%+.6f, %+.6f] over %,d examples (champion %.6f, challenger %.6f)",
                comparison.difference(),
                comparison.lower(),
                comparison.upper(),
                comparison.examples(),
                comparison.championLoss(),
                comparison.challengerLoss());
    }
}
