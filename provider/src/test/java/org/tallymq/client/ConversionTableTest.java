package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conversion tables cell by cell: spec 3.5.4 Table 3-2 for properties, spec 3.11.3 Table 3-7
 * for MapMessage and StreamMessage. The tables below are transcribed from the specification; the
 * expected values are written out by hand, independently of the code under test.
 */
class ConversionTableTest {

    enum T { BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, BYTES }

    /** Spec 3.11.3 Table 3-7: rows = type written, columns = type read (same order as {@link T}). */
    private static final String[] TABLE_3_7 = {
        // bool byte short char int long float double String byte[]
        "X . . . . . . . X .", // boolean
        ". X X . X X . . X .", // byte
        ". . X . X X . . X .", // short
        ". . . X . . . . X .", // char
        ". . . . X X . . X .", // int
        ". . . . . X . . X .", // long
        ". . . . . . X X X .", // float
        ". . . . . . . X X .", // double
        "X X X . X X X X X .", // String
        ". . . . . . . . . X", // byte[]
    };

    /** Spec 3.5.4 Table 3-2, over {@link #PROPERTY_TYPES}. */
    private static final String[] TABLE_3_2 = {
        // bool byte short int long float double String
        "X . . . . . . X", // boolean
        ". X X X X . . X", // byte
        ". . X X X . . X", // short
        ". . . X X . . X", // int
        ". . . . X . . X", // long
        ". . . . . X X X", // float
        ". . . . . . X X", // double
        "X X X X X X X X", // String
    };

    private static final List<T> PROPERTY_TYPES =
            List.of(T.BOOLEAN, T.BYTE, T.SHORT, T.INT, T.LONG, T.FLOAT, T.DOUBLE, T.STRING);

    /** The value written for each row; a String row writes a string that suits the column. */
    private static Object written(T row, T col) {
        return switch (row) {
            case BOOLEAN -> Boolean.TRUE;
            case BYTE -> Byte.MIN_VALUE;
            case SHORT -> Short.MIN_VALUE;
            case CHAR -> 'é';
            case INT -> Integer.MIN_VALUE;
            case LONG -> Long.MIN_VALUE;
            case FLOAT -> -1.5f;
            case DOUBLE -> Double.MAX_VALUE;
            case STRING -> switch (col) {
                case BOOLEAN -> "true";
                case BYTE -> "-128";
                case SHORT -> "-32768";
                case INT -> "-2147483648";
                case LONG -> "-9223372036854775808";
                case FLOAT -> "-1.5";
                case DOUBLE -> "2.5E-3";
                default -> "some text";
            };
            case BYTES -> new byte[] {1, -2, 3};
        };
    }

    /** The value expected for each marked cell, written out. */
    private static final Map<String, Object> EXPECTED = Map.ofEntries(
            Map.entry("BOOLEAN>BOOLEAN", true), Map.entry("BOOLEAN>STRING", "true"),
            Map.entry("BYTE>BYTE", (byte) -128), Map.entry("BYTE>SHORT", (short) -128), Map.entry("BYTE>INT", -128),
            Map.entry("BYTE>LONG", -128L), Map.entry("BYTE>STRING", "-128"),
            Map.entry("SHORT>SHORT", (short) -32768), Map.entry("SHORT>INT", -32768), Map.entry("SHORT>LONG", -32768L),
            Map.entry("SHORT>STRING", "-32768"),
            Map.entry("CHAR>CHAR", 'é'), Map.entry("CHAR>STRING", "é"),
            Map.entry("INT>INT", -2147483648), Map.entry("INT>LONG", -2147483648L), Map.entry("INT>STRING", "-2147483648"),
            Map.entry("LONG>LONG", -9223372036854775808L), Map.entry("LONG>STRING", "-9223372036854775808"),
            Map.entry("FLOAT>FLOAT", -1.5f), Map.entry("FLOAT>DOUBLE", -1.5d), Map.entry("FLOAT>STRING", "-1.5"),
            Map.entry("DOUBLE>DOUBLE", 1.7976931348623157E308), Map.entry("DOUBLE>STRING", "1.7976931348623157E308"),
            Map.entry("STRING>BOOLEAN", true), Map.entry("STRING>BYTE", (byte) -128),
            Map.entry("STRING>SHORT", (short) -32768), Map.entry("STRING>INT", -2147483648),
            Map.entry("STRING>LONG", -9223372036854775808L), Map.entry("STRING>FLOAT", -1.5f),
            Map.entry("STRING>DOUBLE", 0.0025d), Map.entry("STRING>STRING", "some text"),
            Map.entry("BYTES>BYTES", new byte[] {1, -2, 3}));

