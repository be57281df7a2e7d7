package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tallymq.tck.ch03.BodyKind.BOOLEAN;
import static org.tallymq.tck.ch03.BodyKind.BYTE;
import static org.tallymq.tck.ch03.BodyKind.BYTES;
import static org.tallymq.tck.ch03.BodyKind.CHAR;
import static org.tallymq.tck.ch03.BodyKind.DOUBLE;
import static org.tallymq.tck.ch03.BodyKind.FLOAT;
import static org.tallymq.tck.ch03.BodyKind.INT;
import static org.tallymq.tck.ch03.BodyKind.LONG;
import static org.tallymq.tck.ch03.BodyKind.SHORT;
import static org.tallymq.tck.ch03.BodyKind.STRING;

import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;
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
import org.tallymq.tck.ch03.PropertyConversionTest.Where;

/**
 * Spec 3.11.3, Table 3-7 "Conversions for StreamMessage and MapMessage", cell by cell, on the
 * message as created and as received. Unmarked cells throw {@link MessageFormatException}; String
 * to numeric throws {@link NumberFormatException} when valueOf rejects the string. For a
 * StreamMessage, a read that throws either must leave the read position where it was, so each
 * failing stream cell then reads the value with the right method.
 */
@Timeout(30)
class BodyConversionTest {

    /** One cell: a value written as {@code written}, read as {@code read}. */
    record Cell(BodyKind written, Object value, BodyKind read, Object expected, Class<? extends Throwable> failure) {
        @Override
        public String toString() {
            String outcome = failure != null ? "throws " + failure.getSimpleName() : "= " + BodyKind.show(expected);
            return written.javaName + " " + BodyKind.show(value) + " read as " + read.javaName + " " + outcome;
        }
    }

    private static final Map<BodyKind, Map<BodyKind, Object>> MARKED = new EnumMap<>(BodyKind.class);
    private static final Map<BodyKind, String> STRING_SOURCE = new EnumMap<>(BodyKind.class);

    static {
        marked(BOOLEAN, BOOLEAN, true, STRING, "true");
        marked(BYTE, BYTE, (byte) -12, SHORT, (short) -12, INT, -12, LONG, -12L, STRING, "-12");
        marked(SHORT, SHORT, (short) -1234, INT, -1234, LONG, -1234L, STRING, "-1234");
        marked(CHAR, CHAR, 'x', STRING, "x");
        marked(INT, INT, -123456, LONG, -123456L, STRING, "-123456");
        marked(LONG, LONG, -1234567890123L, STRING, "-1234567890123");
        marked(FLOAT, FLOAT, -1.5f, DOUBLE, -1.5d, STRING, "-1.5");
        marked(DOUBLE, DOUBLE, -2.25d, STRING, "-2.25");
        marked(STRING, BOOLEAN, true, BYTE, (byte) -12, SHORT, (short) -1234, INT, -123456, LONG, -1234567890123L,
                FLOAT, -1.5f, DOUBLE, -2.25d, STRING, "text");
        marked(BYTES, BYTES, new byte[] {1, -2, 3, 127, -128});
        STRING_SOURCE.put(BOOLEAN, "true");
        STRING_SOURCE.put(BYTE, "-12");
        STRING_SOURCE.put(SHORT, "-1234");
        STRING_SOURCE.put(INT, "-123456");
        STRING_SOURCE.put(LONG, "-1234567890123");
        STRING_SOURCE.put(FLOAT, "-1.5");
        STRING_SOURCE.put(DOUBLE, "-2.25");
        STRING_SOURCE.put(STRING, "text");
        STRING_SOURCE.put(CHAR, "x");
        STRING_SOURCE.put(BYTES, "text");
    }

