package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.domain.AttributionWindow;
import io.autoloop.analyzer.state.StoreNames;
import io.autoloop.contracts.FeedbackEvent;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Consumes the feedback events one attribution task takes and answers, for each, whether the task took the same
 * (appId, eventId) before, remembering each one for {@link AttributionWindow#eventIdRetention()} of the task's
 * feedback clock in the changelogged window store {@link StoreNames#FEEDBACK_IDS}.
 *
 * <p>The store is local to the task that reads the event's {@code feedback.events} partition, which is enough: the
 * collector keys an event by the pseudonym of its app and user, so every copy of it lands on the same partition. An
 * eventId reused for another user lands elsewhere, but it cannot name that user's decisions ({@code user-mismatch}).
 * Entries are filed under the feedback clock rather than the event's own time, which a retried request moves (its
 * skew correction uses the later {@code receivedAt}) and a client's clock may put anywhere in the past; the clock
 * only moves forward, so the store drops whole segments as they age. Under exactly-once processing an entry is
 * committed with the samples the event leads to, so a restarted instance restores exactly what it had emitted.
 */
final class SeenFeedback {

    private static final byte[] SEEN = new byte[0];
    private static final char SEPARATOR = '\u001F';

    private final WindowStore<String, byte[]> store;
    private final long retention;

    SeenFeedback(WindowStore<String, byte[]> store, AttributionWindow window) {
        this.store = store;
        this.retention = window.eventIdRetention().toMillis();
    }

    /** The store's builder: retention as {@link AttributionWindow#eventIdRetention()}, one-millisecond windows. */
    static StoreBuilder<WindowStore<String, byte[]>> store(AttributionWindow window) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(
                        StoreNames.FEEDBACK_IDS, window.eventIdRetention(), Duration.ofMillis(1), false),
                Serdes.String(),
                Serdes.ByteArray());
    }

    /**
     * Whether {@code event} is a repeat of one taken within the retention before {@code feedbackClock} (epoch ms, the
     * task's feedback clock with this event taken in); when it is not, it is remembered from now on.
     */
    boolean repeated(FeedbackEvent event, long feedbackClock) {
        String id = event.appId() + SEPARATOR + event.eventId();
        try (WindowStoreIterator<byte[]> earlier = store.fetch(id, feedbackClock - retention + 1, feedbackClock)) {
            if (earlier.hasNext()) {
                return true;
            }
        }
        store.put(id, SEEN, feedbackClock);
        return false;
    }
}
