package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MapMessage and StreamMessage beyond the conversion table (see {@link ConversionTableTest}). */
class MapAndStreamMessageTest {

    interface MapSetter {
        void set(TallyMapMessage m, String name) throws JMSException;
    }

    private static final List<MapSetter> MAP_SETTERS = List.of(
            (m, n) -> m.setBoolean(n, true), (m, n) -> m.setByte(n, (byte) 1), (m, n) -> m.setShort(n, (short) 1),
            (m, n) -> m.setChar(n, 'c'), (m, n) -> m.setInt(n, 1), (m, n) -> m.setLong(n, 1L),
            (m, n) -> m.setFloat(n, 1f), (m, n) -> m.setDouble(n, 1d), (m, n) -> m.setString(n, "s"),
            (m, n) -> m.setBytes(n, new byte[1]), (m, n) -> m.setBytes(n, new byte[2], 0, 1),
            (m, n) -> m.setObject(n, 1));

    @Test
    @DisplayName("MapMessage javadoc: a null or empty name throws IllegalArgumentException from every setter")
    void mapNames() throws JMSException {
        for (MapSetter s : MAP_SETTERS) {
            assertThrows(IllegalArgumentException.class, () -> s.set(new TallyMapMessage(), null));
            assertThrows(IllegalArgumentException.class, () -> s.set(new TallyMapMessage(), ""));
            TallyMapMessage m = new TallyMapMessage();
            s.set(m, "any name. not an identifier!");
            assertTrue(m.itemExists("any name. not an identifier!"), "map names need not be identifiers");
        }
    }

    @Test
    @DisplayName("spec 3.12: byte[] values are copied in and out of a MapMessage")
    void mapCopiesBytes() throws JMSException {
        TallyMapMessage m = new TallyMapMessage();
        byte[] a = {1, 2, 3};
        m.setBytes("a", a);
        m.setObject("o", a);
        m.setBytes("part", a, 1, 2);
        a[0] = 99;
        assertArrayEquals(new byte[] {1, 2, 3}, m.getBytes("a"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) m.getObject("o"));
        assertArrayEquals(new byte[] {2, 3}, m.getBytes("part"));
        m.getBytes("a")[0] = 50;
        ((byte[]) m.getObject("o"))[0] = 50;
        assertArrayEquals(new byte[] {1, 2, 3}, m.getBytes("a"));
        assertArrayEquals(new byte[] {1, 2, 3}, m.getBytes("o"));
        assertThrows(IndexOutOfBoundsException.class, () -> m.setBytes("x", a, 2, 2));
        assertThrows(NullPointerException.class, () -> m.setBytes("x", null, 0, 0));
        m.setBytes("n", null);
        assertTrue(m.itemExists("n"));
        assertNull(m.getBytes("n"));
    }

    @Test
    @DisplayName("MapMessage.setObject: other types throw MessageFormatException; getMapNames and itemExists follow the entries")
    void mapObjectsAndNames() throws JMSException {
        TallyMapMessage m = new TallyMapMessage();
        assertThrows(MessageFormatException.class, () -> m.setObject("x", new Object()));
        assertThrows(MessageFormatException.class, () -> m.setObject("x", List.of(1)));
        assertFalse(m.itemExists("x"));
        m.setObject("n", null);
        m.setInt("i", 1);
        m.setInt("i", 2);
        assertEquals(2, m.getInt("i"));
        Set<String> names = new TreeSet<>(Collections.list(m.getMapNames()));
        assertEquals(Set.of("i", "n"), names);
        assertTrue(m.itemExists("n"));
        assertFalse(m.itemExists("nope"));
        assertFalse(m.itemExists(null));
        assertNull(m.getObject("nope"));
        assertNull(m.getString("nope"));
    }

    // ---- StreamMessage --------------------------------------------------------------------------

    private static TallyStreamMessage streamOf(Object... fields) throws JMSException {
        TallyStreamMessage m = new TallyStreamMessage();
        for (Object f : fields) {
            m.writeObject(f);
        }
        m.reset();
        return m;
    }

    @Test
    @DisplayName("StreamMessage.readBytes javadoc: a field longer than the buffer is read in pieces, then -1")
    void readBytesPieces() throws JMSException {
        TallyStreamMessage m = streamOf(new byte[] {1, 2, 3, 4, 5}, "next");
        byte[] buf = new byte[2];
        assertEquals(2, m.readBytes(buf));
        assertArrayEquals(new byte[] {1, 2}, buf);
        assertThrows(MessageFormatException.class, m::readString, "the byte[] field must be finished first");
        assertThrows(MessageFormatException.class, m::readObject, "readObject too");
        assertEquals(2, m.readBytes(buf));
        assertArrayEquals(new byte[] {3, 4}, buf);
        assertEquals(1, m.readBytes(buf), "fewer than the buffer: the field is finished");
        assertEquals(5, buf[0]);
        assertEquals("next", m.readString());
        assertThrows(MessageEOFException.class, () -> m.readBytes(buf));
    }

