package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * BytesMessage (spec 3.11 and the BytesMessage javadoc): the byte encoding of every write method,
 * each write/read pair, readBytes, getBodyLength, reset and the read-only / write-only modes.
 */
@Timeout(30)
class BytesMessageTest {

    /** For round trips: a supplementary character and NUL, where UTF-8 and modified UTF-8 differ. */
    private static final String UNICODE = "h\u00e9llo \u2603 \uD834\uDD1E \u0000 end";

    /**
     * For the byte-exact comparison: writeUTF's javadoc says "UTF-8", readUTF's "modified UTF-8";
     * the two agree on BMP characters other than NUL, so only those are compared byte for byte.
     */
    private static final String PLAIN_UTF = "h\u00e9llo \u2603 \u07ff\u0800\uffee end";

    /** Writes one of everything; {@link #writeExpected} writes the same with DataOutputStream. */
    private static void writeEverything(BytesMessage m, String utf) throws JMSException {
        m.writeBoolean(true);
        m.writeBoolean(false);
        m.writeByte(Byte.MIN_VALUE);
        m.writeByte((byte) -1);
        m.writeShort(Short.MIN_VALUE);
        m.writeShort((short) -1);
        m.writeChar('\u20ac');
        m.writeInt(Integer.MIN_VALUE);
        m.writeLong(Long.MAX_VALUE);
        m.writeFloat(-1.5f);
        m.writeDouble(Double.MIN_VALUE);
        m.writeUTF(utf);
        m.writeUTF("");
        m.writeBytes(new byte[] {9, 8, 7});
        m.writeBytes(new byte[] {0, 1, 2, 3, 4, 5}, 2, 3);
        m.writeObject(Boolean.TRUE);
        m.writeObject((byte) 5);
        m.writeObject((short) 300);
        m.writeObject('c');
        m.writeObject(70_000);
        m.writeObject(1L << 40);
        m.writeObject(2.5f);
        m.writeObject(-0.25d);
        m.writeObject("object string");
        m.writeObject(new byte[] {42, 43});
    }

