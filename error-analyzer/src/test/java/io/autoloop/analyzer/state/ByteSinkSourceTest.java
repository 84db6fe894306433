package io.autoloop.analyzer.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteSinkSourceTest {

    private static final List<String> TEXTS =
            List.of("", "ascii", "with\0nul", "grüße", "€ sign", "emoji 😀", "ü".repeat(300));

    @Test
    void writesExactlyWhatDataOutputStreamWrites() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            writeAll(out);
        }
        ByteSink sink = new ByteSink(1);
        writeAll(sink);

        assertThat(sink.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void readsBackWhatWasWrittenAsDataInputStreamDoes() throws IOException {
        ByteSink sink = new ByteSink(1);
        writeAll(sink);
        sink.writeString("long text ü".repeat(10_000));
        ByteSource source = new ByteSource(sink.toByteArray());
        DataInputStream reference = new DataInputStream(new ByteArrayInputStream(sink.toByteArray()));

        assertThat(source.readBoolean()).isEqualTo(reference.readBoolean()).isTrue();
        assertThat(source.readByte()).isEqualTo(reference.readByte()).isEqualTo((byte) -7);
        assertThat(source.readShort()).isEqualTo(reference.readShort()).isEqualTo((short) -300);
        assertThat(source.readUnsignedShort())
                .isEqualTo(reference.readUnsignedShort())
                .isEqualTo(65_000);
        assertThat(source.readInt()).isEqualTo(reference.readInt()).isEqualTo(Integer.MIN_VALUE + 3);
        assertThat(source.readLong()).isEqualTo(reference.readLong()).isEqualTo(-1234567890123456789L);
        assertThat(source.readDouble()).isEqualTo(reference.readDouble()).isEqualTo(Math.PI);
        assertThat(source.readFloat()).isEqualTo(reference.readFloat()).isEqualTo(-0.5f);
        for (String text : TEXTS) {
            assertThat(source.readUTF()).isEqualTo(reference.readUTF()).isEqualTo(text);
        }
        assertThat(source.readString()).isEqualTo("long text ü".repeat(10_000));
        assertThatThrownBy(source::readByte).isInstanceOf(EOFException.class);
    }

    @Test
    void refusesTextTooLongForModifiedUtf8() {
        assertThatThrownBy(() -> new ByteSink(16).writeUTF("x".repeat(70_000)))
                .isInstanceOf(UTFDataFormatException.class)
                .hasMessage("A string of 70000 encoded bytes is too long to store.");
    }

    private static void writeAll(DataOutput out) throws IOException {
        out.writeBoolean(true);
        out.writeByte(-7);
        out.writeShort(-300);
        out.writeShort(65_000);
        out.writeInt(Integer.MIN_VALUE + 3);
        out.writeLong(-1234567890123456789L);
        out.writeDouble(Math.PI);
        out.writeFloat(-0.5f);
        for (String text : TEXTS) {
            out.writeUTF(text);
        }
    }
}
