package io.autoloop.analyzer.messaging;

import io.autoloop.analyzer.domain.ArmCount;
import io.autoloop.analyzer.domain.ArmTally;
import io.autoloop.analyzer.domain.DecisionState;
import io.autoloop.analyzer.domain.ErrorAccumulator;
import io.autoloop.analyzer.domain.Signal;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.json.ContractJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The compact binary formats of the analyzer's state stores and internal topics. Each starts with a format byte,
 * so a later format can still read what an earlier one changelogged.
 */
final class StoreSerdes {

    private static final byte FORMAT = 1;

    private StoreSerdes() {}

    static Serde<DecisionState> decisionState() {
        return new BinarySerde<>("DecisionState") {
            @Override
            void write(DataOutputStream out, DecisionState state) throws IOException {
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
                    byte[] json = ContractJson.write(event);
                    out.writeInt(json.length);
                    out.write(json);
                }
            }

            @Override
            DecisionState read(DataInputStream in) throws IOException {
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
                    byte[] json = new byte[in.readInt()];
                    in.readFully(json);
                    waiting.add(ContractJson.read(json, FeedbackEvent.class));
                }
                return new DecisionState(
                        phase, deadline, servedAt, userId, itemIds, consentWithdrawn, signals, waiting);
            }
        };
    }

    static Serde<ErrorAccumulator> errorAccumulator() {
        return new BinarySerde<>("ErrorAccumulator") {
            @Override
            void write(DataOutputStream out, ErrorAccumulator accumulator) throws IOException {
                accumulator.writeTo(out);
            }

            @Override
            ErrorAccumulator read(DataInputStream in) throws IOException {
                return ErrorAccumulator.readFrom(in);
            }
        };
    }

    static Serde<ArmTally> armTally() {
        return new BinarySerde<>("ArmTally") {
            @Override
            void write(DataOutputStream out, ArmTally tally) throws IOException {
                writeTally(out, tally);
            }

            @Override
            ArmTally read(DataInputStream in) throws IOException {
                return readTally(in);
            }
        };
    }

    static Serde<Emitted.ReportPart> reportPart() {
        return new BinarySerde<>("ReportPart") {
            @Override
            void write(DataOutputStream out, Emitted.ReportPart part) throws IOException {
                out.writeLong(part.windowStart());
                part.errors().writeTo(out);
            }

            @Override
            Emitted.ReportPart read(DataInputStream in) throws IOException {
                return new Emitted.ReportPart(in.readLong(), ErrorAccumulator.readFrom(in));
            }
        };
    }

    static Serde<Emitted.ArmPart> armPart() {
        return new BinarySerde<>("ArmPart") {
            @Override
            void write(DataOutputStream out, Emitted.ArmPart part) throws IOException {
                out.writeLong(part.windowStart());
                writeTally(out, part.tally());
            }

            @Override
            Emitted.ArmPart read(DataInputStream in) throws IOException {
                return new Emitted.ArmPart(in.readLong(), readTally(in));
            }
        };
    }

    private static void writeTally(DataOutputStream out, ArmTally tally) throws IOException {
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

    private static ArmTally readTally(DataInputStream in) throws IOException {
        long latestWindowStart = in.readLong();
        int arms = in.readInt();
        Map<Arm, ArmCount> counts = new EnumMap<>(Arm.class);
        for (int i = 0; i < arms; i++) {
            Arm arm = Arm.fromWire(in.readUTF());
            counts.put(arm, new ArmCount(in.readLong(), in.readLong(), readNullable(in), in.readLong()));
        }
        return new ArmTally(counts, latestWindowStart);
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** A serde over {@link DataOutputStream}/{@link DataInputStream} with the format byte in front. */
    private abstract static class BinarySerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

        private final String name;

        BinarySerde(String name) {
            this.name = name;
        }

        abstract void write(DataOutputStream out, T value) throws IOException;

        abstract T read(DataInputStream in) throws IOException;

        @Override
        public byte[] serialize(String topic, T value) {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                write(out, value);
            } catch (IOException e) {
                throw new SerializationException("Could not write a " + name + ": " + e.getMessage(), e);
            }
            return bytes.toByteArray();
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte format = in.readByte();
                if (format != FORMAT) {
                    throw new SerializationException("A stored " + name + " has format " + format
                            + ", but this build reads format " + FORMAT + ".");
                }
                return read(in);
            } catch (IOException e) {
                throw new SerializationException("Could not read a " + name + ": " + e.getMessage(), e);
            }
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
