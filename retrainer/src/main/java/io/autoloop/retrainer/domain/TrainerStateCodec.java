package io.autoloop.retrainer.domain;

import io.autoloop.learner.BinaryEnvelope;
import io.autoloop.learner.CheckpointCodec;
import io.autoloop.learner.ModelFormatException;
import io.autoloop.learner.TrainerCheckpoint;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Turns the complete state of the {@link LineageTrainers} of a model into the bytes of its Redis checkpoint and back:
 * the consumed offsets, and per lineage the state of its {@link Trainer}: the learner's {@link TrainerCheckpoint}
 * (FTRL state, progressive validation, consumed offsets, last version) plus what only the retrainer keeps (version
 * history, record counters, holdout window).
 *
 * <p>Layout of a model's checkpoint (format version {@value #MODEL_VERSION}, in the learner's {@link BinaryEnvelope};
 * big-endian, strings as {@link DataOutput#writeUTF}):
 *
 * <pre>
 * magic "ALRT" | u16 format version | u32 body length | body | u32 CRC32 of all preceding bytes
 * body: i32 partitions | partitions × (partition | i64 next offset)
 *   | i32 lineages | lineages × (lineage id | lineage body)
 *   | bool search [i32 length | the shadow search's state ({@link ShadowSearch}: its plan, anchor, online search and
 *     the shadows' learners)]
 * </pre>
 *
 * <p>Version {@value #SEARCHLESS_MODEL_VERSION}, written before the shadow search, is the same without the search; it
 * is still read.
 *
 * <p>A lineage body is the body of format version {@value #FORMAT_VERSION}, the checkpoint of one {@link Trainer}
 * alone, which was the model's checkpoint before lineages:
 *
 * <pre>
 * body:
 *   i32 length | learner checkpoint ({@link CheckpointCodec})
 *   | bool [last published spec fingerprint] | bool [last announced version]
 *   | i64 records consumed | i64 skipped without consent | i64 malformed
 *   | i64 refused as non-finite updates | i64 quarantined | i64 samples seen at the last candidate
 *   | holdout window: i32 capacity | bool [champion version] | i32 size
 *       | size × (u8 label | f64 weight | f64 learner p | f64 champion p | i32 n | n × (i32 index | f64 x))
 * </pre>
 *
 * <p>Earlier versions are still read, so a checkpoint in Redis survives the upgrade (the next checkpoint is written in
 * version {@value #MODEL_VERSION}); they hold one trainer and no lineage id, and any other version is refused with a
 * {@link ModelFormatException}:
 *
 * <ul>
 *   <li>version {@value #COUNTLESS_VERSION}, written before the learner refused non-finite updates, is the same envelope
 *       without the two counts, which it reads as 0;
 *   <li>version {@value #UNFRAMED_VERSION}, written before the envelope, has the body of version
 *       {@value #COUNTLESS_VERSION} right after the format version, without the body length:
 *       {@code "ALRT" | u16 1 | body | u32 CRC32}.
 * </ul>
 */
public final class TrainerStateCodec {

    /** The first four bytes of every retrainer checkpoint. */
    public static final String MAGIC = "ALRT";

    /** The format version of a model's checkpoint: the offsets, every lineage's trainer and the shadow search. */
    public static final int MODEL_VERSION = 5;

    /** The format version of a model's checkpoint written before the shadow search, which this codec still reads. */
    static final int SEARCHLESS_MODEL_VERSION = 4;

    /** The format version of one trainer's checkpoint, the body of each lineage in a model's checkpoint. */
    public static final int FORMAT_VERSION = 3;

    /** The format version written before the counts of refused and quarantined records, which this codec still reads. */
    static final int COUNTLESS_VERSION = 2;

    /** The format version written before the envelope, which this codec still reads. */
    static final int UNFRAMED_VERSION = 1;

    private static final String WHAT = "retrainer checkpoint";

    private TrainerStateCodec() {}

    /** The parts of a checkpoint, as read; {@link Trainer#restore} assembles a trainer from them. */
    record Parts(
            TrainerCheckpoint learner,
            String lastSpecFingerprint,
            String announcedVersion,
            long recordsConsumed,
            long skippedNoConsent,
            long malformed,
            long nonFiniteUpdates,
            long quarantined,
            long samplesAtLastAttempt,
            HoldoutWindow window) {}

    /**
     * One lineage's parts of a model's checkpoint.
     *
     * @param lineageId the lineage's id, or null in a checkpoint written before lineages
     */
    record LineageParts(String lineageId, Parts parts) {}

    /**
     * The parts of a model's checkpoint, as read: the consumed offsets, every lineage's trainer in order, and the
     * shadow search's state (null when none was saved).
     */
    record ModelParts(Map<String, Long> offsets, List<LineageParts> lineages, byte[] search) {}

    static byte[] writeModel(Map<String, Long> offsets, List<LineageParts> lineages, byte[] search) {
        return BinaryEnvelope.seal(MAGIC, MODEL_VERSION, out -> {
            out.writeInt(offsets.size());
            for (Map.Entry<String, Long> offset : offsets.entrySet()) {
                out.writeUTF(offset.getKey());
                out.writeLong(offset.getValue());
            }
            out.writeInt(lineages.size());
            for (LineageParts lineage : lineages) {
                out.writeUTF(lineage.lineageId());
                writeBody(lineage.parts(), out);
            }
            out.writeBoolean(search != null);
            if (search != null) {
                out.writeInt(search.length);
                out.write(search);
            }
        });
    }

    /**
     * Reads a model's checkpoint of format version {@value #MODEL_VERSION} or {@value #SEARCHLESS_MODEL_VERSION} (no
     * search), or of an earlier version as one trainer without lineage id whose offsets are the model's, with holdout
     * windows of {@code holdoutCapacity}.
     *
     * @throws ModelFormatException if the bytes are truncated, corrupt or of another format
     */
    static ModelParts readModel(byte[] bytes, int holdoutCapacity) {
        boolean withSearch = isVersion(bytes, MODEL_VERSION);
        if (!withSearch && !isVersion(bytes, SEARCHLESS_MODEL_VERSION)) {
            Parts single = read(bytes, holdoutCapacity);
            return new ModelParts(single.learner().offsets(), List.of(new LineageParts(null, single)), null);
        }
        int version = withSearch ? MODEL_VERSION : SEARCHLESS_MODEL_VERSION;
        return BinaryEnvelope.open(bytes, MAGIC, version, WHAT, in -> {
            int partitions = in.readInt();
            requireCount(partitions, "partitions");
            Map<String, Long> offsets = new TreeMap<>();
            for (int i = 0; i < partitions; i++) {
                offsets.put(in.readUTF(), in.readLong());
            }
            int count = in.readInt();
            requireCount(count, "lineages");
            List<LineageParts> lineages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                lineages.add(new LineageParts(in.readUTF(), readBody(in, holdoutCapacity, true)));
            }
            byte[] search = null;
            if (withSearch && in.readBoolean()) {
                int length = in.readInt();
                requireCount(length, "bytes of search state");
                search = new byte[length];
                in.readFully(search);
            }
            return new ModelParts(offsets, lineages, search);
        });
    }

    private static void requireCount(int count, String what) {
        if (count < 0) {
            throw new ModelFormatException("The " + WHAT + " declares " + count + " " + what + "; it is corrupt.");
        }
    }

    static byte[] write(Parts parts) {
        return BinaryEnvelope.seal(MAGIC, FORMAT_VERSION, out -> writeBody(parts, out));
    }

    /**
     * Reads the parts of a checkpoint of format version {@value #FORMAT_VERSION}, {@value #COUNTLESS_VERSION} or
     * {@value #UNFRAMED_VERSION}, with a holdout window of {@code holdoutCapacity}.
     *
     * @throws ModelFormatException if the bytes are truncated, corrupt or of another format
     */
    static Parts read(byte[] bytes, int holdoutCapacity) {
        if (isVersion(bytes, UNFRAMED_VERSION)) {
            return readUnframed(bytes, holdoutCapacity);
        }
        if (isVersion(bytes, COUNTLESS_VERSION)) {
            return BinaryEnvelope.open(
                    bytes, MAGIC, COUNTLESS_VERSION, WHAT, in -> readBody(in, holdoutCapacity, false));
        }
        return BinaryEnvelope.open(bytes, MAGIC, FORMAT_VERSION, WHAT, in -> readBody(in, holdoutCapacity, true));
    }

    private static void writeBody(Parts parts, DataOutput out) throws IOException {
        byte[] learner = CheckpointCodec.write(parts.learner());
        out.writeInt(learner.length);
        out.write(learner);
        BinaryEnvelope.writeOptionalText(out, parts.lastSpecFingerprint());
        BinaryEnvelope.writeOptionalText(out, parts.announcedVersion());
        out.writeLong(parts.recordsConsumed());
        out.writeLong(parts.skippedNoConsent());
        out.writeLong(parts.malformed());
        out.writeLong(parts.nonFiniteUpdates());
        out.writeLong(parts.quarantined());
        out.writeLong(parts.samplesAtLastAttempt());
        parts.window().writeTo(out);
    }

    /** Reads a body; {@code withCounts} for version {@value #FORMAT_VERSION}, whose body has the two counts. */
    private static Parts readBody(DataInput in, int holdoutCapacity, boolean withCounts) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new ModelFormatException(
                    "The " + WHAT + " declares a learner checkpoint of " + length + " bytes; it is corrupt.");
        }
        byte[] learner = new byte[length];
        in.readFully(learner);
        return new Parts(
                CheckpointCodec.read(learner),
                BinaryEnvelope.readOptionalText(in),
                BinaryEnvelope.readOptionalText(in),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                withCounts ? in.readLong() : 0,
                withCounts ? in.readLong() : 0,
                in.readLong(),
                HoldoutWindow.readFrom(in, holdoutCapacity));
    }

    private static boolean isVersion(byte[] bytes, int version) {
        return bytes.length >= 6
                && MAGIC.equals(new String(bytes, 0, 4, StandardCharsets.ISO_8859_1))
                && ByteBuffer.wrap(bytes).getShort(4) == version;
    }

    /** Reads format version 1: the CRC32 first, then the body between the format version and the CRC32. */
    private static Parts readUnframed(byte[] bytes, int holdoutCapacity) {
        if (bytes.length < 10) {
            throw new ModelFormatException(
                    "The " + WHAT + " of format version 1 has " + bytes.length + " bytes; it is truncated.");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes).getInt(bytes.length - 4);
        if (stored != (int) crc.getValue()) {
            throw new ModelFormatException(
                    "The " + WHAT + " of format version 1 fails its CRC32 check; it is corrupt.");
        }
        ByteArrayInputStream body = new ByteArrayInputStream(bytes, 6, bytes.length - 10);
        try {
            Parts parts = readBody(new DataInputStream(body), holdoutCapacity, false);
            if (body.available() != 0) {
                throw new ModelFormatException("The " + WHAT + " of format version 1 has " + body.available()
                        + " unread bytes after its last field.");
            }
            return parts;
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFormatException(
                    "The " + WHAT + " of format version 1 is truncated or inconsistent: " + e.getMessage(), e);
        }
    }
}
