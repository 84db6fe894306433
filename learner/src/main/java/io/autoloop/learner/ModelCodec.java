package io.autoloop.learner;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/**
 * Turns a {@link ModelSnapshot} into compact, versioned, checksummed bytes and back, such that
 * {@code read(write(m))} scores exactly like {@code m}.
 *
 * <p>Layout (format version {@value #FORMAT_VERSION}, big-endian, strings as {@link DataOutput#writeUTF}):
 *
 * <pre>
 * magic "ALMD" | u16 format version | u32 body length | body | u32 CRC32 of all preceding bytes
 * body:
 *   name | version | bool has parent [parent] | i64 created-at epoch second | i32 nanos
 *   u8 bits | i32 hash seed | u16 crosses, each: left | right | spec fingerprint
 *   f64 alpha | f64 beta | f64 l1 | f64 l2 | i64 samples seen
 *   i32 offsets, each: partition | i64 offset
 *   i32 weights, each: varint coordinate delta (from -1, ascending) | f64 weight
 * </pre>
 *
 * Only non-zero weights are written. A truncated, corrupt or foreign byte array fails with a
 * {@link ModelFormatException} that says which check failed.
 */
public final class ModelCodec {

    /** The first four bytes of every model. */
    public static final String MAGIC = "ALMD";

    /** The format version this codec writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String WHAT = "model";

    private ModelCodec() {}

    /** The bytes of {@code model}. */
    public static byte[] write(ModelSnapshot model) {
        return BinaryEnvelope.seal(MAGIC, FORMAT_VERSION, out -> writeBody(model, out));
    }

    /** Writes the bytes of {@code model} to {@code out}, leaving it open. */
    public static void write(ModelSnapshot model, OutputStream out) throws IOException {
        out.write(write(model));
    }

    /**
     * The model held by {@code bytes}.
     *
     * @throws ModelFormatException if the bytes are truncated, corrupt, of another format version, or not a model
     */
    public static ModelSnapshot read(byte[] bytes) {
        return BinaryEnvelope.open(bytes, MAGIC, FORMAT_VERSION, WHAT, ModelCodec::readBody);
    }

    /** Reads a model from the rest of {@code in}; see {@link #read(byte[])}. */
    public static ModelSnapshot read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    private static void writeBody(ModelSnapshot model, DataOutput out) throws IOException {
        ModelProvenance provenance = model.provenance();
        out.writeUTF(provenance.name());
        out.writeUTF(provenance.version());
        BinaryEnvelope.writeOptionalText(out, provenance.parentVersion());
        BinaryEnvelope.writeInstant(out, provenance.createdAt());
        BinaryEnvelope.writeSpec(out, provenance.featureSpec());
        BinaryEnvelope.writeParameters(out, provenance.hyperParameters());
        out.writeLong(provenance.samplesSeen());
        BinaryEnvelope.writeOffsets(out, provenance.offsets());
        int[] indices = model.sortedIndices();
        out.writeInt(indices.length);
        int previous = -1;
        for (int index : indices) {
            BinaryEnvelope.writeIndex(out, previous, index);
            out.writeDouble(model.weight(index));
            previous = index;
        }
    }

    private static ModelSnapshot readBody(DataInput in) throws IOException {
        String name = in.readUTF();
        String version = in.readUTF();
        String parent = BinaryEnvelope.readOptionalText(in);
        Instant createdAt = BinaryEnvelope.readInstant(in);
        FeatureSpec spec = BinaryEnvelope.readSpec(in, WHAT);
        FtrlParameters parameters = BinaryEnvelope.readParameters(in);
        long samplesSeen = in.readLong();
        Map<String, Long> offsets = BinaryEnvelope.readOffsets(in);
        ModelProvenance provenance =
                new ModelProvenance(name, version, parent, createdAt, spec, parameters, samplesSeen, offsets);
        int count = in.readInt();
        if (count < 0 || count > spec.dimension()) {
            throw new ModelFormatException("The model declares " + count + " weights, but its " + spec.bits()
                    + "-bit feature spec has " + spec.dimension() + " coordinates.");
        }
        int[] indices = new int[count];
        double[] weights = new double[count];
        int previous = -1;
        for (int i = 0; i < count; i++) {
            indices[i] = BinaryEnvelope.nextIndex(in, previous, spec.dimension(), WHAT);
            weights[i] = in.readDouble();
            previous = indices[i];
        }
        return new ModelSnapshot(provenance, new WeightTable(indices, weights));
    }
}
