package io.autoloop.analyzer.state;

import io.autoloop.analyzer.domain.ArmCount;
import io.autoloop.analyzer.domain.ArmTally;
import io.autoloop.analyzer.domain.DecisionState;
import io.autoloop.analyzer.domain.ErrorAccumulator;
import io.autoloop.analyzer.domain.Signal;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.json.ContractJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The compact binary formats of the analyzer's state stores and internal topics. Each starts with a format byte,
 * so a later format can still read what an earlier one changelogged.
 *
 * <p>Formats: 1 for every value; {@link DecisionState} is written in format 2, which stores waiting feedback events
 * field by field instead of as JSON (format 1, still read). A state is read and written on every feedback event
 * for its decision, so the JSON round trips of its waiting events grew with the square of their number.
 */
public final class StoreSerdes {

    private static final byte FORMAT = 1;
    private static final byte DECISION_STATE_FORMAT = 2;

    // Tags of a context value in a stored feedback event: the types Jackson reads JSON scalars as, and JSON for
    // anything else.
    private static final byte TEXT = 1;
    private static final byte INTEGER = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte JSON = 6;

    private StoreSerdes() {}

    public static Serde<DecisionState> decisionState() {
        return new BinarySerde<>("DecisionState", DECISION_STATE_FORMAT, FORMAT) {
            @Override
            void write(ByteSink out, DecisionState state) throws IOException {
                out.writeByte(state.phase().ordinal());
                out.writeLong(state.deadline());
                out.writeLong(state.servedAt());
                out.writeBoolean(state.consentWithdrawn());
                writeNullable(out, state.userId());
                out.writeInt(state.itemIds().size());
                for (String itemId : state.itemIds()) {
                    out.writeUTF(itemId);
                }
                out.writeInt(state.signals().size());
                for (Signal signal : state.signals()) {
                    out.writeUTF(signal.eventId());
                    out.writeUTF(signal.type().wireName());
                    out.writeUTF(signal.itemId());
                    out.writeBoolean(signal.value() != null);
                    out.writeDouble(signal.value() == null ? 0.0 : signal.value());
                    out.writeLong(signal.eventTime().toEpochMilli());
                }
                out.writeInt(state.waiting().size());
                for (FeedbackEvent event : state.waiting()) {
                    writeEvent(out, event);
                }
            }

            @Override
            DecisionState read(ByteSource in, byte format) throws IOException {
                DecisionState.Phase phase = DecisionState.Phase.values()[in.readByte()];
                long deadline = in.readLong();
                long servedAt = in.readLong();
                boolean consentWithdrawn = in.readBoolean();
                String userId = readNullable(in);
                int items = in.readInt();
                List<String> itemIds = new ArrayList<>(items);
                for (int i = 0; i < items; i++) {
                    itemIds.add(in.readUTF());
                }
                int count = in.readInt();
                List<Signal> signals = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    String eventId = in.readUTF();
                    EventType type = EventType.fromWire(in.readUTF());
                    String itemId = in.readUTF();
                    boolean hasValue = in.readBoolean();
                    double value = in.readDouble();
                    Instant eventTime = Instant.ofEpochMilli(in.readLong());
                    signals.add(new Signal(eventId, type, itemId, hasValue ? value : null, eventTime));
                }
                int waitingCount = in.readInt();
                List<FeedbackEvent> waiting = new ArrayList<>(waitingCount);
                for (int i = 0; i < waitingCount; i++) {
                    if (format == DECISION_STATE_FORMAT) {
                        waiting.add(readEvent(in));
                    } else {
                        byte[] json = new byte[in.readInt()];
                        in.readFully(json);
                        waiting.add(ContractJson.read(json, FeedbackEvent.class));
                    }
                }
                return new DecisionState(
                        phase, deadline, servedAt, userId, itemIds, consentWithdrawn, signals, waiting);
            }
        };
    }

    public static Serde<ErrorAccumulator> errorAccumulator() {
        return new BinarySerde<>("ErrorAccumulator", FORMAT) {
            @Override
            void write(ByteSink out, ErrorAccumulator accumulator) throws IOException {
                accumulator.writeTo(out);
            }

            @Override
            ErrorAccumulator read(ByteSource in, byte format) throws IOException {
                return ErrorAccumulator.readFrom(in);
            }
        };
    }

    public static Serde<ArmTally> armTally() {
        return new BinarySerde<>("ArmTally", FORMAT) {
            @Override
            void write(ByteSink out, ArmTally tally) throws IOException {
                writeTally(out, tally);
            }

            @Override
            ArmTally read(ByteSource in, byte format) throws IOException {
                return readTally(in);
            }
        };
    }

    public static Serde<ReportPart> reportPart() {
        return new BinarySerde<>("ReportPart", FORMAT) {
            @Override
            void write(ByteSink out, ReportPart part) throws IOException {
                out.writeLong(part.windowStart());
                part.errors().writeTo(out);
            }

            @Override
            ReportPart read(ByteSource in, byte format) throws IOException {
                return new ReportPart(in.readLong(), ErrorAccumulator.readFrom(in));
            }
        };
    }

    public static Serde<ArmPart> armPart() {
        return new BinarySerde<>("ArmPart", FORMAT) {
            @Override
            void write(ByteSink out, ArmPart part) throws IOException {
                out.writeLong(part.windowStart());
                writeTally(out, part.tally());
            }

            @Override
            ArmPart read(ByteSource in, byte format) throws IOException {
                return new ArmPart(in.readLong(), readTally(in));
            }
        };
    }

    private static void writeTally(ByteSink out, ArmTally tally) throws IOException {
        out.writeLong(tally.latestWindowStart());
        out.writeInt(tally.counts().size());
        for (Map.Entry<Arm, ArmCount> entry : tally.counts().entrySet()) {
            ArmCount count = entry.getValue();
            out.writeUTF(entry.getKey().wireName());
            out.writeLong(count.impressions());
            out.writeLong(count.clicks());
            writeNullable(out, count.modelVersion());
            out.writeLong(count.servedAt());
        }
    }

    private static ArmTally readTally(ByteSource in) throws IOException {
        long latestWindowStart = in.readLong();
        int arms = in.readInt();
        Map<Arm, ArmCount> counts = new EnumMap<>(Arm.class);
        for (int i = 0; i < arms; i++) {
            Arm arm = Arm.fromWire(in.readUTF());
            counts.put(arm, new ArmCount(in.readLong(), in.readLong(), readNullable(in), in.readLong()));
        }
        return new ArmTally(counts, latestWindowStart);
    }

    private static void writeEvent(ByteSink out, FeedbackEvent event) throws IOException {
        out.writeInt(event.schemaVersion());
        out.writeString(event.eventId());
        out.writeUTF(event.type().wireName());
        out.writeString(event.userId());
        out.writeString(event.itemId());
        writeNullableString(out, event.decisionId());
        writeInstant(out, event.timestamp());
        out.writeBoolean(event.sentAt() != null);
        if (event.sentAt() != null) {
            writeInstant(out, event.sentAt());
        }
        out.writeBoolean(event.value() != null);
        out.writeDouble(event.value() == null ? 0.0 : event.value());
        out.writeInt(event.context().size());
        for (Map.Entry<String, Object> entry : event.context().entrySet()) {
            out.writeString(entry.getKey());
            writeScalar(out, entry.getValue());
        }
        out.writeBoolean(event.consent());
        out.writeString(event.appId());
        writeInstant(out, event.receivedAt());
        writeInstant(out, event.eventTime());
    }

    private static FeedbackEvent readEvent(ByteSource in) throws IOException {
        int schemaVersion = in.readInt();
        String eventId = in.readString();
        EventType type = EventType.fromWire(in.readUTF());
        String userId = in.readString();
        String itemId = in.readString();
        String decisionId = readNullableString(in);
        Instant timestamp = readInstant(in);
        Instant sentAt = in.readBoolean() ? readInstant(in) : null;
        boolean hasValue = in.readBoolean();
        double value = in.readDouble();
        int entries = in.readInt();
        Map<String, Object> context = new HashMap<>(entries * 2);
        for (int i = 0; i < entries; i++) {
            context.put(in.readString(), readScalar(in));
        }
        boolean consent = in.readBoolean();
        return new FeedbackEvent(
                schemaVersion,
                eventId,
                type,
                userId,
                itemId,
                decisionId,
                timestamp,
                sentAt,
                hasValue ? value : null,
                context,
                consent,
                in.readString(),
                readInstant(in),
                readInstant(in));
    }

    private static void writeScalar(ByteSink out, Object value) {
        if (value instanceof String text) {
            out.writeByte(TEXT);
            out.writeString(text);
        } else if (value instanceof Integer number) {
            out.writeByte(INTEGER);
            out.writeInt(number);
        } else if (value instanceof Long number) {
            out.writeByte(LONG);
            out.writeLong(number);
        } else if (value instanceof Double number) {
            out.writeByte(DOUBLE);
            out.writeDouble(number);
        } else if (value instanceof Boolean flag) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(flag);
        } else {
            byte[] json = ContractJson.write(value);
            out.writeByte(JSON);
            out.writeInt(json.length);
            out.write(json);
        }
    }

    private static Object readScalar(ByteSource in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case TEXT -> in.readString();
            case INTEGER -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case JSON -> {
                byte[] json = new byte[in.readInt()];
                in.readFully(json);
                yield ContractJson.read(json, Object.class);
            }
            default -> throw new IOException("A stored context value has the unknown tag " + tag + ".");
        };
    }

    private static void writeInstant(ByteSink out, Instant instant) {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(ByteSource in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeNullableString(ByteSink out, String value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeString(value);
        }
    }

    private static String readNullableString(ByteSource in) throws IOException {
        return in.readBoolean() ? in.readString() : null;
    }

    private static void writeNullable(ByteSink out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(ByteSource in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** A serde over {@link ByteSink}/{@link ByteSource} with the format byte in front. */
    private abstract static class BinarySerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

        private final String name;
        private final byte format;
        private final byte[] readable;

        /** Writes {@code format}; reads it and the {@code older} formats. */
        BinarySerde(String name, byte format, byte... older) {
            this.name = name;
            this.format = format;
            this.readable = older;
        }

        abstract void write(ByteSink out, T value) throws IOException;

        abstract T read(ByteSource in, byte format) throws IOException;

        @Override
        public byte[] serialize(String topic, T value) {
            if (value == null) {
                return null;
            }
            ByteSink out = new ByteSink(256);
            try {
                out.writeByte(format);
                write(out, value);
            } catch (IOException e) {
                throw new SerializationException("Could not write a " + name + ": " + e.getMessage(), e);
            }
            return out.toByteArray();
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            ByteSource in = new ByteSource(data);
            try {
                byte stored = in.readByte();
                if (!reads(stored)) {
                    throw new SerializationException("A stored " + name + " has format " + stored
                            + ", but this build reads " + readableFormats() + ".");
                }
                return read(in, stored);
            } catch (IOException e) {
                throw new SerializationException("Could not read a " + name + ": " + e.getMessage(), e);
            }
        }

        private boolean reads(byte stored) {
            if (stored == format) {
                return true;
            }
            for (byte older : readable) {
                if (stored == older) {
                    return true;
                }
            }
            return false;
        }

        private String readableFormats() {
            StringBuilder formats = new StringBuilder(readable.length == 0 ? "format " : "formats ");
            formats.append(format);
            for (byte older : readable) {
                formats.append(" and ").append(older);
            }
            return formats.toString();
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            // Nothing to configure: the format is fixed.
        }

        @Override
        public void close() {
            // Holds no resources.
        }

        @Override
        public Serializer<T> serializer() {
            return this;
        }

        @Override
        public Deserializer<T> deserializer() {
            return this;
        }
    }
}