    @Test
    @DisplayName("StreamMessage.readBytes javadoc: a field exactly the buffer length needs one more call, which returns -1")
    void readBytesExactMultiple() throws JMSException {
        TallyStreamMessage m = streamOf(new byte[] {1, 2, 3, 4}, 9);
        byte[] buf = new byte[2];
        assertEquals(2, m.readBytes(buf));
        assertEquals(2, m.readBytes(buf));
        assertThrows(MessageFormatException.class, m::readInt, "not finished until readBytes returns less than 2");
        assertEquals(-1, m.readBytes(buf));
        assertEquals(9, m.readInt());
    }

    @Test
    @DisplayName("StreamMessage.readBytes javadoc: a null field gives -1, an empty field 0, a short one fits in one call")
    void readBytesNullEmptyShort() throws JMSException {
        TallyStreamMessage m = streamOf(null, new byte[0], new byte[] {7}, 1);
        byte[] buf = new byte[4];
        assertEquals(-1, m.readBytes(buf));
        assertEquals(0, m.readBytes(buf));
        assertEquals(1, m.readBytes(buf));
        assertEquals(7, buf[0]);
        assertEquals(1, m.readInt());
    }

    @Test
    @DisplayName("StreamMessage: readBytes on a field that is not byte[] throws MessageFormatException and keeps the position")
    void readBytesWrongType() throws JMSException {
        TallyStreamMessage m = streamOf("text");
        assertThrows(MessageFormatException.class, () -> m.readBytes(new byte[4]));
        assertEquals("text", m.readString());
    }

    @Test
    @DisplayName("StreamMessage: readObject returns a copy of a byte[] field, and after reset the fields are read again")
    void readObjectCopiesAndReset() throws JMSException {
        byte[] original = {1, 2};
        TallyStreamMessage m = new TallyStreamMessage();
        m.writeBytes(original);
        m.writeBytes(new byte[] {0, 5, 6, 0}, 1, 2);
        original[0] = 9;
        m.reset();
        byte[] first = (byte[]) m.readObject();
        assertArrayEquals(new byte[] {1, 2}, first);
        first[0] = 8;
        assertArrayEquals(new byte[] {5, 6}, (byte[]) m.readObject());
        assertThrows(MessageEOFException.class, m::readObject);
        m.reset();
        assertArrayEquals(new byte[] {1, 2}, (byte[]) m.readObject());
    }

    @Test
    @DisplayName("StreamMessage: consecutive byte[] fields are distinct fields")
    void consecutiveByteFields() throws JMSException {
        TallyStreamMessage m = streamOf(new byte[] {1}, new byte[] {2, 3});
        byte[] buf = new byte[8];
        assertEquals(1, m.readBytes(buf));
        assertEquals(2, m.readBytes(buf));
        assertEquals(3, buf[1]);
    }

    @Test
    @DisplayName("StreamMessage.writeObject: other types throw MessageFormatException; null and byte[] are fields")
    void streamWriteObject() throws JMSException {
        TallyStreamMessage m = new TallyStreamMessage();
        assertThrows(MessageFormatException.class, () -> m.writeObject(new Object()));
        assertThrows(MessageFormatException.class, () -> m.writeObject(new int[1]));
        assertThrows(IndexOutOfBoundsException.class, () -> m.writeBytes(new byte[1], 1, 1));
        assertThrows(NullPointerException.class, () -> m.writeBytes(null, 0, 0));
        m.writeString(null);
        m.writeBytes(null);
        m.reset();
        assertNull(m.readObject());
        assertNull(m.readObject());
        assertThrows(MessageEOFException.class, m::readObject);
    }

    @Test
    @DisplayName("StreamMessage: reading an empty stream throws MessageEOFException for every read")
    void emptyStream() throws JMSException {
        TallyStreamMessage m = streamOf();
        assertThrows(MessageEOFException.class, m::readBoolean);
        assertThrows(MessageEOFException.class, m::readInt);
        assertThrows(MessageEOFException.class, m::readString);
        assertThrows(MessageEOFException.class, () -> m.readBytes(new byte[1]));
        assertThrows(MessageEOFException.class, m::readObject);
    }

    @Test
    @DisplayName("toString of map and stream messages shows counts, not values")
    void toStringShort() throws JMSException {
        TallyMapMessage m = new TallyMapMessage();
        m.setString("k", "secret-value");
        assertFalse(m.toString().contains("secret"), m.toString());
        assertTrue(m.toString().contains("1 entry"), m.toString());
        TallyStreamMessage s = streamOf("secret-value", 1);
        assertFalse(s.toString().contains("secret"), s.toString());
        assertTrue(s.toString().contains("2 fields"), s.toString());
    }
}
