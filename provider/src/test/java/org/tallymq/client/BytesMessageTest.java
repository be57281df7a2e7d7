package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** BytesMessage: DataOutput/DataInput encodings, partial readBytes, end of body, modes (BytesMessage javadoc). */
class BytesMessageTest {

    private static final String UTF_SAMPLE = "a\u0000é€\uD83D\uDE00\uDC00z"; // NUL, 2-, 3-byte, a pair, a lone surrogate

    @Test
    @DisplayName("BytesMessage javadoc: the bytes written equal those of java.io.DataOutputStream, for values that fill every byte")
    void sameBytesAsDataOutputStream() throws JMSException, IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(expected);
        TallyBytesMessage m = new TallyBytesMessage();

        d.writeBoolean(true);
        m.writeBoolean(true);
        d.writeBoolean(false);
        m.writeBoolean(false);
        d.writeByte(-128);
        m.writeByte((byte) -128);
        d.writeShort(0x8001);
        m.writeShort((short) 0x8001);
        d.writeChar('\uFEFF');
        m.writeChar('\uFEFF');
        d.writeInt(0x80FF7F01);
        m.writeInt(0x80FF7F01);
        d.writeLong(0x0102030405060708L);
        m.writeLong(0x0102030405060708L);
        d.writeLong(Long.MIN_VALUE);
        m.writeLong(Long.MIN_VALUE);
        d.writeFloat(Float.NaN);
        m.writeFloat(Float.NaN);
        d.writeFloat(-0.0f);
        m.writeFloat(-0.0f);
        d.writeDouble(Double.MIN_VALUE);
        m.writeDouble(Double.MIN_VALUE);
        d.writeDouble(Double.NEGATIVE_INFINITY);
        m.writeDouble(Double.NEGATIVE_INFINITY);
        d.writeUTF(UTF_SAMPLE);
        m.writeUTF(UTF_SAMPLE);
        d.writeUTF("");
        m.writeUTF("");
        d.write(new byte[] {9, 8, 7, 6}, 1, 2);
        m.writeBytes(new byte[] {9, 8, 7, 6}, 1, 2);
        d.flush();

