package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The MapMessage/StreamMessage body codec: the documented layout, round trips, and malformed input. */
class BodyCodecTest {

    /** One value of every type, with values that fill every byte of their encoding. */
    static List<Object> everyType() {
        byte[] big = new byte[70_000];
        new Random(7).nextBytes(big);
        return Arrays.asList(null, true, false, Byte.MIN_VALUE, (byte) -1, Short.MIN_VALUE, (short) 0x7F80,
                '\u0000', '\uFFFF', '\uD800', Integer.MIN_VALUE, 0x80FF7F01, Long.MIN_VALUE, 0x0102030405060708L,
                -1L, Float.NaN, Float.intBitsToFloat(0x7FC12345), -0.0f, Float.MIN_VALUE, Double.NaN,
                Double.longBitsToDouble(0x7FF8123456789ABCL), -0.0d, Double.MAX_VALUE, "", "ascii",
                "é€\uD83D\uDE00\u0000\uDC00", new byte[0], new byte[] {0, -1, 127, -128}, big);
    }

    private static void assertSameValue(Object expected, Object actual, String where) {
        if (expected instanceof byte[] e) {
            assertArrayEquals(e, (byte[]) actual, where);
        } else if (expected instanceof Float f) {
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) actual), where + " float bits");
        } else if (expected instanceof Double d) {
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual), where + " double bits");
        } else {
            assertEquals(expected, actual, where);
        }
    }

    @Test
    @DisplayName("a stream body of every type round-trips bit for bit, NaN payloads and -0.0 included")
    void streamRoundTrip() throws MessageFormatException {
        List<Object> values = everyType();
        List<Object> back = BodyCodec.decodeStream(BodyCodec.encodeStream(values));
        assertEquals(values.size(), back.size());
        for (int i = 0; i < values.size(); i++) {
            assertSameValue(values.get(i), back.get(i), "field " + i);
        }
    }

    @Test
    @DisplayName("a map body of every type round-trips, in order, with non-ASCII names")
    void mapRoundTrip() throws MessageFormatException {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> values = everyType();
        for (int i = 0; i < values.size(); i++) {
            map.put("k" + i + "é€\uD83D\uDE00", values.get(i));
        }
        Map<String, Object> back = BodyCodec.decodeMap(BodyCodec.encodeMap(map));
        assertEquals(new ArrayList<>(map.keySet()), new ArrayList<>(back.keySet()));
        for (String k : map.keySet()) {
            assertSameValue(map.get(k), back.get(k), k);
        }
    }

    @Test
    @DisplayName("the bytes follow the layout table in the class comment")
    void layout() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("é", true);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 2, 0, 0, 0, 1, 'a', 5, 0, 0, 0, 1,
            0, 0, 0, 2, (byte) 0xC3, (byte) 0xA9, 1, 1}, BodyCodec.encodeMap(map));
        assertArrayEquals(new byte[] {1, 0, 0, 0, 4, 0, 10, 0, 0, 0, 1, 9, 4, 0, 0x41, 9, 0, 0, 0, 2, (byte) 0xC0,
            (byte) 0x80}, BodyCodec.encodeStream(Arrays.asList(null, new byte[] {9}, 'A', "\u0000")));
    }

    @Test
    @DisplayName("null or empty bodies decode as empty")
    void emptyBodies() throws MessageFormatException {
        assertTrue(BodyCodec.decodeMap(null).isEmpty());
        assertTrue(BodyCodec.decodeMap(new byte[0]).isEmpty());
        assertTrue(BodyCodec.decodeStream(null).isEmpty());
        assertTrue(BodyCodec.decodeStream(BodyCodec.encodeStream(List.of())).isEmpty());
    }

    @Test
    @DisplayName("every truncation of a valid body is rejected with MessageFormatException")
    void truncated() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> values = everyType().subList(0, 27); // without the 70 KB array, to keep the loop short
        for (int i = 0; i < values.size(); i++) {
            map.put("k" + i, values.get(i));
        }
        byte[] m = BodyCodec.encodeMap(map);
        byte[] s = BodyCodec.encodeStream(values);
        for (int len = 1; len < m.length; len++) {
            byte[] cut = Arrays.copyOf(m, len);
            assertThrows(MessageFormatException.class, () -> BodyCodec.decodeMap(cut), "map cut to " + len);
        }
        for (int len = 1; len < s.length; len++) {
            byte[] cut = Arrays.copyOf(s, len);
            assertThrows(MessageFormatException.class, () -> BodyCodec.decodeStream(cut), "stream cut to " + len);
        }
    }

    @Test
    @DisplayName("random garbage and random byte flips give MessageFormatException or a valid decode, never another exception")
    void garbage() {
        Random r = new Random(1234);
        byte[] valid = BodyCodec.encodeStream(everyType().subList(0, 27));
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[r.nextInt(64)];
                r.nextBytes(b);
                if (b.length > 0 && r.nextBoolean()) {
                    b[0] = 1; // a valid version, to get past the first check
                }
            } else {
                b = valid.clone();
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            try {
                BodyCodec.decodeStream(b);
                BodyCodec.decodeMap(b);
            } catch (MessageFormatException expected) {
                rejected++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("input " + Arrays.toString(b) + " caused " + e, e);
            }
        }
        assertTrue(rejected > 10_000, "most garbage is rejected: " + rejected);
    }

    @Test
    @DisplayName("huge counts and lengths are rejected before anything is allocated")
    void hugeLengths() {
        byte[] hugeCount = {1, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0};
        assertThrows(MessageFormatException.class, () -> BodyCodec.decodeStream(hugeCount));
        assertThrows(MessageFormatException.class, () -> BodyCodec.decodeMap(hugeCount));
        byte[] hugeString = {1, 0, 0, 0, 1, 9, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'a'};
        MessageFormatException e = assertThrows(MessageFormatException.class, () -> BodyCodec.decodeStream(hugeString));
        assertTrue(e.getMessage().contains("needs 2147483647 bytes"), e.getMessage());
        byte[] hugeBytes = {1, 0, 0, 0, 1, 10, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(MessageFormatException.class, () -> BodyCodec.decodeStream(hugeBytes));
        byte[] negative = {1, 0, 0, 0, 1, 10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(MessageFormatException.class, () -> BodyCodec.decodeStream(negative));
        byte[] negativeCount = {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(MessageFormatException.class, () -> BodyCodec.decodeStream(negativeCount));
    }

    @Test
    @DisplayName("each defect is named: version, tag, boolean byte, trailing bytes, empty or repeated name, bad UTF-8")
    void namedDefects() {
        assertMalformed("format version 2", () -> BodyCodec.decodeStream(new byte[] {2, 0, 0, 0, 0}));
        assertMalformed("unknown value tag 11", () -> BodyCodec.decodeStream(new byte[] {1, 0, 0, 0, 1, 11}));
        assertMalformed("boolean byte 2", () -> BodyCodec.decodeStream(new byte[] {1, 0, 0, 0, 1, 1, 2}));
        assertMalformed("1 bytes follow", () -> BodyCodec.decodeStream(new byte[] {1, 0, 0, 0, 1, 0, 0}));
        assertMalformed("empty name", () -> BodyCodec.decodeMap(new byte[] {1, 0, 0, 0, 1, 0, 0, 0, 0, 0}));
        assertMalformed("occurs twice", () -> BodyCodec.decodeMap(
                new byte[] {1, 0, 0, 0, 2, 0, 0, 0, 1, 'a', 0, 0, 0, 0, 1, 'a', 0}));
        assertMalformed("modified UTF-8", () -> BodyCodec.decodeStream(
                new byte[] {1, 0, 0, 0, 1, 9, 0, 0, 0, 2, (byte) 0xC3, 0x41}));
        assertMalformed("cut off", () -> BodyCodec.decodeStream(new byte[] {1, 0, 0, 0, 1, 9, 0, 0, 0, 1, (byte) 0xE2}));
        assertMalformed("cannot start", () -> BodyCodec.decodeStream(new byte[] {1, 0, 0, 0, 1, 9, 0, 0, 0, 1, (byte) 0xF0}));
    }

    private static void assertMalformed(String expectedText, org.junit.jupiter.api.function.Executable decode) {
        MessageFormatException e = assertThrows(MessageFormatException.class, decode);
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
    }

    @Test
    @DisplayName("encoding refuses values a map or stream cannot hold and empty names")
    void encodeRefuses() {
        assertThrows(IllegalArgumentException.class, () -> BodyCodec.encodeStream(List.of(new Object())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("", 1);
        assertThrows(IllegalArgumentException.class, () -> BodyCodec.encodeMap(m));
    }

    @Test
    @DisplayName("a malformed received MapMessage/StreamMessage body surfaces as MessageFormatException at the first read")
    void malformedReceivedBody() throws Exception {
        org.tallymq.protocol.MessageData bad = new org.tallymq.protocol.MessageData(
                org.tallymq.protocol.BodyType.MAP, "ID:1", 0, null, null, null, null, 2, 4, 0, 0, null, null,
                new byte[] {1, 0, 0, 0, 9});
        TallyMapMessage m = (TallyMapMessage) TallyMessage.fromMessageData(bad, 1, null);
        assertThrows(MessageFormatException.class, () -> m.getInt("x"));
        assertThrows(MessageFormatException.class, m::getMapNames);
        TallyStreamMessage s = (TallyStreamMessage) TallyMessage.fromMessageData(new org.tallymq.protocol.MessageData(
                org.tallymq.protocol.BodyType.STREAM, "ID:2", 0, null, null, null, null, 2, 4, 0, 0, null, null,
                new byte[] {7}), 1, null);
        assertThrows(MessageFormatException.class, s::readObject);
    }
}
