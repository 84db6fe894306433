package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.domain.ArmCount;
import io.autoloop.analyzer.domain.ArmTally;
import io.autoloop.analyzer.domain.AttributionWindow;
import io.autoloop.analyzer.domain.Attributor;
import io.autoloop.analyzer.domain.Attributor.DecisionOutcome;
import io.autoloop.analyzer.domain.Attributor.FeedbackOutcome;
import io.autoloop.analyzer.domain.DecisionState;
import io.autoloop.analyzer.domain.ErrorAccumulator;
import io.autoloop.analyzer.domain.EventClock;
import io.autoloop.analyzer.domain.Signal;
import io.autoloop.analyzer.domain.UnattributedReason;
import io.autoloop.analyzer.state.ArmPart;
import io.autoloop.analyzer.state.Parsed;
import io.autoloop.analyzer.state.ReportPart;
import io.autoloop.analyzer.state.StoreNames;
import io.autoloop.analyzer.state.StoreSerdes;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.json.ContractJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Consumes feedback events and decisions, both keyed by pseudonymous user id, joins them by decisionId and emits one
 * {@link LabelledSample} per served item once the decision's labels are final, dead letters for feedback it cannot
 * attribute, and the error and arm counts of each batch of samples (see {@link Emitted}).
 *
 * <p>State per decisionId lives in changelogged stores: the decision's JSON while it is open, its
 * {@link DecisionState} (encoded here, so that feedback that would take it past {@code analyzer.limits.state-bytes}
 * is turned away as {@code decision-state-full}), and an index by phase and deadline; the task's {@link EventClock}
 * is kept too. A feedback event whose (appId, eventId) the task took within the attribution window plus grace of
 * its feedback clock is dropped as {@code duplicate} before anything else ({@link SeenFeedback}), so each event
 * reaches {@code training.samples} at most once however often the collector published it. A wall-clock punctuation
 * closes what the event clock says is due, and before a record touches a decisionId that is already due, that
 * decisionId is settled first: what is emitted depends on the records and their event times only, not on when
 * punctuations run. When idle closing is on and the task has received nothing for the configured time, the
 * punctuation lets event time run on at wall-clock speed: it closes what is due once each input's clock is moved on
 * by the time the task has been idle. With live traffic (event time ≈ wall clock) that is the wall clock; with a
 * backlog in the past it moves the close time only as far as the idle time, never to "now". Every
 * state change and every emitted record of one record or punctuation belong to the same Kafka Streams transaction
 * under exactly-once processing.
 */
final class AttributionProcessor implements Processor<String, Arrival, String, Emitted> {

    private static final byte[] INDEXED = new byte[0];
    private static final String DECISIONS_CLOCK = "decisions-";
    private static final String FEEDBACK_CLOCK = "feedback";

    private final Attributor attributor;
    private final AttributionWindow window;
    private final Serde<DecisionState> stateSerde = StoreSerdes.decisionState();
    private final int stateBytes;
    private final AnalyzerMetrics metrics;
    private final long reportWindow;
    private final long armStatsWindow;
    private final Duration punctuationInterval;
    private final Optional<Duration> idleCloseAfter;
    private final long futureTolerance;
    private final int partitions;

    private ProcessorContext<String, Emitted> context;
    private KeyValueStore<String, byte[]> decisions;
    private KeyValueStore<String, byte[]> states;
    private KeyValueStore<Bytes, byte[]> deadlines;
    private KeyValueStore<String, Long> clocks;
    private SeenFeedback seen;
    private EventClock clock;
    private long[] decisionProgress;
    private long lastArrival;

    AttributionProcessor(AnalyzerSettings settings, AnalyzerMetrics metrics) {
        this.attributor = new Attributor(
                settings.attribution(), settings.labelling(), settings.limits().decision());
        this.window = settings.attribution();
        this.stateBytes = settings.limits().stateBytes();
        this.metrics = metrics;
        this.reportWindow = settings.reportWindow().toMillis();
        this.armStatsWindow = settings.armStatsWindow().toMillis();
        this.punctuationInterval = settings.punctuationInterval();
        this.idleCloseAfter = settings.idleCloseAfter();
        this.futureTolerance = settings.attribution().grace().toMillis();
        this.partitions = settings.partitions();
    }

