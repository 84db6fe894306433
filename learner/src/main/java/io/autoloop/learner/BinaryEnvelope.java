package io.autoloop.learner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The frame of every binary format of Autoloop (models, learner checkpoints, the retrainer's checkpoint), and the
 * fields they share: wraps a body written by a codec into
 * {@code magic(4) | format version(u16) | body length(u32) | body | CRC32(u32)} and checks all of it on the way back.
 * All numbers are big-endian; the CRC32 covers every byte before it.
 */
public final class BinaryEnvelope {

    static final int HEADER_BYTES = 10;
    static final int TRAILER_BYTES = 4;

    private BinaryEnvelope() {}

    /** Writes one body. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(DataOutput out) throws IOException;
    }

    /** Reads one body. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(DataInput in) throws IOException;
    }

    /**
     * The frame of the body {@code body} writes.
     *
     * @param magic four ASCII characters that name the format
     */
    public static byte[] seal(String magic, int formatVersion, BodyWriter body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(magic.getBytes(StandardCharsets.US_ASCII));
            out.writeShort(formatVersion);
            out.writeInt(0);
            body.write(out);
            out.flush();
            byte[] frame = new byte[bytes.size() + TRAILER_BYTES];
            System.arraycopy(bytes.toByteArray(), 0, frame, 0, bytes.size());
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            buffer.putInt(6, frame.length - HEADER_BYTES - TRAILER_BYTES);
            CRC32 crc = new CRC32();
            crc.update(frame, 0, frame.length - TRAILER_BYTES);
            buffer.putInt(frame.length - TRAILER_BYTES, (int) crc.getValue());
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed.", e);
        }
    }

    /**
     * The value {@code body} reads from the body of {@code frame}, which must be one whole body.
     *
     * @param what what the bytes hold, for the messages, for example {@code "model"}
     * @throws ModelFormatException naming the check that failed: length, magic, format version, declared body length,
     *     CRC32, a field the body reader refuses, or bytes left after the body
     */
    public static <T> T open(byte[] frame, String magic, int formatVersion, String what, BodyReader<T> body) {
        if (frame.length < HEADER_BYTES + TRAILER_BYTES) {
            throw new ModelFormatException("The " + what + " is truncated: " + frame.length + " bytes, fewer than the "
                    + (HEADER_BYTES + TRAILER_BYTES) + " of an empty frame.");
        }
        String found = new String(frame, 0, 4, StandardCharsets.ISO_8859_1);
        if (!found.equals(magic)) {
            throw new ModelFormatException(
                    "These bytes are not a " + what + ": they start with '" + found + "' instead of '" + magic + "'.");
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int version = buffer.getShort(4) & 0xFFFF;
        if (version != formatVersion) {
            throw new ModelFormatException("The " + what + " has format version " + version
                    + ", but this reader only reads version " + formatVersion + ".");
        }
        long declared = buffer.getInt(6) & 0xFFFFFFFFL;
        long present = frame.length - HEADER_BYTES - TRAILER_BYTES;
        if (declared != present) {
            throw new ModelFormatException("The " + what + " is truncated or corrupt: its header declares " + declared
                    + " body bytes but " + present + " are present.");
        }
        CRC32 crc = new CRC32();
        crc.update(frame, 0, frame.length - TRAILER_BYTES);
        int stored = buffer.getInt(frame.length - TRAILER_BYTES);
        if (stored != (int) crc.getValue()) {
            throw new ModelFormatException(String.format(
                    "The %s is corrupt: its CRC32 is %08x but the bytes hash to %08x.", what, stored, crc.getValue()));
        }
        ByteArrayInputStream bytes = new ByteArrayInputStream(frame, HEADER_BYTES, (int) present);
        try {
            T value = body.read(new DataInputStream(bytes));
            if (bytes.available() != 0) {
                throw new ModelFormatException(
                        "The " + what + " has " + bytes.available() + " unread bytes after its last field.");
            }
            return value;
        } catch (EOFException e) {
            throw new ModelFormatException("The " + what + " is corrupt: its body ends before its last field.", e);
        } catch (IOException | IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new ModelFormatException("The " + what + " holds an invalid field: " + e.getMessage(), e);
        }
    }

    /** Writes a string that may be null: a flag, then the string if there is one. */
    public static void writeOptionalText(DataOutput out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    /** Reads a string written by {@link #writeOptionalText}. */
    public static String readOptionalText(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeInstant(DataOutput out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    static Instant readInstant(DataInput in) throws IOException {
        long seconds = in.readLong();
        return Instant.ofEpochSecond(seconds, in.readInt());
    }

    static void writeSpec(DataOutput out, FeatureSpec spec) throws IOException {
        out.writeByte(spec.bits());
        out.writeInt(spec.hashSeed());
        out.writeShort(spec.crosses().size());
        for (Cross cross : spec.crosses()) {
            out.writeUTF(cross.left());
            out.writeUTF(cross.right());
        }
        out.writeUTF(spec.fingerprint());
    }

    static FeatureSpec readSpec(DataInput in, String what) throws IOException {
        int bits = in.readUnsignedByte();
        int seed = in.readInt();
        int count = in.readUnsignedShort();
        List<Cross> crosses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            crosses.add(new Cross(in.readUTF(), in.readUTF()));
        }
        FeatureSpec spec = new FeatureSpec(bits, seed, crosses);
        String fingerprint = in.readUTF();
        if (!fingerprint.equals(spec.fingerprint())) {
            throw new ModelFormatException("The " + what + " was hashed with feature spec " + fingerprint
                    + ", but this learner computes " + spec.fingerprint() + " for " + spec.canonical()
                    + ": the hashing scheme changed, so it must be retrained.");
        }
        return spec;
    }

    static void writeParameters(DataOutput out, FtrlParameters parameters) throws IOException {
        out.writeDouble(parameters.alpha());
        out.writeDouble(parameters.beta());
        out.writeDouble(parameters.l1());
        out.writeDouble(parameters.l2());
    }

    static FtrlParameters readParameters(DataInput in) throws IOException {
        return new FtrlParameters(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
    }

    static void writeOffsets(DataOutput out, Map<String, Long> offsets) throws IOException {
        out.writeInt(offsets.size());
        for (Map.Entry<String, Long> offset : offsets.entrySet()) {
            out.writeUTF(offset.getKey());
            out.writeLong(offset.getValue());
        }
    }

    static Map<String, Long> readOffsets(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new ModelFormatException("The offsets count " + count + " is negative.");
        }
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            offsets.put(in.readUTF(), in.readLong());
        }
        return offsets;
    }

    /** Writes a non-negative int in 1 to 5 bytes, 7 bits per byte, low bits first. */
    static void writeVarint(DataOutput out, int value) throws IOException {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.writeByte((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }

    static int readVarint(DataInput in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ModelFormatException("A variable-length integer runs over 5 bytes.");
    }

    /**
     * Reads the next coordinate of an ascending list written as deltas from the previous one (from -1 for the
     * first), checking that it ascends and stays below {@code dimension}.
     */
    static int nextIndex(DataInput in, int previous, int dimension, String what) throws IOException {
        int delta = readVarint(in);
        long index = (long) previous + delta;
        if (delta <= 0 || index >= dimension) {
            throw new ModelFormatException("The " + what + " lists coordinate " + index + " after " + previous
                    + "; coordinates must ascend and stay below " + dimension + ".");
        }
        return (int) index;
    }

    /** Writes the next coordinate of an ascending list as its delta from the previous one (-1 for the first). */
    static void writeIndex(DataOutput out, int previous, int index) throws IOException {
        writeVarint(out, index - previous);
    }
}
