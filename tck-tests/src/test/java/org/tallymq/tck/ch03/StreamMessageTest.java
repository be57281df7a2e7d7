package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tallymq.tck.ch03.PropertyConversionTest.Where;

/** StreamMessage (spec 3.11 and the StreamMessage javadoc); its conversion table is in {@link BodyConversionTest}. */
@Timeout(30)
class StreamMessageTest {

    private static void writeEverything(StreamMessage m) throws JMSException {
        m.writeBoolean(false);
        m.writeByte(Byte.MAX_VALUE);
        m.writeShort(Short.MIN_VALUE);
        m.writeChar('\u20ac');
        m.writeInt(Integer.MAX_VALUE);
        m.writeLong(Long.MIN_VALUE);
        m.writeFloat(Float.NEGATIVE_INFINITY);
        m.writeDouble(Double.MIN_VALUE);
        m.writeString("caf\u00e9 \u2603 \uD834\uDD1E");
        m.writeString("");
        m.writeBytes(new byte[] {1, 2, 3});
        m.writeInt(11); // no two byte[] fields in a row here: that case has its own test
        m.writeBytes(new byte[] {0, 1, 2, 3, 4, 5}, 1, 2);
        m.writeInt(12);
        m.writeObject(Boolean.TRUE);
        m.writeObject((byte) 7);
        m.writeObject((short) 300);
        m.writeObject('q');
        m.writeObject(70_000);
        m.writeObject(1L << 40);
        m.writeObject(2.5f);
        m.writeObject(-0.25d);
        m.writeObject("object string");
        m.writeObject(new byte[] {42});
    }

    private static void readEverythingTyped(StreamMessage m) throws JMSException {
        assertFalse(m.readBoolean());
        assertEquals(Byte.MAX_VALUE, m.readByte());
        assertEquals(Short.MIN_VALUE, m.readShort());
        assertEquals('\u20ac', m.readChar());
        assertEquals(Integer.MAX_VALUE, m.readInt());
        assertEquals(Long.MIN_VALUE, m.readLong());
        assertEquals(Float.NEGATIVE_INFINITY, m.readFloat());
        assertEquals(Double.MIN_VALUE, m.readDouble());
        assertEquals("caf\u00e9 \u2603 \uD834\uDD1E", m.readString());
        assertEquals("", m.readString());
        // buffers of exactly the field's size, so each field ends with the -1 call (the short-read
        // rule has its own tests)
        byte[] three = new byte[3];
        assertEquals(3, m.readBytes(three));
        assertArrayEquals(new byte[] {1, 2, 3}, three);
        assertEquals(-1, m.readBytes(three));
        assertEquals(11, m.readInt());
        byte[] two = new byte[2];
        assertEquals(2, m.readBytes(two), "writeBytes(value, offset, length) is one field");
        assertArrayEquals(new byte[] {1, 2}, two);
        assertEquals(-1, m.readBytes(two));
        assertEquals(12, m.readInt());
        assertTrue(m.readBoolean());
        assertEquals(7, m.readByte());
        assertEquals(300, m.readShort());
        assertEquals('q', m.readChar());
        assertEquals(70_000, m.readInt());
        assertEquals(1L << 40, m.readLong());
        assertEquals(2.5f, m.readFloat());
        assertEquals(-0.25d, m.readDouble());
        assertEquals("object string", m.readString());
        byte[] one = new byte[1];
        assertEquals(1, m.readBytes(one));
        assertEquals(42, one[0]);
        assertEquals(-1, m.readBytes(one));
        assertThrows(MessageEOFException.class, m::readObject, "end of the stream");
    }