    @Override
    public void init(ProcessorContext<String, Emitted> processorContext) {
        this.context = processorContext;
        this.decisions = processorContext.getStateStore(StoreNames.DECISIONS);
        this.states = processorContext.getStateStore(StoreNames.DECISION_STATES);
        this.deadlines = processorContext.getStateStore(StoreNames.DEADLINES);
        this.clocks = processorContext.getStateStore(StoreNames.EVENT_CLOCKS);
        WindowStore<String, byte[]> feedbackIds = processorContext.getStateStore(StoreNames.FEEDBACK_IDS);
        this.seen = new SeenFeedback(feedbackIds, window);
        if (processorContext.taskId().partition() >= partitions) {
            throw new IllegalStateException("This task reads feedback.events partition "
                    + processorContext.taskId().partition() + ", but analyzer.partitions is " + partitions
                    + ": set it to the partition count of serving.decisions and feedback.events.");
        }
        this.decisionProgress = new long[partitions];
        for (int source = 0; source < partitions; source++) {
            decisionProgress[source] = stored(DECISIONS_CLOCK + source);
        }
        this.clock = new EventClock(least(decisionProgress), stored(FEEDBACK_CLOCK));
        this.lastArrival = processorContext.currentSystemTimeMs();
        processorContext.schedule(punctuationInterval, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    /**
     * Closes what the event clock says is due; in a task idle for longer than {@code idleCloseAfter}, what is due when
     * each input's clock (the task's stream time for an input not seen yet) is moved on by the time it has been idle.
     */
    private void punctuate(long wallClock) {
        long idle = wallClock - lastArrival;
        if (idleCloseAfter.isPresent() && idle >= idleCloseAfter.get().toMillis()) {
            long streamTime = context.currentStreamTimeMs();
            closeDue(new EventClock(
                    (clock.decisions() == Long.MIN_VALUE ? streamTime : clock.decisions()) + idle,
                    (clock.feedback() == Long.MIN_VALUE ? streamTime : clock.feedback()) + idle));
        } else {
            closeDue(clock);
        }
    }

    @Override
    public void process(Record<String, Arrival> record) {
        lastArrival = context.currentSystemTimeMs();
        Batch batch = new Batch();
        if (record.value() instanceof Arrival.DecisionArrival arrival) {
            observeProgress(record.headers());
            onDecision(arrival.decision(), batch);
        } else if (record.value() instanceof Arrival.ProgressArrival) {
            observeProgress(record.headers());
        } else {
            onFeedback(record.key(), ((Arrival.FeedbackArrival) record.value()).feedback(), batch);
        }
        batch.flush();
    }

    private void onDecision(Parsed.Ok<Decision> parsed, Batch batch) {
        Decision decision = parsed.value();
        String key = decision.decisionId();
        DecisionState state = settle(key, clock, batch);
        DecisionOutcome outcome = attributor.onDecision(state, decision, clock);
        if (outcome.ignored() != null) {
            metrics.ignored(outcome.ignored());
            return;
        }
        Set<String> refusedIds = new HashSet<>();
        for (Attributor.Unattributed refused : outcome.refused()) {
            unattributed(refused.event(), refused.reason());
            refusedIds.add(refused.event().eventId());
        }
        if (state != null && state.phase() == DecisionState.Phase.AWAITING_DECISION) {
            for (FeedbackEvent waited : state.waiting()) {
                if (!refusedIds.contains(waited.eventId())) {
                    metrics.attributed(waited.type());
                }
            }
        }
        if (outcome.labelNow()) {
            metrics.lateDecision();
            emitLabels(decision, outcome.signals(), outcome.consentWithdrawn(), batch);
        } else {
            decisions.put(key, parsed.json());
        }
        replace(key, state, outcome.state(), encode(outcome.state()));
    }

    private void onFeedback(String userKey, Parsed<FeedbackEvent> parsed, Batch batch) {
        if (!(parsed instanceof Parsed.Ok<FeedbackEvent> ok)) {
            metrics.unattributed(UnattributedReason.UNREADABLE);
            Parsed.Unreadable<?> unreadable = parsed == null
                    ? new Parsed.Unreadable<>("", "The record has no value.")
                    : (Parsed.Unreadable<?>) parsed;
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            context.forward(new Record<>(
                    userKey,
                    new Emitted.Rejection(DeadLetters.unreadableFeedback(unreadable, now)),
                    context.currentStreamTimeMs()));
            return;
        }
        FeedbackEvent event = ok.value();
        advance(clock.afterFeedback(credible(event.eventTime().toEpochMilli())));
        if (seen.repeated(event, clock.feedback())) {
            unattributed(event, UnattributedReason.DUPLICATE);
            return;
        }
        if (event.decisionId() == null || event.decisionId().isBlank()) {
            unattributed(event, event.trainable() ? UnattributedReason.NO_DECISION_ID : UnattributedReason.NO_CONSENT);
            return;
        }
        String key = event.decisionId();
        DecisionState state = settle(key, clock, batch);
        FeedbackOutcome outcome = attributor.onFeedback(state, event, clock);
        byte[] encoded = outcome.state() == state ? null : encode(outcome.state());
        if (outcome.unattributed() == null && encoded != null && encoded.length > stateBytes) {
            // Kept, the event would take the state past its changelog's limit: the state stays as it was.
            unattributed(event, UnattributedReason.DECISION_STATE_FULL);
            return;
        }
        for (FeedbackEvent turnedAway : outcome.turnedAway()) {
            unattributed(turnedAway, UnattributedReason.DECISION_STATE_FULL);
        }
        if (outcome.unattributed() != null) {
            unattributed(event, outcome.unattributed());
        } else if (outcome.state() == null || outcome.state().phase() != DecisionState.Phase.AWAITING_DECISION) {
            // Feedback waiting for its decision is counted once its fate is known: attributed when the decision
            // takes it (onDecision), unattributed when the decision refuses it or never comes (expire).
            metrics.attributed(event.type());
        }
        if (outcome.state() != state) {
            replace(key, state, outcome.state(), encoded);
        }
    }

    /** Settles everything that is due on {@code at}. */
    private void closeDue(EventClock at) {
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        collect(DecisionState.Phase.OPEN, at.feedback(), due);
        collect(DecisionState.Phase.AWAITING_DECISION, at.decisions(), due);
        collect(DecisionState.Phase.CLOSED, at.both(), due);
        if (due.isEmpty()) {
            return;
        }
        Batch batch = new Batch();
        for (KeyValue<Bytes, byte[]> entry : due) {
            ByteBuffer buffer = ByteBuffer.wrap(entry.key.get());
            buffer.get();
            long deadline = buffer.getLong() ^ Long.MIN_VALUE;
            String key = StandardCharsets.UTF_8.decode(buffer).toString();
            DecisionState state = read(key);
            if (state == null || state.deadline() != deadline) {
                deadlines.delete(entry.key);
            } else {
                settle(key, state, at, batch);
            }
        }
        batch.flush();
    }

    private void collect(DecisionState.Phase phase, long upTo, List<KeyValue<Bytes, byte[]>> due) {
        if (upTo == Long.MIN_VALUE || upTo == Long.MAX_VALUE) {
            return;
        }
        try (KeyValueIterator<Bytes, byte[]> iterator =
                deadlines.range(indexKey(phase, Long.MIN_VALUE, ""), indexKey(phase, upTo + 1, ""))) {
            iterator.forEachRemaining(due::add);
        }
    }

    /** The state of {@code key} after settling whatever of it is due on {@code at}. */
    private DecisionState settle(String key, EventClock at, Batch batch) {
        return settle(key, read(key), at, batch);
    }

    /** {@link #settle(String, EventClock, Batch)} for a {@code state} of {@code key} already read. */
    private DecisionState settle(String key, DecisionState stored, EventClock at, Batch batch) {
        DecisionState state = stored;
        while (state != null && attributor.due(state, at)) {
            DecisionState next = expire(key, state, batch);
            replace(key, state, next, encode(next));
            state = next;
        }
        return state;
    }

    private DecisionState expire(String key, DecisionState state, Batch batch) {
        switch (state.phase()) {
            case OPEN -> {
                Decision decision = ContractJson.read(decisions.get(key), Decision.class);
                decisions.delete(key);
                emitLabels(decision, state.signals(), state.consentWithdrawn(), batch);
                return attributor.closedMarker(state);
            }
            case AWAITING_DECISION -> {
                for (FeedbackEvent event : state.waiting()) {
                    unattributed(event, UnattributedReason.UNKNOWN_DECISION);
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private DecisionState read(String key) {
        return stateSerde.deserializer().deserialize(StoreNames.DECISION_STATES, states.get(key));
    }

    /** The stored form of {@code state}; null for none. */
    private byte[] encode(DecisionState state) {
        return stateSerde.serializer().serialize(StoreNames.DECISION_STATES, state);
    }

    /** Stores {@code next}, encoded as {@code encoded}, in place of {@code previous}, and keeps the index in step. */
    private void replace(String key, DecisionState previous, DecisionState next, byte[] encoded) {
        boolean reindex = previous == null
                || next == null
                || previous.deadline() != next.deadline()
                || previous.phase() != next.phase();
        if (previous != null && reindex) {
            deadlines.delete(indexKey(previous.phase(), previous.deadline(), key));
        }
        if (next == null) {
            states.delete(key);
            return;
        }
        states.put(key, encoded);
        if (reindex) {
            deadlines.put(indexKey(next.phase(), next.deadline(), key), INDEXED);
        }
    }

    private void emitLabels(Decision decision, List<Signal> signals, boolean consentWithdrawn, Batch batch) {
        if (consentWithdrawn) {
            metrics.suppressed(decision.items().size());
            return;
        }
        long servedAt = decision.servedAt().toEpochMilli();
        for (LabelledSample sample : attributor.label(decision, signals)) {
            context.forward(new Record<>(sample.userId(), new Emitted.Sample(sample), servedAt));
            metrics.sample(sample.arm(), sample.label());
            batch.add(sample, servedAt);
        }
    }

    private void unattributed(FeedbackEvent event, UnattributedReason reason) {
        metrics.unattributed(reason);
        if (reason == UnattributedReason.DUPLICATE) {
            metrics.duplicate(event.appId());
        }
        if (reason.deadLettered()) {
            Instant rejectedAt = Instant.ofEpochMilli(context.currentSystemTimeMs());
            context.forward(new Record<>(
                    event.userId(),
                    new Emitted.Rejection(DeadLetters.feedback(event, reason, rejectedAt)),
                    event.eventTime().toEpochMilli()));
        }
    }

    /**
     * An event time as far as the clock may take it: at most the wall clock plus the grace, so that one event stamped
     * in the future cannot close every window at once (the event itself is still judged by its own time).
     */
    private long credible(long eventTime) {
        return Math.min(eventTime, context.currentSystemTimeMs() + futureTolerance);
    }

    /** Takes in how far the decision partition named in {@code headers} has come (see DecisionTriage). */
    private void observeProgress(Headers headers) {
        Header source = headers.lastHeader(DecisionTriage.SOURCE);
        Header progress = headers.lastHeader(DecisionTriage.PROGRESS);
        if (source == null || progress == null) {
            return;
        }
        int partition = ByteBuffer.wrap(source.value()).getInt();
        if (partition >= partitions) {
            throw new IllegalStateException("A decision came from serving.decisions partition " + partition
                    + ", but analyzer.partitions is " + partitions
                    + ": set it to the partition count of serving.decisions and feedback.events.");
        }
        long time = credible(ByteBuffer.wrap(progress.value()).getLong());
        if (time > decisionProgress[partition]) {
            decisionProgress[partition] = time;
            clocks.put(DECISIONS_CLOCK + partition, time);
            clock = clock.withDecisions(least(decisionProgress));
        }
    }

    private void advance(EventClock next) {
        if (next.feedback() != clock.feedback()) {
            clocks.put(FEEDBACK_CLOCK, next.feedback());
        }
        clock = next;
    }

    private static long least(long[] times) {
        long least = Long.MAX_VALUE;
        for (long time : times) {
            least = Math.min(least, time);
        }
        return least;
    }

    private long stored(String name) {
        Long time = clocks.get(name);
        return time == null ? Long.MIN_VALUE : time;
    }

    /**
     * (phase, deadline, decisionId) as bytes that sort by phase, then deadline: one byte, 8 bytes big-endian with the
     * sign bit flipped (so negative deadlines sort first too), then UTF-8.
     */
    private static Bytes indexKey(DecisionState.Phase phase, long deadline, String key) {
        byte[] id = key.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES + id.length)
                .put((byte) phase.ordinal())
                .putLong(deadline ^ Long.MIN_VALUE)
                .put(id)
                .array());
    }

    private static long windowStart(long time, long size) {
        return Math.floorDiv(time, size) * size;
    }

    /** The error and arm counts of the samples emitted by one record or punctuation, sent once at its end. */
    private final class Batch {

        private final Map<PartKey, ErrorAccumulator> errors = new HashMap<>();
        private final Map<PartKey, ArmTally> arms = new HashMap<>();

        void add(LabelledSample sample, long servedAt) {
            if (sample.modelVersion() != null) {
                if (ErrorAccumulator.isProbability(sample.predicted())) {
                    long start = windowStart(servedAt, reportWindow);
                    errors.computeIfAbsent(new PartKey(sample.modelVersion(), start), k -> new ErrorAccumulator())
                            .add(sample.predicted(), sample.label());
                } else {
                    metrics.reportSkipped();
                }
            }
            if (sample.experimentId() != null) {
                long start = windowStart(servedAt, armStatsWindow);
                arms.merge(
                        new PartKey(sample.experimentId(), start),
                        ArmTally.of(sample.arm(), ArmCount.of(sample), start),
                        ArmTally::plus);
            }
        }

        void flush() {
            errors.forEach((part, accumulator) -> context.forward(new Record<>(
                    part.key(),
                    new Emitted.ErrorCounts(new ReportPart(part.windowStart(), accumulator)),
                    part.windowStart())));
            arms.forEach((part, tally) -> context.forward(new Record<>(
                    part.key(), new Emitted.ArmCounts(new ArmPart(part.windowStart(), tally)), part.windowStart())));
        }
    }

    private record PartKey(String key, long windowStart) {}
}
