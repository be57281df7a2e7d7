package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tallymq.tck.ch03.PropertyKind.BOOLEAN;
import static org.tallymq.tck.ch03.PropertyKind.BYTE;
import static org.tallymq.tck.ch03.PropertyKind.DOUBLE;
import static org.tallymq.tck.ch03.PropertyKind.FLOAT;
import static org.tallymq.tck.ch03.PropertyKind.INT;
import static org.tallymq.tck.ch03.PropertyKind.LONG;
import static org.tallymq.tck.ch03.PropertyKind.SHORT;
import static org.tallymq.tck.ch03.PropertyKind.STRING;

import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec 3.5.4, Table 3-2 "Property value conversion", cell by cell: a value set as the row type is
 * read with the getter of the column type. Marked cells must convert; unmarked cells must throw
 * {@link MessageFormatException}; String to numeric conversions throw {@link NumberFormatException}
 * when the numeric's {@code valueOf} rejects the string. Every cell is checked on the message the
 * application created and on the copy a consumer received.
 */
@Timeout(30)
class PropertyConversionTest {

    /** Where the property is read: on the message that was set, or on the message a consumer received. */
    enum Where { CREATED, RECEIVED }

    /** One cell of the table: a value set with {@code written}'s setter, read with {@code read}'s getter. */
    record Cell(PropertyKind written, Object value, PropertyKind read, Object expected,
                Class<? extends Throwable> failure) {

        @Override
        public String toString() {
            String value = this.value instanceof String s ? "\"" + s + "\"" : String.valueOf(this.value);
            String outcome = failure != null ? "throws " + failure.getSimpleName()
                    : "= " + (expected instanceof String s ? "\"" + s + "\"" : expected);
            return written.javaName + " " + value + " read with " + read.getter() + " " + outcome;
        }
    }

    /** What a marked cell returns, by row and column; a missing column is an unmarked cell. */
    private static final Map<PropertyKind, Map<PropertyKind, Object>> MARKED = new EnumMap<>(PropertyKind.class);

    /** The String row needs a different string per column: the value written for that column. */
    private static final Map<PropertyKind, String> STRING_SOURCE = new EnumMap<>(PropertyKind.class);

    static {
        marked(BOOLEAN, BOOLEAN, true, STRING, "true");
        marked(BYTE, BYTE, (byte) -12, SHORT, (short) -12, INT, -12, LONG, -12L, STRING, "-12");
        marked(SHORT, SHORT, (short) -1234, INT, -1234, LONG, -1234L, STRING, "-1234");
        marked(INT, INT, -123456, LONG, -123456L, STRING, "-123456");
        marked(LONG, LONG, -1234567890123L, STRING, "-1234567890123");
        marked(FLOAT, FLOAT, -1.5f, DOUBLE, -1.5d, STRING, "-1.5");
        marked(DOUBLE, DOUBLE, -2.25d, STRING, "-2.25");
        marked(STRING, BOOLEAN, true, BYTE, (byte) -12, SHORT, (short) -1234, INT, -123456, LONG, -1234567890123L,
                FLOAT, -1.5f, DOUBLE, -2.25d, STRING, "text");
        STRING_SOURCE.put(BOOLEAN, "true");
        STRING_SOURCE.put(BYTE, "-12");
        STRING_SOURCE.put(SHORT, "-1234");
        STRING_SOURCE.put(INT, "-123456");
        STRING_SOURCE.put(LONG, "-1234567890123");
        STRING_SOURCE.put(FLOAT, "-1.5");
        STRING_SOURCE.put(DOUBLE, "-2.25");
        STRING_SOURCE.put(STRING, "text");
    }

    private static void marked(PropertyKind row, Object... columnsAndValues) {
        Map<PropertyKind, Object> columns = new EnumMap<>(PropertyKind.class);
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            columns.put((PropertyKind) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        MARKED.put(row, columns);
    }

    /** All 64 cells of Table 3-2. */
    static List<Cell> table() {
        List<Cell> cells = new ArrayList<>();
        for (PropertyKind row : PropertyKind.values()) {
            for (PropertyKind column : PropertyKind.values()) {
                Object value = row == STRING ? STRING_SOURCE.get(column) : row.sample();
                Map<PropertyKind, Object> marked = MARKED.get(row);
                if (marked.containsKey(column)) {
                    cells.add(new Cell(row, value, column, marked.get(column), null));
                } else {
                    cells.add(new Cell(row, value, column, null, MessageFormatException.class));
                }
            }
        }
        return cells;
    }

    /** String cells whose string the numeric's valueOf rejects, and Boolean.valueOf's lenient rule. */
    static List<Cell> stringEdgeCases() {
        List<Cell> cells = new ArrayList<>();
        for (PropertyKind numeric : List.of(BYTE, SHORT, INT, LONG, FLOAT, DOUBLE)) {
            cells.add(new Cell(STRING, "twelve", numeric, null, NumberFormatException.class));
        }
        cells.add(new Cell(STRING, "300", BYTE, null, NumberFormatException.class));
        cells.add(new Cell(STRING, "40000", SHORT, null, NumberFormatException.class));
        cells.add(new Cell(STRING, "3000000000", INT, null, NumberFormatException.class));
        cells.add(new Cell(STRING, "1.5", INT, null, NumberFormatException.class));
        cells.add(new Cell(STRING, "TRUE", BOOLEAN, true, null));
        cells.add(new Cell(STRING, "yes", BOOLEAN, false, null));
        cells.add(new Cell(STRING, "", STRING, "", null));
        return cells;
    }

    static Stream<Arguments> tableEverywhere() {
        return withWhere(table());
    }

    static Stream<Arguments> stringEdgesEverywhere() {
        return withWhere(stringEdgeCases());
    }

    private static Stream<Arguments> withWhere(List<Cell> cells) {
        return Stream.of(Where.values()).flatMap(where -> cells.stream().map(cell -> Arguments.of(where, cell)));
    }

    @ParameterizedTest(name = "3.5.4 {0}: {1}")
    @MethodSource("tableEverywhere")
    @DisplayName("3.5.4 Table 3-2, property value conversion")
    void conversionTable(Where where, Cell cell) throws Exception {
        check(where, cell);
    }

    @ParameterizedTest(name = "3.5.4 {0}: {1}")
    @MethodSource("stringEdgesEverywhere")
    @DisplayName("3.5.4 String to numeric throws NumberFormatException when valueOf rejects the string; String to boolean is Boolean.valueOf")
    void stringEdges(Where where, Cell cell) throws Exception {
        check(where, cell);
    }

    private static void check(Where where, Cell cell) throws Exception {
        Message message = messageWith(where, cell.written(), cell.value());
        if (cell.failure() != null) {
            assertThrows(cell.failure(), () -> cell.read().get(message, "p"), cell::toString);
        } else {
            assertEquals(cell.expected(), cell.read().get(message, "p"), cell::toString);
        }
    }

    /** A message with property {@code p} set by {@code kind}'s setter, as created or as received. */
    static Message messageWith(Where where, PropertyKind kind, Object value) throws Exception {
        if (where == Where.CREATED) {
            try (QueueLink link = QueueLink.open()) {
                Message message = link.session.createMessage();
                kind.set(message, "p", value);
                return message;
            }
        }
        return QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            kind.set(message, "p", value);
            return message;
        });
    }
}