    private static void readEverythingAsObjects(StreamMessage m) throws JMSException {
        assertEquals(Boolean.FALSE, m.readObject());
        assertEquals(Byte.MAX_VALUE, m.readObject());
        assertEquals(Short.MIN_VALUE, m.readObject());
        assertEquals('\u20ac', m.readObject());
        assertEquals(Integer.MAX_VALUE, m.readObject());
        assertEquals(Long.MIN_VALUE, m.readObject());
        assertEquals(Float.NEGATIVE_INFINITY, m.readObject());
        assertEquals(Double.MIN_VALUE, m.readObject());
        assertEquals("caf\u00e9 \u2603 \uD834\uDD1E", m.readObject());
        assertEquals("", m.readObject());
        assertArrayEquals(new byte[] {1, 2, 3}, assertInstanceOf(byte[].class, m.readObject()),
                "byte fields are returned as byte[]");
        assertEquals(11, m.readObject());
        assertArrayEquals(new byte[] {1, 2}, assertInstanceOf(byte[].class, m.readObject()));
        assertEquals(12, m.readObject());
        assertEquals(Boolean.TRUE, m.readObject());
        assertEquals((byte) 7, m.readObject());
        assertEquals((short) 300, m.readObject());
        assertEquals('q', m.readObject());
        assertEquals(70_000, m.readObject());
        assertEquals(1L << 40, m.readObject());
        assertEquals(2.5f, m.readObject());
        assertEquals(-0.25d, m.readObject());
        assertEquals("object string", m.readObject());
        assertArrayEquals(new byte[] {42}, assertInstanceOf(byte[].class, m.readObject()));
        assertThrows(MessageEOFException.class, m::readObject);
    }