        assertArrayEquals(expected.toByteArray(), m.toMessageData().body());
        m.reset();
        assertEquals(expected.size(), m.getBodyLength());
        assertTrue(m.readBoolean());
        assertFalse(m.readBoolean());
        assertEquals(-128, m.readByte());
        assertEquals((short) 0x8001, m.readShort());
        assertEquals('\uFEFF', m.readChar());
        assertEquals(0x80FF7F01, m.readInt());
        assertEquals(0x0102030405060708L, m.readLong());
        assertEquals(Long.MIN_VALUE, m.readLong());
        assertTrue(Float.isNaN(m.readFloat()));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(m.readFloat()));
        assertEquals(Double.MIN_VALUE, m.readDouble());
        assertEquals(Double.NEGATIVE_INFINITY, m.readDouble());
        assertEquals(UTF_SAMPLE, m.readUTF());
        assertEquals("", m.readUTF());
        assertEquals(8, m.readByte());
        assertEquals(7, m.readByte());
        assertEquals(-1, m.readBytes(new byte[1]));
    }

    @Test
    @DisplayName("readUnsignedByte/readUnsignedShort read 0xFF and 0xFFFF as 255 and 65535")
    void unsigned() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        m.writeByte((byte) -1);
        m.writeShort((short) -1);
        m.reset();
        assertEquals(255, m.readUnsignedByte());
        assertEquals(65535, m.readUnsignedShort());
    }

    @Test
    @DisplayName("BytesMessage.readBytes javadoc: a full buffer, then the rest (fewer bytes), then -1")
    void readBytesInPieces() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4, 5});
        m.reset();
        byte[] buf = new byte[2];
        assertEquals(2, m.readBytes(buf));
        assertArrayEquals(new byte[] {1, 2}, buf);
        assertEquals(2, m.readBytes(buf));
        assertArrayEquals(new byte[] {3, 4}, buf);
        assertEquals(1, m.readBytes(buf));
        assertEquals(5, buf[0]);
        assertEquals(-1, m.readBytes(buf));
        assertEquals(-1, m.readBytes(buf), "still -1");
    }

    @Test
    @DisplayName("BytesMessage.readBytes(value, length): reads at most length; IndexOutOfBoundsException for a bad length, nothing read")
    void readBytesWithLength() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        m.writeBytes(new byte[] {1, 2, 3});
        m.reset();
        byte[] buf = new byte[3];
        assertThrows(IndexOutOfBoundsException.class, () -> m.readBytes(buf, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> m.readBytes(buf, -1));
        assertEquals(2, m.readBytes(buf, 2));
        assertArrayEquals(new byte[] {1, 2, 0}, buf);
        assertEquals(0, m.readBytes(buf, 0), "length 0 with data left reads nothing");
        assertEquals(1, m.readBytes(buf, 3));
        assertEquals(-1, m.readBytes(buf, 0), "-1 at the end even for length 0");
    }

    @Test
    @DisplayName("BytesMessage javadoc: reading past the end throws MessageEOFException and leaves the position")
    void endOfBody() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        m.writeShort((short) 0x0102);
        m.writeByte((byte) 3);
        m.reset();
        assertThrows(MessageEOFException.class, m::readInt);
        assertThrows(MessageEOFException.class, m::readLong);
        assertThrows(MessageEOFException.class, m::readDouble);
        assertEquals(0x0102, m.readShort(), "the failed reads did not move the position");
        assertThrows(MessageEOFException.class, m::readShort);
        assertThrows(MessageEOFException.class, m::readChar);
        assertEquals(3, m.readByte());
        assertThrows(MessageEOFException.class, m::readBoolean);
        assertThrows(MessageEOFException.class, m::readByte);
        assertThrows(MessageEOFException.class, m::readUnsignedByte);
        assertThrows(MessageEOFException.class, m::readUTF);
    }

    @Test
    @DisplayName("readUTF: a length past the end throws MessageEOFException; invalid bytes MessageFormatException; position kept")
    void readUtfFailures() throws JMSException {
        TallyBytesMessage cut = new TallyBytesMessage();
        cut.writeShort((short) 10);
        cut.writeByte((byte) 'a');
        cut.reset();
        assertThrows(MessageEOFException.class, cut::readUTF);
        assertEquals(10, cut.readShort());

        TallyBytesMessage bad = new TallyBytesMessage();
        bad.writeShort((short) 2);
        bad.writeByte((byte) 0xC3);
        bad.writeByte((byte) 0x41); // not a continuation byte
        bad.reset();
        assertThrows(MessageFormatException.class, bad::readUTF);
        assertEquals(2, bad.readShort());
    }

    @Test
    @DisplayName("writeUTF of a string longer than 65535 encoded bytes throws MessageFormatException and writes nothing")
    void writeUtfTooLong() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        char[] c = new char[21846];
        Arrays.fill(c, '€'); // 3 bytes each: 65538 bytes
        assertThrows(MessageFormatException.class, () -> m.writeUTF(new String(c)));
        String max = new String(c, 0, 21845); // 65535 bytes: allowed
        m.writeUTF(max);
        m.reset();
        assertEquals(65537, m.getBodyLength());
        assertEquals(max, m.readUTF());
    }

    @Test
    @DisplayName("spec 3.12 / writeObject javadoc: null cannot be written (NullPointerException)")
    void nullsRefused() {
        TallyBytesMessage m = new TallyBytesMessage();
        assertThrows(NullPointerException.class, () -> m.writeObject(null));
        assertThrows(NullPointerException.class, () -> m.writeUTF(null));
        assertThrows(NullPointerException.class, () -> m.writeBytes(null));
        assertThrows(NullPointerException.class, () -> m.writeBytes(null, 0, 0));
    }

    @Test
    @DisplayName("writeBytes(value, offset, length) outside the array throws IndexOutOfBoundsException and writes nothing")
    void writeBytesRange() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        byte[] v = new byte[4];
        assertThrows(IndexOutOfBoundsException.class, () -> m.writeBytes(v, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.writeBytes(v, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.writeBytes(v, 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.writeBytes(v, Integer.MAX_VALUE, 2));
        m.reset();
        assertEquals(0, m.getBodyLength());
    }

    @Test
    @DisplayName("BytesMessage.writeObject: boxed primitives, String and byte[] as their write method; anything else MessageFormatException")
    void writeObject() throws JMSException {
        TallyBytesMessage a = new TallyBytesMessage();
        TallyBytesMessage b = new TallyBytesMessage();
        Object[] values = {true, (byte) 1, (short) 2, 'c', 3, 4L, 5.5f, 6.5d, "s", new byte[] {7}};
        for (Object v : values) {
            a.writeObject(v);
        }
        b.writeBoolean(true);
        b.writeByte((byte) 1);
        b.writeShort((short) 2);
        b.writeChar('c');
        b.writeInt(3);
        b.writeLong(4L);
        b.writeFloat(5.5f);
        b.writeDouble(6.5d);
        b.writeUTF("s");
        b.writeBytes(new byte[] {7});
        assertArrayEquals(b.toMessageData().body(), a.toMessageData().body());
        assertThrows(MessageFormatException.class, () -> a.writeObject(new Object()));
        assertThrows(MessageFormatException.class, () -> a.writeObject(new StringBuilder()));
    }

    @Test
    @DisplayName("BytesMessage javadoc: reset() moves back to the start; getBodyLength is the whole body")
    void resetRepositions() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        m.writeInt(7);
        m.writeInt(8);
        m.reset();
        assertEquals(7, m.readInt());
        m.reset();
        assertEquals(8, m.getBodyLength());
        assertEquals(7, m.readInt());
        assertEquals(8, m.readInt());
    }

    @Test
    @DisplayName("a large body (1 MiB of random bytes plus growth from empty) is kept exactly")
    void largeBody() throws JMSException {
        byte[] big = new byte[1 << 20];
        new Random(42).nextBytes(big);
        TallyBytesMessage m = new TallyBytesMessage();
        for (int i = 0; i < big.length; i += 1000) {
            m.writeBytes(big, i, Math.min(1000, big.length - i));
        }
        m.reset();
        byte[] back = new byte[big.length + 10];
        assertEquals(big.length, m.readBytes(back));
        assertArrayEquals(big, Arrays.copyOf(back, big.length));
    }

    @Test
    @DisplayName("toString is short and does not contain the body")
    void toStringShort() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        m.writeUTF("secret-payload");
        String s = m.toString();
        assertFalse(s.contains("secret"), s);
        assertTrue(s.contains("TallyBytesMessage") && s.length() < 200, s);
    }
}
