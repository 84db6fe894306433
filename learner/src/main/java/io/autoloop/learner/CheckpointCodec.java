package io.autoloop.learner;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/**
 * Turns a {@link TrainerCheckpoint} into versioned, checksummed bytes and back, bit-exact: a learner resumed from
 * {@code read(write(c))} and trained on goes through exactly the states the original would have.
 *
 * <p>Layout (format version {@value #FORMAT_VERSION}, same frame as {@link ModelCodec}):
 *
 * <pre>
 * magic "ALCK" | u16 format version | u32 body length | body | u32 CRC32 of all preceding bytes
 * body:
 *   name | bool has last version [last version] | i64 created-at epoch second | i32 nanos
 *   u8 bits | i32 hash seed | u16 crosses, each: left | right | spec fingerprint
 *   f64 alpha | f64 beta | f64 l1 | f64 l2 | i64 samples seen
 *   i32 offsets, each: partition | i64 offset
 *   i32 coordinates, each: varint coordinate delta (from -1, ascending) | f64 z | f64 n
 *   validation: i32 window | i64 samples | f64 weight, loss, predicted, observed
 *               | 10 × (f64 weight, predicted, observed) | i32 head | i32 filled
 *               | filled × (f64 score | u8 label | f64 weight)
 * </pre>
 *
 * Only coordinates with state (z or n non-zero) are written. Writing scans the 2^bits coordinates once (a few
 * milliseconds at 22 bits).
 */
public final class CheckpointCodec {

    /** The first four bytes of every checkpoint. */
    public static final String MAGIC = "ALCK";

    /** The format version this codec writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String WHAT = "trainer checkpoint";

    private CheckpointCodec() {}

    /** The bytes of {@code checkpoint}. */
    public static byte[] write(TrainerCheckpoint checkpoint) {
        return BinaryEnvelope.seal(MAGIC, FORMAT_VERSION, out -> writeBody(checkpoint, out));
    }

    /** Writes the bytes of {@code checkpoint} to {@code out}, leaving it open. */
    public static void write(TrainerCheckpoint checkpoint, OutputStream out) throws IOException {
        out.write(write(checkpoint));
    }

    /**
     * The checkpoint held by {@code bytes}, with a fresh learner and validation.
     *
     * @throws ModelFormatException if the bytes are truncated, corrupt, of another format version, or not a
     *     checkpoint
     */
    public static TrainerCheckpoint read(byte[] bytes) {
        return BinaryEnvelope.open(bytes, MAGIC, FORMAT_VERSION, WHAT, CheckpointCodec::readBody);
    }

    /** Reads a checkpoint from the rest of {@code in}; see {@link #read(byte[])}. */
    public static TrainerCheckpoint read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    private static void writeBody(TrainerCheckpoint checkpoint, DataOutput out) throws IOException {
        FtrlLearner learner = checkpoint.learner();
        out.writeUTF(checkpoint.name());
        BinaryEnvelope.writeOptionalText(out, checkpoint.lastVersion());
        BinaryEnvelope.writeInstant(out, checkpoint.createdAt());
        BinaryEnvelope.writeSpec(out, learner.spec());
        BinaryEnvelope.writeParameters(out, learner.parameters());
        out.writeLong(learner.samplesSeen());
        BinaryEnvelope.writeOffsets(out, checkpoint.offsets());
        out.writeInt(learner.stateSize());
        int[] previous = {-1};
        learner.forEachState((index, z, n) -> {
            BinaryEnvelope.writeIndex(out, previous[0], index);
            out.writeDouble(z);
            out.writeDouble(n);
            previous[0] = index;
        });
        checkpoint.validation().writeTo(out);
    }

    private static TrainerCheckpoint readBody(DataInput in) throws IOException {
        String name = in.readUTF();
        String lastVersion = BinaryEnvelope.readOptionalText(in);
        Instant createdAt = BinaryEnvelope.readInstant(in);
        FeatureSpec spec = BinaryEnvelope.readSpec(in, WHAT);
        FtrlParameters parameters = BinaryEnvelope.readParameters(in);
        long samplesSeen = in.readLong();
        Map<String, Long> offsets = BinaryEnvelope.readOffsets(in);
        int count = in.readInt();
        int dimension = spec.dimension();
        if (count < 0 || count > dimension) {
            throw new ModelFormatException("The trainer checkpoint declares " + count + " coordinates, but its "
                    + spec.bits() + "-bit feature spec has " + dimension + ".");
        }
        double[] z = new double[dimension];
        double[] n = new double[dimension];
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int index = BinaryEnvelope.nextIndex(in, previous, dimension, WHAT);
            z[index] = in.readDouble();
            n[index] = in.readDouble();
            previous = index;
        }
        FtrlLearner learner = new FtrlLearner(spec, parameters, z, n, samplesSeen);
        ProgressiveValidation validation = ProgressiveValidation.readFrom(in);
        return new TrainerCheckpoint(name, lastVersion, createdAt, offsets, learner, validation);
    }
}
