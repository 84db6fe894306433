package io.autoloop.analyzer.state;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a byte array like a {@link java.io.DataInputStream} reads what {@link ByteSink} (or a
 * {@link java.io.DataOutputStream}) wrote, without its per-call locking and stream layers.
 */
final class ByteSource implements DataInput {

    private final byte[] bytes;
    private int position;

    ByteSource(byte[] bytes) {
        this.bytes = bytes;
    }

    private int take(int count) throws EOFException {
        if (count < 0 || position + count > bytes.length) {
            throw new EOFException("The stored value ends after " + bytes.length + " bytes, before its last field.");
        }
        int at = position;
        position += count;
        return at;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        System.arraycopy(bytes, take(len), b, off, len);
    }

    @Override
    public int skipBytes(int n) {
        int skipped = Math.max(0, Math.min(n, bytes.length - position));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    @Override
    public byte readByte() throws IOException {
        return bytes[take(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return readByte() & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
        return (short) readUnsignedShort();
    }

    @Override
    public int readUnsignedShort() throws IOException {
        int at = take(2);
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    @Override
    public char readChar() throws IOException {
        return (char) readUnsignedShort();
    }

    @Override
    public int readInt() throws IOException {
        int at = take(4);
        return ((bytes[at] & 0xFF) << 24)
                | ((bytes[at + 1] & 0xFF) << 16)
                | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    @Override
    public long readLong() throws IOException {
        int at = take(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[at + i] & 0xFF);
        }
        return value;
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /** Not used by any stored format: they hold no line-terminated text. */
    @Override
    public String readLine() {
        throw new UnsupportedOperationException("Stored values hold no lines of text.");
    }

    /** What {@link ByteSink#writeString} wrote. */
    String readString() throws IOException {
        int length = readInt();
        return new String(bytes, take(length), length, StandardCharsets.UTF_8);
    }

    /** What {@link java.io.DataInputStream#readUTF} reads; ASCII, the common case, without decoding. */
    @Override
    public String readUTF() throws IOException {
        int start = position;
        int length = readUnsignedShort();
        int at = take(length);
        for (int i = at; i < at + length; i++) {
            if (bytes[i] <= 0) {
                return DataInputStream.readUTF(new DataInputStream(new ByteArrayInputStream(bytes, start, 2 + length)));
            }
        }
        return new String(bytes, at, length, StandardCharsets.ISO_8859_1);
    }
}