    static Stream<Arguments> table37() {
        List<Arguments> cells = new ArrayList<>();
        for (T row : T.values()) {
            String[] marks = TABLE_3_7[row.ordinal()].split(" ");
            for (T col : T.values()) {
                cells.add(Arguments.of(row, col, marks[col.ordinal()].equals("X")));
            }
        }
        return cells.stream();
    }

    static Stream<Arguments> table32() {
        List<Arguments> cells = new ArrayList<>();
        for (T row : PROPERTY_TYPES) {
            String[] marks = TABLE_3_2[PROPERTY_TYPES.indexOf(row)].split(" ");
            for (T col : PROPERTY_TYPES) {
                cells.add(Arguments.of(row, col, marks[PROPERTY_TYPES.indexOf(col)].equals("X")));
            }
        }
        return cells.stream();
    }

    private static void assertCell(T row, T col, Object actual) {
        Object expected = EXPECTED.get(row + ">" + col);
        if (expected == null) {
            throw new AssertionError("test oracle has no expected value for marked cell " + row + ">" + col);
        }
        if (expected instanceof byte[] b) {
            assertArrayEquals(b, (byte[]) actual, row + " read as " + col);
        } else {
            assertEquals(expected, actual, row + " read as " + col);
        }
    }

    // ---- properties (spec 3.5.4) ----------------------------------------------------------------

    private static Object readProperty(TallyMessage m, T col) throws JMSException {
        return switch (col) {
            case BOOLEAN -> m.getBooleanProperty("p");
            case BYTE -> m.getByteProperty("p");
            case SHORT -> m.getShortProperty("p");
            case INT -> m.getIntProperty("p");
            case LONG -> m.getLongProperty("p");
            case FLOAT -> m.getFloatProperty("p");
            case DOUBLE -> m.getDoubleProperty("p");
            case STRING -> m.getStringProperty("p");
            default -> throw new IllegalArgumentException(col.name());
        };
    }

    private static void writeProperty(TallyMessage m, T row, Object v) throws JMSException {
        switch (row) {
            case BOOLEAN -> m.setBooleanProperty("p", (Boolean) v);
            case BYTE -> m.setByteProperty("p", (Byte) v);
            case SHORT -> m.setShortProperty("p", (Short) v);
            case INT -> m.setIntProperty("p", (Integer) v);
            case LONG -> m.setLongProperty("p", (Long) v);
            case FLOAT -> m.setFloatProperty("p", (Float) v);
            case DOUBLE -> m.setDoubleProperty("p", (Double) v);
            case STRING -> m.setStringProperty("p", (String) v);
            default -> throw new IllegalArgumentException(row.name());
        }
    }

    @ParameterizedTest(name = "property set as {0}, read as {1}: allowed={2}")
    @MethodSource("table32")
    @DisplayName("spec 3.5.4 Table 3-2: property conversions, typed setters")
    void propertyCell(T row, T col, boolean allowed) throws JMSException {
        TallyMessage m = new TallyMessage();
        writeProperty(m, row, written(row, col));
        if (allowed) {
            assertCell(row, col, readProperty(m, col));
        } else {
            assertThrows(MessageFormatException.class, () -> readProperty(m, col));
        }
    }

    @ParameterizedTest(name = "property set by setObjectProperty as {0}, read as {1}: allowed={2}")
    @MethodSource("table32")
    @DisplayName("spec 3.5.5: setObjectProperty supports the same conversions, after a received copy")
    void propertyCellViaObjectAndReceipt(T row, T col, boolean allowed) throws JMSException {
        TallyMessage sent = new TallyMessage();
        sent.setObjectProperty("p", written(row, col));
        TallyMessage m = TallyMessage.fromMessageData(sent.toMessageData(), 1, null);
        assertEquals(written(row, col), m.getObjectProperty("p"), "getObjectProperty returns the type set");
        if (allowed) {
            assertCell(row, col, readProperty(m, col));
        } else {
            assertThrows(MessageFormatException.class, () -> readProperty(m, col));
        }
    }

