package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tallymq.tck.ch03.PropertyConversionTest.Where;

/** MapMessage (spec 3.11 and the MapMessage javadoc); its conversion table is in {@link BodyConversionTest}. */
@Timeout(30)
class MapMessageTest {

    private static void putEverything(MapMessage m) throws JMSException {
        m.setBoolean("boolean", true);
        m.setByte("byte", Byte.MIN_VALUE);
        m.setShort("short", Short.MAX_VALUE);
        m.setChar("char", '\u20ac');
        m.setInt("int", Integer.MIN_VALUE);
        m.setLong("long", Long.MAX_VALUE);
        m.setFloat("float", Float.NaN);
        m.setDouble("double", -Double.MAX_VALUE);
        m.setString("String", "caf\u00e9 \u2603 \uD834\uDD1E");
        m.setBytes("bytes", new byte[] {1, 2, 3});
        m.setBytes("bytesPart", new byte[] {0, 1, 2, 3, 4, 5}, 2, 3);
        m.setString("empty", "");
    }

    private static void checkEverything(MapMessage m) throws JMSException {
        assertTrue(m.getBoolean("boolean"));
        assertEquals(Byte.MIN_VALUE, m.getByte("byte"));
        assertEquals(Short.MAX_VALUE, m.getShort("short"));
        assertEquals('\u20ac', m.getChar("char"));
        assertEquals(Integer.MIN_VALUE, m.getInt("int"));
        assertEquals(Long.MAX_VALUE, m.getLong("long"));
        assertTrue(Float.isNaN(m.getFloat("float")));
        assertEquals(-Double.MAX_VALUE, m.getDouble("double"));
        assertEquals("caf\u00e9 \u2603 \uD834\uDD1E", m.getString("String"));
        assertArrayEquals(new byte[] {1, 2, 3}, m.getBytes("bytes"));
        assertArrayEquals(new byte[] {2, 3, 4}, m.getBytes("bytesPart"), "setBytes(name, value, offset, length)");
        assertEquals("", m.getString("empty"));

        assertInstanceOf(Boolean.class, m.getObject("boolean"));
        assertInstanceOf(Byte.class, m.getObject("byte"));
        assertInstanceOf(Short.class, m.getObject("short"));
        assertInstanceOf(Character.class, m.getObject("char"));
        assertInstanceOf(Integer.class, m.getObject("int"));
        assertInstanceOf(Long.class, m.getObject("long"));
        assertInstanceOf(Float.class, m.getObject("float"));
        assertInstanceOf(Double.class, m.getObject("double"));
        assertInstanceOf(String.class, m.getObject("String"));
        assertArrayEquals(new byte[] {1, 2, 3}, assertInstanceOf(byte[].class, m.getObject("bytes")),
                "getObject of a byte array returns byte[]");

        assertEquals(Set.of("boolean", "byte", "short", "char", "int", "long", "float", "double", "String", "bytes",
                "bytesPart", "empty"), names(m), "getMapNames");
        assertTrue(m.itemExists("int"));
        assertFalse(m.itemExists("missing"));
        assertFalse(m.itemExists("Int"), "names are case-sensitive");
    }

    @Test
    @DisplayName("3.11 MapMessage: every type round-trips through the provider, getObject gives its boxed class")
    void everyTypeRoundTrips() throws Exception {
        MapMessage received = QueueLink.roundTrip(MapMessage.class, session -> {
            MapMessage message = session.createMapMessage();
            putEverything(message);
            return message;
        });
        checkEverything(received);
    }