    private static void marked(BodyKind row, Object... columnsAndValues) {
        Map<BodyKind, Object> columns = new EnumMap<>(BodyKind.class);
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            columns.put((BodyKind) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        MARKED.put(row, columns);
    }

    /** All 100 cells of Table 3-7, plus String cells that valueOf rejects and Boolean.valueOf's rule. */
    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (BodyKind row : BodyKind.values()) {
            for (BodyKind column : BodyKind.values()) {
                Object value = row == STRING ? STRING_SOURCE.get(column) : row.sample();
                Map<BodyKind, Object> marked = MARKED.get(row);
                cells.add(marked.containsKey(column)
                        ? new Cell(row, value, column, marked.get(column), null)
                        : new Cell(row, value, column, null, MessageFormatException.class));
            }
        }
        for (BodyKind numeric : List.of(BYTE, SHORT, INT, LONG, FLOAT, DOUBLE)) {
            cells.add(new Cell(STRING, "twelve", numeric, null, NumberFormatException.class));
        }
        cells.add(new Cell(STRING, "300", BYTE, null, NumberFormatException.class));
        cells.add(new Cell(STRING, "yes", BOOLEAN, false, null));
        cells.add(new Cell(STRING, "TRUE", BOOLEAN, true, null));
        return cells;
    }

    static Stream<Arguments> everywhere() {
        return Stream.of(Where.values()).flatMap(where -> cells().stream().map(cell -> Arguments.of(where, cell)));
    }

    @ParameterizedTest(name = "3.11.3 MapMessage {0}: {1}")
    @MethodSource("everywhere")
    @DisplayName("3.11.3 Table 3-7 on MapMessage")
    void mapMessage(Where where, Cell cell) throws Exception {
        MapMessage message = mapWith(where, cell.written(), cell.value());
        if (cell.failure() != null) {
            assertThrows(cell.failure(), () -> cell.read().get(message, "v"), cell::toString);
            assertEquals(BodyKind.comparable(cell.value()), BodyKind.comparable(cell.written().get(message, "v")),
                    "the value is still readable as its own type after the refused conversion");
        } else {
            assertEquals(BodyKind.comparable(cell.expected()), BodyKind.comparable(cell.read().get(message, "v")),
                    cell::toString);
        }
    }

    @ParameterizedTest(name = "3.11.3 StreamMessage {0}: {1}")
    @MethodSource("everywhere")
    @DisplayName("3.11.3 Table 3-7 on StreamMessage; a refused read does not move the read position")
    void streamMessage(Where where, Cell cell) throws Exception {
        StreamMessage message = streamWith(where, cell.written(), cell.value());
        if (cell.failure() != null) {
            assertThrows(cell.failure(), () -> cell.read().read(message), cell::toString);
            assertEquals(BodyKind.comparable(cell.value()), BodyKind.comparable(cell.written().read(message)),
                    "after a refused read the same field must be read again with " + cell.written().streamReader());
        } else {
            assertEquals(BodyKind.comparable(cell.expected()), BodyKind.comparable(cell.read().read(message)),
                    cell::toString);
        }
    }

    static MapMessage mapWith(Where where, BodyKind kind, Object value) throws Exception {
        if (where == Where.CREATED) {
            try (QueueLink link = QueueLink.open()) {
                MapMessage message = link.session.createMapMessage();
                kind.put(message, "v", value);
                return message;
            }
        }
        return QueueLink.roundTrip(MapMessage.class, session -> {
            MapMessage message = session.createMapMessage();
            kind.put(message, "v", value);
            return message;
        });
    }

    /** A stream holding one field, in read mode: reset after writing, or as received. */
    static StreamMessage streamWith(Where where, BodyKind kind, Object value) throws Exception {
        if (where == Where.CREATED) {
            try (QueueLink link = QueueLink.open()) {
                StreamMessage message = link.session.createStreamMessage();
                kind.write(message, value);
                message.reset();
                return message;
            }
        }
        return QueueLink.roundTrip(StreamMessage.class, session -> {
            StreamMessage message = session.createStreamMessage();
            kind.write(message, value);
            return message;
        });
    }
}