    private static byte[] writeExpected() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBoolean(true);
        out.writeBoolean(false);
        out.writeByte(Byte.MIN_VALUE);
        out.writeByte(-1);
        out.writeShort(Short.MIN_VALUE);
        out.writeShort(-1);
        out.writeChar('\u20ac');
        out.writeInt(Integer.MIN_VALUE);
        out.writeLong(Long.MAX_VALUE);
        out.writeFloat(-1.5f);
        out.writeDouble(Double.MIN_VALUE);
        out.writeUTF(PLAIN_UTF);
        out.writeUTF("");
        out.write(new byte[] {9, 8, 7});
        out.write(new byte[] {2, 3, 4});
        out.writeBoolean(true);
        out.writeByte(5);
        out.writeShort(300);
        out.writeChar('c');
        out.writeInt(70_000);
        out.writeLong(1L << 40);
        out.writeFloat(2.5f);
        out.writeDouble(-0.25d);
        out.writeUTF("object string");
        out.write(new byte[] {42, 43});
        out.flush();
        return bytes.toByteArray();
    }

    private static void readEverything(BytesMessage m, String utf) throws JMSException {
        assertTrue(m.readBoolean());
        assertFalse(m.readBoolean());
        assertEquals(Byte.MIN_VALUE, m.readByte());
        assertEquals(255, m.readUnsignedByte(), "readUnsignedByte of (byte) -1");
        assertEquals(Short.MIN_VALUE, m.readShort());
        assertEquals(65535, m.readUnsignedShort(), "readUnsignedShort of (short) -1");
        assertEquals('\u20ac', m.readChar());
        assertEquals(Integer.MIN_VALUE, m.readInt());
        assertEquals(Long.MAX_VALUE, m.readLong());
        assertEquals(-1.5f, m.readFloat());
        assertEquals(Double.MIN_VALUE, m.readDouble());
        assertEquals(utf, m.readUTF());
        assertEquals("", m.readUTF());
        byte[] three = new byte[3];
        assertEquals(3, m.readBytes(three));
        assertArrayEquals(new byte[] {9, 8, 7}, three);
        assertEquals(3, m.readBytes(three, 3));
        assertArrayEquals(new byte[] {2, 3, 4}, three, "writeBytes(value, offset, length)");
        assertTrue(m.readBoolean(), "writeObject(Boolean)");
        assertEquals(5, m.readByte(), "writeObject(Byte)");
        assertEquals(300, m.readShort(), "writeObject(Short)");
        assertEquals('c', m.readChar(), "writeObject(Character)");
        assertEquals(70_000, m.readInt(), "writeObject(Integer)");
        assertEquals(1L << 40, m.readLong(), "writeObject(Long)");
        assertEquals(2.5f, m.readFloat(), "writeObject(Float)");
        assertEquals(-0.25d, m.readDouble(), "writeObject(Double)");
        assertEquals("object string", m.readUTF(), "writeObject(String) is writeUTF");
        byte[] two = new byte[2];
        assertEquals(2, m.readBytes(two), "writeObject(byte[])");
        assertArrayEquals(new byte[] {42, 43}, two);
        assertEquals(-1, m.readBytes(two), "end of the body");
    }

    @Test
    @DisplayName("3.11 BytesMessage: every write method encodes as java.io.DataOutputStream does (big-endian, modified UTF-8)")
    void encodingMatchesDataOutputStream() throws Exception {
        byte[] expected = writeExpected();
        BytesMessage received = QueueLink.roundTrip(BytesMessage.class, session -> {
            BytesMessage message = session.createBytesMessage();
            writeEverything(message, PLAIN_UTF);
            return message;
        });
        assertEquals(expected.length, received.getBodyLength(), "getBodyLength");
        byte[] body = new byte[expected.length + 10];
        assertEquals(expected.length, received.readBytes(body));
        assertArrayEquals(expected, Arrays.copyOf(body, expected.length));
    }

    @Test
    @DisplayName("3.11 BytesMessage: every write/read pair round-trips through the provider")
    void everyPairRoundTripsWhenReceived() throws Exception {
        BytesMessage received = QueueLink.roundTrip(BytesMessage.class, session -> {
            BytesMessage message = session.createBytesMessage();
            writeEverything(message, UNICODE);
            return message;
        });
        readEverything(received, UNICODE);
    }

    @Test
    @DisplayName("3.11 BytesMessage: every write/read pair round-trips on the created message after reset")
    void everyPairRoundTripsAfterReset() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            BytesMessage message = link.session.createBytesMessage();
            writeEverything(message, PLAIN_UTF);
            message.reset();
            assertEquals(writeExpected().length, message.getBodyLength());
            readEverything(message, PLAIN_UTF);
            message.reset();
            readEverything(message, PLAIN_UTF); // reset repositions to the beginning again
        }
    }

    @Test
    @DisplayName("3.11 BytesMessage.readBytes fills the buffer, then the rest, then returns -1 at the end")
    void readBytesInIncrements() throws Exception {
        BytesMessage received = QueueLink.roundTrip(BytesMessage.class, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
            return message;
        });
        assertEquals(10, received.getBodyLength());
        byte[] buffer = new byte[4];
        assertEquals(4, received.readBytes(buffer));
        assertArrayEquals(new byte[] {0, 1, 2, 3}, buffer);
        assertEquals(4, received.readBytes(buffer));
        assertArrayEquals(new byte[] {4, 5, 6, 7}, buffer);
        assertEquals(2, received.readBytes(buffer), "fewer bytes than the buffer: the rest");
        assertEquals(8, buffer[0]);
        assertEquals(9, buffer[1]);
        assertEquals(-1, received.readBytes(buffer), "the next read after the end returns -1");
        assertEquals(10, received.getBodyLength(), "getBodyLength does not depend on the read position");
    }

    @Test
    @DisplayName("3.11 BytesMessage.readBytes(value, length) reads at most length; length < 0 or > value.length is IndexOutOfBoundsException and reads nothing")
    void readBytesWithLength() throws Exception {
        BytesMessage received = QueueLink.roundTrip(BytesMessage.class, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(new byte[] {10, 11, 12, 13, 14});
            return message;
        });
        byte[] buffer = new byte[4];
        assertThrows(IndexOutOfBoundsException.class, () -> received.readBytes(buffer, 5), "length > value.length");
        assertThrows(IndexOutOfBoundsException.class, () -> received.readBytes(buffer, -1), "negative length");
        assertEquals(2, received.readBytes(buffer, 2));
        assertEquals(10, buffer[0], "no bytes were read by the refused calls");
        assertEquals(11, buffer[1]);
        assertEquals(3, received.readBytes(buffer, 4));
        assertArrayEquals(new byte[] {12, 13, 14}, Arrays.copyOf(buffer, 3));
        assertEquals(-1, received.readBytes(buffer, 4));
    }

    @Test
    @DisplayName("3.11 BytesMessage: reading past the end throws MessageEOFException for every typed read")
    void endOfBody() throws Exception {
        BytesMessage received = QueueLink.roundTrip(BytesMessage.class, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeShort((short) 7);
            return message;
        });
        assertThrows(MessageEOFException.class, received::readInt, "readInt with 2 bytes left");
        received.reset();
        assertEquals(7, received.readShort());
        List<Executable> reads = List.of(received::readBoolean, received::readByte, received::readUnsignedByte,
                received::readShort, received::readUnsignedShort, received::readChar, received::readInt,
                received::readLong, received::readFloat, received::readDouble, received::readUTF);
        for (Executable read : reads) {
            assertThrows(MessageEOFException.class, read, "a typed read at the end of the body");
        }
        assertEquals(-1, received.readBytes(new byte[1]), "readBytes at the end returns -1, not an exception");
    }

    @Test
    @DisplayName("3.11 BytesMessage with an empty body: length 0, readBytes -1, readByte MessageEOFException")
    void emptyBody() throws Exception {
        BytesMessage received = QueueLink.roundTrip(BytesMessage.class, session -> session.createBytesMessage());
        assertEquals(0, received.getBodyLength());
        assertEquals(-1, received.readBytes(new byte[8]));
        assertThrows(MessageEOFException.class, received::readByte);
    }

    @Test
    @DisplayName("3.11 BytesMessage carries a 1 MiB body intact")
    void largeBody() throws Exception {
        byte[] body = new byte[1 << 20];
        new Random(42).nextBytes(body);
        try (QueueLink link = QueueLink.open()) {
            BytesMessage message = link.session.createBytesMessage();
            message.writeBytes(body);
            BytesMessage received = link.sendAndReceive(message, BytesMessage.class);
            assertEquals(body.length, received.getBodyLength());
            byte[] read = new byte[body.length];
            assertEquals(body.length, received.readBytes(read));
            assertArrayEquals(body, read);
        }
    }

    @Test
    @DisplayName("3.11 BytesMessage is write-only until reset: reads and getBodyLength throw MessageNotReadableException")
    void writeOnlyUntilReset() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            BytesMessage message = link.session.createBytesMessage();
            message.writeInt(1);
            assertThrows(MessageNotReadableException.class, message::readInt);
            assertThrows(MessageNotReadableException.class, message::getBodyLength);
            assertThrows(MessageNotReadableException.class, () -> message.readBytes(new byte[4]));
            message.reset();
            assertEquals(4, message.getBodyLength());
            assertEquals(1, message.readInt());
            assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2), "read-only after reset");
        }
    }

    @Test
    @DisplayName("3.11.2 a received BytesMessage is read-only: every write throws MessageNotWriteableException")
    void receivedIsReadOnly() throws Exception {
        BytesMessage received = QueueLink.roundTrip(BytesMessage.class, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeInt(99);
            return message;
        });
        List<Executable> writes = List.of(() -> received.writeBoolean(true), () -> received.writeByte((byte) 1),
                () -> received.writeShort((short) 1), () -> received.writeChar('c'), () -> received.writeInt(1),
                () -> received.writeLong(1), () -> received.writeFloat(1), () -> received.writeDouble(1),
                () -> received.writeUTF("x"), () -> received.writeBytes(new byte[1]),
                () -> received.writeBytes(new byte[2], 0, 1), () -> received.writeObject(1));
        for (Executable write : writes) {
            assertThrows(MessageNotWriteableException.class, write);
        }
        assertEquals(99, received.readInt(), "readable without reset and unchanged");
    }

    @Test
    @DisplayName("3.11.1 clearBody on a received BytesMessage empties it and makes it write-only")
    void clearBodyOfReceived() throws Exception {
        BytesMessage received = QueueLink.roundTrip(BytesMessage.class, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeInt(99);
            return message;
        });
        received.clearBody();
        assertThrows(MessageNotReadableException.class, received::readInt, "write-only after clearBody");
        received.writeShort((short) 5);
        received.reset();
        assertEquals(2, received.getBodyLength(), "only what was written after clearBody");
        assertEquals(5, received.readShort());
    }

    @Test
    @DisplayName("3.12 BytesMessage.writeObject(null) throws NullPointerException; an unsupported type MessageFormatException")
    void writeObjectRules() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            BytesMessage message = link.session.createBytesMessage();
            assertThrows(NullPointerException.class, () -> message.writeObject(null));
            assertThrows(MessageFormatException.class, () -> message.writeObject(new Object()));
            assertThrows(MessageFormatException.class, () -> message.writeObject(List.of(1)));
            message.writeInt(3);
            message.reset();
            assertEquals(4, message.getBodyLength(), "refused writes add nothing");
        }
    }

    @Test
    @DisplayName("3.12 BytesMessage.writeBytes copies its input: changing the array afterwards changes nothing")
    void writeBytesCopies() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            byte[] data = {1, 2, 3};
            BytesMessage message = link.session.createBytesMessage();
            message.writeBytes(data);
            data[0] = 100;
            BytesMessage received = link.sendAndReceive(message, BytesMessage.class);
            byte[] read = new byte[3];
            assertEquals(3, received.readBytes(read));
            assertArrayEquals(new byte[] {1, 2, 3}, read);
        }
    }
}
