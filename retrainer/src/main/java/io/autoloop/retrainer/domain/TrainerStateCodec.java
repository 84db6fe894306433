package io.autoloop.retrainer.domain;

import io.autoloop.learner.CheckpointCodec;
import io.autoloop.learner.ModelFormatException;
import io.autoloop.learner.TrainerCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Turns the complete state of a {@link Trainer} into the bytes of its Redis checkpoint and back: the learner's
 * {@link TrainerCheckpoint} (FTRL state, progressive validation, consumed offsets, last version) plus what only the
 * retrainer keeps (version history, record counters, holdout window).
 *
 * <p>Layout (big-endian, strings as {@link DataOutput#writeUTF}):
 *
 * <pre>
 * magic "ALRT" | u16 format version 1
 * | i32 length | learner checkpoint ({@link CheckpointCodec})
 * | bool [last published spec fingerprint] | bool [last announced version]
 * | i64 records consumed | i64 skipped without consent | i64 malformed | i64 samples seen at the last candidate
 * | holdout window: i32 capacity | bool [champion version] | i32 size
 *                   | size × (u8 label | f64 weight | f64 learner p | f64 champion p | i32 n | n × (i32 index | f64 x))
 * | u32 CRC32 of all preceding bytes
 * </pre>
 */
public final class TrainerStateCodec {

    /** The first four bytes of every retrainer checkpoint. */
    public static final String MAGIC = "ALRT";

    /** The format version this codec writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private TrainerStateCodec() {}

    /** The parts of a checkpoint, as read; {@link Trainer#restore} assembles a trainer from them. */
    record Parts(
            TrainerCheckpoint learner,
            String lastSpecFingerprint,
            String announcedVersion,
            long recordsConsumed,
            long skippedNoConsent,
            long malformed,
            long samplesAtLastAttempt,
            HoldoutWindow window) {}

    static byte[] write(Parts parts) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            out.writeShort(FORMAT_VERSION);
            byte[] learner = CheckpointCodec.write(parts.learner());
            out.writeInt(learner.length);
            out.write(learner);
            writeOptionalText(out, parts.lastSpecFingerprint());
            writeOptionalText(out, parts.announcedVersion());
            out.writeLong(parts.recordsConsumed());
            out.writeLong(parts.skippedNoConsent());
            out.writeLong(parts.malformed());
            out.writeLong(parts.samplesAtLastAttempt());
            parts.window().writeTo(out);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the retrainer checkpoint in memory.", e);
        }
    }

    /**
     * Reads the parts of a checkpoint, with a holdout window of {@code holdoutCapacity}.
     *
     * @throws ModelFormatException if the bytes are truncated, corrupt or of another format
     */
    static Parts read(byte[] bytes, int holdoutCapacity) {
        if (bytes.length < 10) {
            throw new ModelFormatException(
                    "The retrainer checkpoint has " + bytes.length + " bytes; it is truncated or not a checkpoint.");
        }
        String magic = new String(bytes, 0, 4, StandardCharsets.US_ASCII);
        if (!MAGIC.equals(magic)) {
            throw new ModelFormatException(
                    "The retrainer checkpoint starts with '" + magic + "' instead of '" + MAGIC + "'.");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new ModelFormatException("The retrainer checkpoint fails its CRC32 check; it is corrupt.");
        }
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 4, bytes.length - 8));
            int version = in.readUnsignedShort();
            if (version != FORMAT_VERSION) {
                throw new ModelFormatException("The retrainer checkpoint has format version " + version
                        + "; this build reads version " + FORMAT_VERSION + ".");
            }
            byte[] learner = new byte[in.readInt()];
            in.readFully(learner);
            TrainerCheckpoint checkpoint = CheckpointCodec.read(learner);
            return new Parts(
                    checkpoint,
                    readOptionalText(in),
                    readOptionalText(in),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    HoldoutWindow.readFrom(in, holdoutCapacity));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelFormatException format) {
                throw format;
            }
            throw new ModelFormatException(
                    "The retrainer checkpoint is truncated or inconsistent: " + e.getMessage(), e);
        }
    }

    static void writeOptionalText(DataOutput out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    static String readOptionalText(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