    @Test
    @DisplayName("3.11 StreamMessage: every type round-trips through the provider with its typed read")
    void typedRoundTrip() throws Exception {
        readEverythingTyped(QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            writeEverything(message);
            return message;
        }));
    }

    @Test
    @DisplayName("3.11 StreamMessage: readObject returns each field in its written type (byte[] for bytes)")
    void objectRoundTrip() throws Exception {
        readEverythingAsObjects(QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            writeEverything(message);
            return message;
        }));
    }

    @Test
    @DisplayName("3.11 StreamMessage: a created message reads back after reset, and again after another reset")
    void createdAfterReset() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            StreamMessage message = link.session.createStreamMessage();
            writeEverything(message);
            message.reset();
            readEverythingTyped(message);
            message.reset();
            readEverythingAsObjects(message);
        }
    }

    @Test
    @DisplayName("3.11 StreamMessage.readBytes: a field is read in buffer-sized parts; a part equal to the buffer needs one more call, which returns -1")
    void readBytesInParts() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeBytes(new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
            message.writeBytes(new byte[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
            message.writeInt(5);
            return message;
        });
        byte[] buffer = new byte[4];
        assertEquals(4, received.readBytes(buffer));
        assertArrayEquals(new byte[] {0, 1, 2, 3}, buffer);
        assertEquals(4, received.readBytes(buffer));
        assertArrayEquals(new byte[] {4, 5, 6, 7}, buffer);
        assertEquals(-1, received.readBytes(buffer), "end of the first field");

        assertEquals(4, received.readBytes(buffer), "consecutive byte[] fields stay distinct");
        assertArrayEquals(new byte[] {10, 11, 12, 13}, buffer);
        assertEquals(4, received.readBytes(buffer));
        assertEquals(2, received.readBytes(buffer), "less than the buffer: the field is done");
        assertEquals(18, buffer[0]);
        assertEquals(19, buffer[1]);
        assertEquals(5, received.readInt(), "the next field follows");
    }

    @Test
    @DisplayName("3.11 StreamMessage: after readBytes returned less than the buffer, the next readBytes reads the next byte[] field")
    void consecutiveBytesFieldsAfterShortRead() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeBytes(new byte[] {1, 2, 3});
            message.writeBytes(new byte[] {4, 5});
            return message;
        });
        byte[] buffer = new byte[8];
        assertEquals(3, received.readBytes(buffer), "less than the buffer: the whole first field");
        assertEquals(2, received.readBytes(buffer), "\"readBytes should be successively called until it returns a value"
                + " less than the length of the read buffer\": the first field is done, this is the second");
        assertArrayEquals(new byte[] {4, 5}, Arrays.copyOf(buffer, 2));
    }

    @Test
    @DisplayName("3.11 StreamMessage: an empty byte[] field reads as 0 with readBytes (and the next field follows), as an empty array with readObject")
    void emptyBytesField() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeBytes(new byte[0]);
            message.writeInt(3);
            message.writeBytes(new byte[0]);
            return message;
        });
        assertEquals(0, received.readBytes(new byte[4]), "\"If the byte array field value is empty, readBytes returns 0\"");
        assertEquals(3, received.readInt());
        assertArrayEquals(new byte[0], assertInstanceOf(byte[].class, received.readObject()));
    }

    @Test
    @DisplayName("3.11 StreamMessage: reading another field before a byte[] field is fully read throws MessageFormatException")
    void partlyReadBytesField() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeBytes(new byte[] {1, 2, 3, 4, 5, 6});
            message.writeInt(5);
            return message;
        });
        byte[] buffer = new byte[4];
        assertEquals(4, received.readBytes(buffer));
        assertThrows(MessageFormatException.class, received::readInt, "readInt in the middle of a byte[] field");
        assertThrows(MessageFormatException.class, received::readObject, "readObject in the middle of a byte[] field");
        assertEquals(2, received.readBytes(buffer), "the rest of the field");
        assertEquals(5, received.readInt());
    }

    @Test
    @DisplayName("3.11 StreamMessage.readBytes on a null byte[] field returns -1")
    void nullBytesField() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeObject(null);
            return message;
        });
        assertEquals(-1, received.readBytes(new byte[4]));
    }

    static Stream<Arguments> nullFieldReads() {
        return Stream.of(
                Arguments.of(BodyKind.BOOLEAN, false, null),
                Arguments.of(BodyKind.STRING, null, null),
                Arguments.of(BodyKind.BYTE, null, NumberFormatException.class),
                Arguments.of(BodyKind.SHORT, null, NumberFormatException.class),
                Arguments.of(BodyKind.INT, null, NumberFormatException.class),
                Arguments.of(BodyKind.LONG, null, NumberFormatException.class),
                Arguments.of(BodyKind.FLOAT, null, NullPointerException.class),
                Arguments.of(BodyKind.DOUBLE, null, NullPointerException.class),
                Arguments.of(BodyKind.CHAR, null, NullPointerException.class));
    }

    @ParameterizedTest(name = "3.11.3 a null field read with {0}")
    @MethodSource("nullFieldReads")
    @DisplayName("3.11.3 reading a null field as a primitive is valueOf(null): boolean false, numerics NumberFormatException or NullPointerException, char NullPointerException")
    void nullField(BodyKind kind, Object expected, Class<? extends Throwable> failure) throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeString(null);
            message.writeInt(1);
            return message;
        });
        if (failure == null) {
            assertEquals(expected, kind.read(received));
            assertEquals(1, received.readInt(), "the null field was consumed");
        } else {
            assertThrows(failure, () -> kind.read(received));
        }
    }

    @Test
    @DisplayName("3.11.3 a null field read with readObject is null, and a refused NumberFormatException read leaves it in place")
    void nullFieldAsObject() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeObject(null);
            return message;
        });
        assertThrows(NumberFormatException.class, received::readInt);
        assertNull(received.readObject(), "the same null field, read as an object");
        assertThrows(MessageEOFException.class, received::readObject);
    }

    @Test
    @DisplayName("3.11.3 a failed conversion does not move the read position: a correct read of the same field follows")
    void failedConversionThenCorrectRead() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeString("abc");
            message.writeBoolean(true);
            message.writeBytes(new byte[] {1});
            message.writeChar('z');
            message.writeLong(9L);
            return message;
        });
        assertThrows(NumberFormatException.class, received::readInt, "\"abc\" as int");
        assertThrows(MessageFormatException.class, received::readChar, "String as char");
        assertEquals("abc", received.readString());
        assertThrows(MessageFormatException.class, received::readInt, "boolean as int");
        assertTrue(received.readBoolean());
        assertThrows(MessageFormatException.class, received::readString, "byte[] as String");
        assertEquals(1, received.readBytes(new byte[4]));
        assertThrows(MessageFormatException.class, received::readLong, "char as long");
        assertEquals("z", received.readString(), "char as String is allowed");
        assertThrows(MessageFormatException.class, received::readInt, "long as int");
        assertEquals(9L, received.readLong());
    }

    @Test
    @DisplayName("3.11 StreamMessage: every read past the last field throws MessageEOFException")
    void endOfStream() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeInt(1);
            return message;
        });
        assertEquals(1, received.readInt());
        List<Executable> reads = List.of(received::readBoolean, received::readByte, received::readShort,
                received::readChar, received::readInt, received::readLong, received::readFloat, received::readDouble,
                received::readString, received::readObject, () -> received.readBytes(new byte[2]));
        for (Executable read : reads) {
            assertThrows(MessageEOFException.class, read);
        }
    }

    @Test
    @DisplayName("3.11 StreamMessage: an empty received stream throws MessageEOFException on the first read")
    void emptyStream() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> session.createStreamMessage());
        assertThrows(MessageEOFException.class, received::readObject);
    }

    static Stream<Arguments> unsupportedObjects() {
        return Stream.of(Arguments.of(new Object()), Arguments.of(new ArrayList<>(List.of(1))),
                Arguments.of(new BigDecimal("2.5")), Arguments.of((Object) new int[] {1}));
    }

    @ParameterizedTest(name = "3.11 StreamMessage.writeObject with a {0} throws MessageFormatException")
    @MethodSource("unsupportedObjects")
    @DisplayName("3.11 StreamMessage.writeObject accepts only objectified primitives, String and byte[]")
    void writeObjectRejectsOtherClasses(Object value) throws Exception {
        try (QueueLink link = QueueLink.open()) {
            StreamMessage message = link.session.createStreamMessage();
            assertThrows(MessageFormatException.class, () -> message.writeObject(value), () -> value.getClass().getName());
            message.writeInt(4);
            message.reset();
            assertEquals(4, message.readInt(), "the refused write added no field");
        }
    }

    @Test
    @DisplayName("3.11 StreamMessage is write-only until reset (MessageNotReadableException), read-only after (MessageNotWriteableException)")
    void modes() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            StreamMessage message = link.session.createStreamMessage();
            message.writeInt(1);
            assertThrows(MessageNotReadableException.class, message::readInt);
            assertThrows(MessageNotReadableException.class, message::readObject);
            message.reset();
            assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2));
            assertEquals(1, message.readInt());
        }
    }

    @ParameterizedTest(name = "3.11.2 write{0} on a received StreamMessage throws MessageNotWriteableException")
    @EnumSource(BodyKind.class)
    @DisplayName("3.11.2 a received StreamMessage is read-only")
    void receivedIsReadOnly(BodyKind kind) throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeInt(8);
            return message;
        });
        assertThrows(MessageNotWriteableException.class, () -> kind.write(received, kind.sample()));
        assertThrows(MessageNotWriteableException.class, () -> received.writeObject(kind.sample()), "writeObject");
        assertEquals(8, received.readInt(), "readable without reset and unchanged");
    }

    @Test
    @DisplayName("3.11.1 clearBody on a received StreamMessage empties it and makes it write-only")
    void clearBodyOfReceived() throws Exception {
        StreamMessage received = QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            message.writeInt(8);
            return message;
        });
        received.clearBody();
        assertThrows(MessageNotReadableException.class, received::readInt, "write-only after clearBody");
        received.writeString("fresh");
        received.reset();
        assertEquals("fresh", received.readString());
        assertThrows(MessageEOFException.class, received::readObject, "the old field is gone");
    }

    @Test
    @DisplayName("3.12 StreamMessage.writeBytes copies its input; readObject returns a copy")
    void bytesAreCopied() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            byte[] data = {1, 2, 3};
            StreamMessage message = link.session.createStreamMessage();
            message.writeBytes(data);
            data[0] = 100;
            StreamMessage received = link.sendAndReceive(message, StreamMessage.class);
            byte[] read = (byte[]) received.readObject();
            assertArrayEquals(new byte[] {1, 2, 3}, read);
            read[1] = 100;
            received.reset();
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) received.readObject(), "readObject must return a copy");
        }
    }

    @ParameterizedTest(name = "3.11.3 StreamMessage {0}")
    @EnumSource(Where.class)
    @DisplayName("3.11.3 StreamMessage.writeObject(null) writes a null field that readString and readObject return as null")
    void nullObjectField(Where where) throws Exception {
        StreamMessage message = BodyConversionTest.streamWith(where, BodyKind.STRING, null);
        assertNull(message.readString());
        message.reset();
        assertNull(message.readObject());
    }
}