    @Test
    @DisplayName("3.11 MapMessage: a created message can be read as it is written")
    void createdIsReadable() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            MapMessage message = link.session.createMapMessage();
            putEverything(message);
            checkEverything(message);
        }
    }

    @ParameterizedTest(name = "3.11.3 setObject with a {0} round-trips as {0}")
    @EnumSource(BodyKind.class)
    @DisplayName("3.11.3 MapMessage.setObject accepts every objectified primitive, String and byte[]")
    void setObjectRoundTrip(BodyKind kind) throws Exception {
        Object value = kind.sample();
        MapMessage received = QueueLink.roundTrip(MapMessage.class, session -> {
            MapMessage message = session.createMapMessage();
            message.setObject("o", value);
            return message;
        });
        Object read = received.getObject("o");
        assertEquals(value.getClass(), read.getClass());
        assertEquals(BodyKind.comparable(value), BodyKind.comparable(read));
        assertEquals(BodyKind.comparable(value), BodyKind.comparable(kind.get(received, "o")));
    }

    static Stream<Arguments> unsupportedObjects() {
        return Stream.of(Arguments.of(new Object()), Arguments.of(new ArrayList<>(List.of(1))),
                Arguments.of(new BigDecimal("2.5")), Arguments.of(new Date(0)), Arguments.of((Object) new int[] {1}));
    }

    @ParameterizedTest(name = "3.11 MapMessage.setObject with a {0} throws MessageFormatException")
    @MethodSource("unsupportedObjects")
    @DisplayName("3.11 MapMessage.setObject with an unsupported class throws MessageFormatException")
    void setObjectRejectsOtherClasses(Object value) throws Exception {
        try (QueueLink link = QueueLink.open()) {
            MapMessage message = link.session.createMapMessage();
            assertThrows(MessageFormatException.class, () -> message.setObject("o", value), () -> value.getClass().getName());
            assertFalse(message.itemExists("o"), "a refused value is not stored");
        }
    }

    static Stream<Arguments> settersWithBadNames() {
        return Stream.of(BodyKind.values()).flatMap(kind -> Stream.of(Arguments.of(kind, null), Arguments.of(kind, "")));
    }

    @ParameterizedTest(name = "3.11 MapMessage {0} setter with name [{1}] throws IllegalArgumentException")
    @MethodSource("settersWithBadNames")
    @DisplayName("3.11 MapMessage javadoc: names must not be null or empty; setters throw IllegalArgumentException")
    void nullOrEmptyName(BodyKind kind, String name) throws Exception {
        try (QueueLink link = QueueLink.open()) {
            MapMessage message = link.session.createMapMessage();
            assertThrows(IllegalArgumentException.class, () -> kind.put(message, name, kind.sample()));
            assertThrows(IllegalArgumentException.class, () -> message.setObject(name, kind.sample()), "setObject");
            assertThrows(IllegalArgumentException.class, () -> message.setBytes(name, new byte[4], 0, 2),
                    "setBytes(name, value, offset, length)");
        }
    }

    @ParameterizedTest(name = "3.11.3 a missing item on a {0} MapMessage")
    @EnumSource(Where.class)
    @DisplayName("3.11.3 a missing item reads as null: getBoolean false, getString/getBytes/getObject null, numerics as valueOf(null), getChar NullPointerException")
    void missingItem(Where where) throws Exception {
        MapMessage m = BodyConversionTest.mapWith(where, BodyKind.INT, 1); // "v" exists, "q" does not
        assertFalse(m.getBoolean("q"));
        assertNull(m.getString("q"));
        assertNull(m.getBytes("q"));
        assertNull(m.getObject("q"));
        assertThrows(NumberFormatException.class, () -> m.getByte("q"), "Byte.valueOf(null)");
        assertThrows(NumberFormatException.class, () -> m.getShort("q"), "Short.valueOf(null)");
        assertThrows(NumberFormatException.class, () -> m.getInt("q"), "Integer.valueOf(null)");
        assertThrows(NumberFormatException.class, () -> m.getLong("q"), "Long.valueOf(null)");
        assertThrows(NullPointerException.class, () -> m.getFloat("q"), "Float.valueOf(null)");
        assertThrows(NullPointerException.class, () -> m.getDouble("q"), "Double.valueOf(null)");
        assertThrows(NullPointerException.class, () -> m.getChar("q"), "char has no String conversion (3.11.3)");
    }

    @Test
    @DisplayName("3.12 MapMessage: a null String value reads back as null")
    void nullStringValue() throws Exception {
        MapMessage received = QueueLink.roundTrip(MapMessage.class, session -> {
            MapMessage message = session.createMapMessage();
            message.setString("s", null);
            return message;
        });
        assertNull(received.getString("s"));
        assertNull(received.getObject("s"));
    }

    @Test
    @DisplayName("3.12 MapMessage.setBytes copies the array and getBytes returns a copy")
    void bytesAreCopied() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            byte[] data = {1, 2, 3};
            MapMessage message = link.session.createMapMessage();
            message.setBytes("b", data);
            data[0] = 100;
            assertArrayEquals(new byte[] {1, 2, 3}, message.getBytes("b"), "setBytes must copy its input");
            message.getBytes("b")[1] = 100;
            assertArrayEquals(new byte[] {1, 2, 3}, message.getBytes("b"), "getBytes must return a copy");

            MapMessage received = link.sendAndReceive(message, MapMessage.class);
            received.getBytes("b")[2] = 100;
            assertArrayEquals(new byte[] {1, 2, 3}, received.getBytes("b"), "getBytes of a received message returns a copy");
        }
    }

    @Test
    @DisplayName("3.11 MapMessage: setting a name again replaces the value and its type")
    void settingAgainReplaces() throws Exception {
        MapMessage received = QueueLink.roundTrip(MapMessage.class, session -> {
            MapMessage message = session.createMapMessage();
            message.setInt("x", 1);
            message.setString("x", "two");
            return message;
        });
        assertEquals("two", received.getObject("x"));
        assertEquals(Set.of("x"), names(received));
    }

    @Test
    @DisplayName("3.11 MapMessage carries 2000 entries")
    void manyEntries() throws Exception {
        MapMessage received = QueueLink.roundTrip(MapMessage.class, session -> {
            MapMessage message = session.createMapMessage();
            for (int i = 0; i < 2000; i++) {
                message.setInt("k" + i, i);
            }
            return message;
        });
        assertEquals(2000, names(received).size());
        for (int i = 0; i < 2000; i++) {
            assertEquals(i, received.getInt("k" + i));
        }
    }

    @ParameterizedTest(name = "3.11.2 {0} setter on a received MapMessage throws MessageNotWriteableException")
    @EnumSource(BodyKind.class)
    @DisplayName("3.11.2 a received MapMessage is read-only")
    void receivedIsReadOnly(BodyKind kind) throws Exception {
        MapMessage received = QueueLink.roundTrip(MapMessage.class, session -> {
            MapMessage message = session.createMapMessage();
            message.setInt("existing", 1);
            return message;
        });
        assertThrows(MessageNotWriteableException.class, () -> kind.put(received, "fresh", kind.sample()));
        assertThrows(MessageNotWriteableException.class, () -> received.setObject("fresh", kind.sample()), "setObject");
        assertThrows(MessageNotWriteableException.class, () -> received.setBytes("fresh", new byte[2], 0, 1));
        assertEquals(1, received.getInt("existing"));
        assertFalse(received.itemExists("fresh"));
    }

    @Test
    @DisplayName("3.11.1 clearBody on a received MapMessage empties it and makes it writable")
    void clearBodyOfReceived() throws Exception {
        MapMessage received = QueueLink.roundTrip(MapMessage.class, session -> {
            MapMessage message = session.createMapMessage();
            message.setInt("old", 1);
            message.setStringProperty("prop", "kept");
            return message;
        });
        received.clearBody();
        assertEquals(Set.of(), names(received));
        assertFalse(received.itemExists("old"));
        received.setInt("new", 2);
        assertEquals(2, received.getInt("new"));
        assertEquals("kept", received.getStringProperty("prop"), "clearBody keeps properties");
    }

    static Set<String> names(MapMessage message) throws JMSException {
        Set<String> names = new HashSet<>();
        for (Object name : Collections.list((Enumeration<?>) message.getMapNames())) {
            names.add((String) name);
        }
        return names;
    }
}