    @ParameterizedTest(name = "absent property read as {0}")
    @EnumSource(value = T.class, names = {"BOOLEAN", "BYTE", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "STRING"})
    @DisplayName("spec 3.5.4/3.5.8: an absent property reads as valueOf(null)")
    void absentProperty(T col) throws JMSException {
        TallyMessage m = new TallyMessage();
        switch (col) {
            case BOOLEAN -> assertFalse(m.getBooleanProperty("p"));
            case BYTE, SHORT, INT, LONG -> assertThrows(NumberFormatException.class, () -> readProperty(m, col));
            case FLOAT, DOUBLE -> assertThrows(NullPointerException.class, () -> readProperty(m, col));
            case STRING -> assertNull(m.getStringProperty("p"));
            default -> throw new IllegalArgumentException();
        }
        assertNull(m.getObjectProperty("p"));
    }

    @ParameterizedTest(name = "String \"x1\" property read as {0}")
    @EnumSource(value = T.class, names = {"BYTE", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE"})
    @DisplayName("spec 3.5.4: a String that valueOf rejects throws NumberFormatException")
    void unparsableStringProperty(T col) throws JMSException {
        TallyMessage m = new TallyMessage();
        m.setStringProperty("p", "x1");
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> readProperty(m, col));
        assertTrue(e.getMessage().contains("'p'") && e.getMessage().contains("x1"), e.getMessage());
    }

    // ---- MapMessage (spec 3.11.3) ---------------------------------------------------------------

    private static void writeMap(TallyMapMessage m, T row, Object v) throws JMSException {
        switch (row) {
            case BOOLEAN -> m.setBoolean("k", (Boolean) v);
            case BYTE -> m.setByte("k", (Byte) v);
            case SHORT -> m.setShort("k", (Short) v);
            case CHAR -> m.setChar("k", (Character) v);
            case INT -> m.setInt("k", (Integer) v);
            case LONG -> m.setLong("k", (Long) v);
            case FLOAT -> m.setFloat("k", (Float) v);
            case DOUBLE -> m.setDouble("k", (Double) v);
            case STRING -> m.setString("k", (String) v);
            case BYTES -> m.setBytes("k", (byte[]) v);
        }
    }

    private static Object readMap(TallyMapMessage m, T col) throws JMSException {
        return switch (col) {
            case BOOLEAN -> m.getBoolean("k");
            case BYTE -> m.getByte("k");
            case SHORT -> m.getShort("k");
            case CHAR -> m.getChar("k");
            case INT -> m.getInt("k");
            case LONG -> m.getLong("k");
            case FLOAT -> m.getFloat("k");
            case DOUBLE -> m.getDouble("k");
            case STRING -> m.getString("k");
            case BYTES -> m.getBytes("k");
        };
    }

    @ParameterizedTest(name = "map entry written as {0}, read as {1}: allowed={2}")
    @MethodSource("table37")
    @DisplayName("spec 3.11.3 Table 3-7: MapMessage conversions (received copy)")
    void mapCell(T row, T col, boolean allowed) throws JMSException {
        TallyMapMessage sent = new TallyMapMessage();
        writeMap(sent, row, written(row, col));
        TallyMapMessage m = (TallyMapMessage) TallyMessage.fromMessageData(sent.toMessageData(), 1, null);
        if (allowed) {
            assertCell(row, col, readMap(m, col));
        } else {
            assertThrows(MessageFormatException.class, () -> readMap(m, col));
        }
    }

    @ParameterizedTest(name = "map entry set by setObject as {0}, read as {1}: allowed={2}")
    @MethodSource("table37")
    @DisplayName("spec 3.11.3: setObject/getObject support the same conversions")
    void mapCellViaObject(T row, T col, boolean allowed) throws JMSException {
        TallyMapMessage m = new TallyMapMessage();
        m.setObject("k", written(row, col));
        Object back = m.getObject("k");
        if (back instanceof byte[] b) {
            assertArrayEquals((byte[]) written(row, col), b);
        } else {
            assertEquals(written(row, col), back);
        }
        if (allowed) {
            assertCell(row, col, readMap(m, col));
        } else {
            assertThrows(MessageFormatException.class, () -> readMap(m, col));
        }
    }

    @ParameterizedTest(name = "absent map entry read as {0}")
    @EnumSource(T.class)
    @DisplayName("spec 3.11.3: an absent (or null) map entry reads as valueOf(null); char throws NPE")
    void absentMapEntry(T col) throws JMSException {
        for (TallyMapMessage m : List.of(new TallyMapMessage(), withNull())) {
            switch (col) {
                case BOOLEAN -> assertFalse(m.getBoolean("k"));
                case BYTE, SHORT, INT, LONG -> assertThrows(NumberFormatException.class, () -> readMap(m, col));
                case CHAR, FLOAT, DOUBLE -> assertThrows(NullPointerException.class, () -> readMap(m, col));
                case STRING, BYTES -> assertNull(readMap(m, col));
            }
        }
    }

    private static TallyMapMessage withNull() throws JMSException {
        TallyMapMessage m = new TallyMapMessage();
        m.setString("k", null);
        assertTrue(m.itemExists("k"));
        return m;
    }

    // ---- StreamMessage (spec 3.11.3) ------------------------------------------------------------

    private static void writeStream(TallyStreamMessage m, T row, Object v) throws JMSException {
        switch (row) {
            case BOOLEAN -> m.writeBoolean((Boolean) v);
            case BYTE -> m.writeByte((Byte) v);
            case SHORT -> m.writeShort((Short) v);
            case CHAR -> m.writeChar((Character) v);
            case INT -> m.writeInt((Integer) v);
            case LONG -> m.writeLong((Long) v);
            case FLOAT -> m.writeFloat((Float) v);
            case DOUBLE -> m.writeDouble((Double) v);
            case STRING -> m.writeString((String) v);
            case BYTES -> m.writeBytes((byte[]) v);
        }
    }

    private static Object readStream(TallyStreamMessage m, T col) throws JMSException {
        return switch (col) {
            case BOOLEAN -> m.readBoolean();
            case BYTE -> m.readByte();
            case SHORT -> m.readShort();
            case CHAR -> m.readChar();
            case INT -> m.readInt();
            case LONG -> m.readLong();
            case FLOAT -> m.readFloat();
            case DOUBLE -> m.readDouble();
            case STRING -> m.readString();
            case BYTES -> {
                byte[] buf = new byte[16];
                int n = m.readBytes(buf);
                yield n < 0 ? null : Arrays.copyOf(buf, n);
            }
        };
    }

    @ParameterizedTest(name = "stream field written as {0}, read as {1}: allowed={2}")
    @MethodSource("table37")
    @DisplayName("spec 3.11.3 Table 3-7: StreamMessage conversions; a failed read leaves the position")
    void streamCell(T row, T col, boolean allowed) throws JMSException {
        TallyStreamMessage sent = new TallyStreamMessage();
        writeStream(sent, row, written(row, col));
        sent.writeInt(42); // a second field shows where the position is
        TallyStreamMessage m = (TallyStreamMessage) TallyMessage.fromMessageData(sent.toMessageData(), 1, null);
        if (allowed) {
            assertCell(row, col, readStream(m, col));
        } else {
            assertThrows(MessageFormatException.class, () -> readStream(m, col));
            Object again = m.readObject(); // the same field, read again as what it is
            if (again instanceof byte[] b) {
                assertArrayEquals((byte[]) written(row, col), b);
            } else {
                assertEquals(written(row, col), again);
            }
        }
        assertEquals(42, m.readInt(), "the next field follows");
    }

    @ParameterizedTest(name = "null stream field read as {0}")
    @EnumSource(T.class)
    @DisplayName("spec 3.11.3: a null field reads as valueOf(null); char/float/double throw NPE; readBytes gives -1")
    void nullStreamField(T col) throws JMSException {
        TallyStreamMessage m = new TallyStreamMessage();
        m.writeObject(null);
        m.writeInt(7);
        m.reset();
        switch (col) {
            case BOOLEAN -> assertFalse(m.readBoolean());
            case BYTE, SHORT, INT, LONG -> {
                assertThrows(NumberFormatException.class, () -> readStream(m, col));
                assertNull(m.readObject(), "position unchanged after NumberFormatException");
            }
            case CHAR, FLOAT, DOUBLE -> {
                assertThrows(NullPointerException.class, () -> readStream(m, col));
                assertNull(m.readObject(), "position unchanged after NullPointerException");
            }
            case STRING -> assertNull(m.readString());
            case BYTES -> assertEquals(-1, m.readBytes(new byte[4]));
        }
        assertEquals(7, m.readInt());
    }

    @ParameterizedTest(name = "String \"x1\" stream field read as {0}")
    @EnumSource(value = T.class, names = {"BYTE", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE"})
    @DisplayName("spec 3.11.3: NumberFormatException leaves the position so the field can be read as a String")
    void unparsableStreamString(T col) throws JMSException {
        TallyStreamMessage m = new TallyStreamMessage();
        m.writeString("x1");
        m.reset();
        assertThrows(NumberFormatException.class, () -> readStream(m, col));
        assertEquals("x1", m.readString());
    }
}
