package org.tallymq.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Bytes that are not a frame give ProtocolException with a precise message, and nothing else. */
class CodecMalformedTest {

    static final int MAX = Integer.MAX_VALUE;

    static byte[] body(Frame f) {
        byte[] b = Codec.encode(f);
        return Arrays.copyOfRange(b, 4, b.length);
    }

    static ProtocolException rejects(byte[] body) {
        return assertThrows(ProtocolException.class, () -> Codec.decode(ByteBuffer.wrap(body), MAX),
                () -> "accepted " + HexFormat.of().formatHex(body));
    }

    /**
     * Decodes {@code input}; passes if that gives ProtocolException or a frame that re-encodes to
     * exactly {@code input} (the encoding is canonical), fails on anything else.
     *
     * @return true if a frame was decoded
     */
    static boolean decodesCleanly(byte[] input, String what) {
        Frame f;
        try {
            f = Codec.decode(ByteBuffer.wrap(input), MAX);
        } catch (ProtocolException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                fail("ProtocolException without a message for " + what);
            }
            return false;
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t + " for input " + HexFormat.of().formatHex(input), t);
        }
        byte[] again = body(f);
        if (!Arrays.equals(input, again)) {
            fail(what + ": decoded " + f + " but it re-encodes differently:\n in:  " + HexFormat.of().formatHex(input)
                    + "\n out: " + HexFormat.of().formatHex(again));
        }
        return true;
    }

    @Test
    @DisplayName("every truncation of every edge-value frame, at every byte offset, is a ProtocolException")
    void everyTruncation() {
        int cuts = 0;
        for (Frame f : CodecRoundTripTest.edgeFrames()) {
            byte[] body = body(f);
            for (int len = 0; len < body.length; len++) {
                byte[] cut = Arrays.copyOf(body, len);
                if (f.command() instanceof Command.Reply.Connected c && c.protocolVersion() != 1 && len == body.length - 4) {
                    // CONNECTED without its optional last field (protocolVersion) is a version-1 CONNECTED
                    Frame v1 = assertDoesNotThrow(() -> Codec.decode(ByteBuffer.wrap(cut), MAX));
                    assertEquals(1, ((Command.Reply.Connected) v1.command()).protocolVersion());
                    continue;
                }
                ProtocolException e = rejects(cut);
                if (len >= Codec.MIN_FRAME_BODY_BYTES) {
                    String type = CommandType.of(f.command()).name();
                    assertTrue(e.getMessage().startsWith("frame of type " + type + " "), e.getMessage());
                    assertTrue(e.getMessage().contains(" truncated at offset "), e.getMessage());
                }
                cuts++;
            }
        }
        assertTrue(cuts > 10_000, "only " + cuts + " truncations tried");
    }

    @Test
    @DisplayName("every truncation of a stored message is a ProtocolException")
    void everyTruncatedStoredMessage() {
        Samples samples = Samples.random(new Random(7));
        for (int i = 0; i < 200; i++) {
            byte[] b = MessageCodec.encode((MessageData) samples.record(MessageData.class, 0));
            for (int len = 0; len < b.length; len++) {
                byte[] cut = Arrays.copyOf(b, len);
                assertThrows(ProtocolException.class, () -> MessageCodec.decode(cut));
            }
        }
    }

    @Test
    @DisplayName("150,000 seeded mutations and random inputs decode to a canonical frame or a ProtocolException")
    void fuzz() {
        Random random = new Random(0x7A11EL);
        List<byte[]> corpus = new ArrayList<>();
        for (Frame f : CodecRoundTripTest.edgeFrames()) {
            corpus.add(body(f));
        }
        Samples samples = Samples.random(new Random(99));
        for (int i = 0; i < 500; i++) {
            corpus.add(body(new Frame(random.nextLong(), samples.command())));
        }
        int decoded = 0;
        int rejected = 0;
        int iterations = 150_000;
        for (int i = 0; i < iterations; i++) {
            byte[] input = mutate(random, corpus);
            if (decodesCleanly(input, "fuzz iteration " + i)) {
                decoded++;
            } else {
                rejected++;
            }
        }
        // both outcomes must actually occur, or the fuzzer tests nothing
        assertTrue(decoded > 1_000, "only " + decoded + " mutated inputs decoded");
        assertTrue(rejected > 50_000, "only " + rejected + " mutated inputs rejected");
    }

    private static final int[] INTERESTING_INTS = {0, 1, -1, -2, 0x7FFFFFFF, 0x80000000, 0x7FFFFFF8, 0x10000000,
            255, 256, 65_536, 65_537, 5, 8, 9};

    static byte[] mutate(Random random, List<byte[]> corpus) {
        byte[] base = corpus.get(random.nextInt(corpus.size()));
        byte[] b = base.clone();
        int strategy = random.nextInt(9);
        switch (strategy) {
            case 0: // flip one to four bits
                if (b.length > 0) {
                    for (int n = 1 + random.nextInt(4); n > 0; n--) {
                        int i = random.nextInt(b.length);
                        b[i] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                return b;
            case 1: // a byte set to an interesting value
                if (b.length > 0) {
                    int[] values = {0x00, 0xFF, 0x7F, 0x80, 0x01, 0x02, 0xC0, 0xED, 0xF4, 0xF5};
                    b[random.nextInt(b.length)] = (byte) values[random.nextInt(values.length)];
                }
                return b;
            case 2: // an int (length, count) set to an interesting value
                if (b.length >= 4) {
                    int at = random.nextInt(b.length - 3);
                    int v = random.nextInt(3) == 0 ? b.length - at + random.nextInt(5) - 2
                            : INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
                    ByteBuffer.wrap(b).putInt(at, v);
                }
                return b;
            case 3: // cut short
                return Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 4: // trailing garbage
                byte[] longer = Arrays.copyOf(b, b.length + 1 + random.nextInt(16));
                for (int i = b.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt();
                }
                return longer;
            case 5: { // delete a range
                if (b.length < 2) {
                    return b;
                }
                int from = random.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + random.nextInt(8));
                byte[] shorter = new byte[b.length - (to - from)];
                System.arraycopy(b, 0, shorter, 0, from);
                System.arraycopy(b, to, shorter, from, b.length - to);
                return shorter;
            }
            case 6: { // splice the head of one frame onto the tail of another
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int head = random.nextInt(b.length + 1);
                int tail = random.nextInt(other.length + 1);
                byte[] spliced = Arrays.copyOf(b, head + other.length - tail);
                System.arraycopy(other, tail, spliced, head, other.length - tail);
                return spliced;
            }
            case 7: { // random bytes after a valid type code and correlation id
                byte[] g = new byte[9 + random.nextInt(64)];
                random.nextBytes(g);
                CommandType[] types = CommandType.values();
                g[0] = (byte) types[random.nextInt(types.length)].code;
                return g;
            }
            default: { // pure garbage
                byte[] g = new byte[random.nextInt(80)];
                random.nextBytes(g);
                return g;
            }
        }
    }

    @Test
    @DisplayName("50,000 mutated stored messages decode to a canonical message or a ProtocolException")
    void fuzzStoredMessages() {
        Random random = new Random(31337);
        Samples samples = Samples.random(new Random(5));
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            corpus.add(MessageCodec.encode((MessageData) samples.record(MessageData.class, 0)));
        }
        int decoded = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] input = mutate(random, corpus);
            MessageData m;
            try {
                m = MessageCodec.decode(input);
            } catch (ProtocolException e) {
                continue;
            } catch (Throwable t) {
                throw new AssertionError("iteration " + i + ": " + t + " for " + HexFormat.of().formatHex(input), t);
            }
            assertArrayEquals(input, MessageCodec.encode(m), "stored message re-encodes to the same bytes");
            decoded++;
        }
        assertTrue(decoded > 500, "only " + decoded + " mutated messages decoded");
    }

    // ---- lengths that lie ----------------------------------------------------------------------

    @Test
    @DisplayName("a length prefix of 2 GiB, a negative or a too small one is rejected before anything is read")
    void frameLengthPrefix() throws ProtocolException {
        int max = 16 << 20;
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Codec.checkFrameLength(Integer.MAX_VALUE, max));
        assertTrue(e.getMessage().contains("2147483647 exceeds this receiver's limit of 16777216"), e.getMessage());
        assertThrows(ProtocolException.class, () -> Codec.checkFrameLength(0x80000000, max));
        assertThrows(ProtocolException.class, () -> Codec.checkFrameLength(-1, max));
        assertThrows(ProtocolException.class, () -> Codec.checkFrameLength(8, max));
        assertEquals(9, Codec.checkFrameLength(9, max));
        assertEquals(max, Codec.checkFrameLength(max, max));
    }

    @Test
    @DisplayName("a frame body above maxFrameBytes is rejected")
    void bodyAboveLimit() {
        byte[] b = body(new Frame(1, new Command.Unsubscribe("0123456789")));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Codec.decode(ByteBuffer.wrap(b), b.length - 1));
        assertTrue(e.getMessage().contains("exceeds this receiver's limit"), e.getMessage());
    }

    @Test
    @DisplayName("lengths and counts claiming 2 GiB in every variable field are rejected without allocating")
    void hugeLengthsWithoutAllocation() throws ProtocolException {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocations");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        List<byte[]> lies = new ArrayList<>();
        lies.add(frame(0x12, ints(Integer.MAX_VALUE)));                      // UNSUBSCRIBE string
        lies.add(frame(0x0B, longs(1), ints(Integer.MAX_VALUE)));            // ACK long[] (x8 overflows int)
        lies.add(frame(0x0B, longs(1), ints(0x20000000)));                   // ACK long[] of exactly 2^32 bytes
        lies.add(frame(0x62, ints(Integer.MAX_VALUE)));                      // BROWSED list count
        byte[] send = body(new Frame(1, new Command.Send(1, CodecRoundTripTest.message(BodyType.BYTES, null,
                Map.of(), new byte[0]))));
        ByteBuffer.wrap(send).putInt(send.length - 4, Integer.MAX_VALUE); // message.body length
        lies.add(send);
        byte[] props = send.clone();
        ByteBuffer.wrap(props).putInt(props.length - 8, Integer.MAX_VALUE); // message.properties count
        lies.add(props);
        for (byte[] lie : lies) {
            rejects(lie); // warm up: load classes, compile
        }
        long tid = Thread.currentThread().getId();
        for (byte[] lie : lies) {
            long before = mx.getThreadAllocatedBytes(tid);
            ProtocolException e = rejects(lie);
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            assertTrue(allocated < 64 * 1024, "rejecting " + e.getMessage() + " allocated " + allocated + " bytes");
        }
    }

    // ---- precise messages --------------------------------------------------------------------

    @Test
    @DisplayName("the message names the command, correlation id, field, offset and what was expected")
    void preciseTruncationMessage() {
        MessageData m = CodecRoundTripTest.message(BodyType.TEXT, null, Map.of(), null);
        byte[] b = body(new Frame(7, new Command.Send(3, m)));
        // message.type is the string after the two longs of expiration/deliveryTime; find it from the end:
        // [type 4][properties 4][body 4]
        int typeAt = b.length - 12;
        ByteBuffer.wrap(b).putInt(typeAt, 100_000);
        ProtocolException e = rejects(b);
        assertEquals("frame of type SEND (correlation id 7, " + b.length + " bytes) truncated at offset " + typeAt
                + ", field message.type: string length 100000 exceeds the 8 bytes remaining", e.getMessage());
    }

    @Test
    @DisplayName("unknown type codes are rejected, naming the code and what version 1 defines")
    void unknownTypeCodes() {
        int rejected = 0;
        for (int code = 0; code < 256; code++) {
            if (CommandType.ofCode(code) != null) {
                continue;
            }
            byte[] b = new byte[9];
            b[0] = (byte) code;
            ProtocolException e = rejects(b);
            assertTrue(e.getMessage().contains(String.format("unknown command type code 0x%02X", code)), e.getMessage());
            rejected++;
        }
        assertEquals(256 - CommandType.values().length, rejected);
    }

    @Test
    @DisplayName("unknown enum codes, booleans other than 0/1 and a bad message presence byte are rejected")
    void unknownEnumCodes() {
        ProtocolException e = rejects(frame(0x04, longs(1), new byte[]{4}));
        assertTrue(e.getMessage().contains("field mode: unknown session mode 4"), e.getMessage());
        e = rejects(frame(0x63, new byte[]{12}, ints(-1)));
        assertTrue(e.getMessage().contains("field code: unknown error code 12"), e.getMessage());
        e = rejects(frame(0x10, new byte[]{4}, ints(0)));
        assertTrue(e.getMessage().contains("unknown destination kind 0x04"), e.getMessage());
        byte[] consumer = body(new Frame(1, new Command.CreateConsumer(1, 2, DestinationRef.queue("q"), null, false,
                null, false, false, 10)));
        consumer[9 + 16 + 1 + 4 + 1 + 4] = 2; // noLocal
        e = rejects(consumer);
        assertTrue(e.getMessage().contains("field noLocal: boolean byte 0x02"), e.getMessage());
        e = rejects(frame(0x0A, longs(1), new byte[]{2}));
        assertTrue(e.getMessage().contains("field message: presence byte 0x02"), e.getMessage());
        byte[] send = body(new Frame(1, new Command.Send(1, CodecRoundTripTest.message(BodyType.TEXT, null, Map.of(),
                null))));
        send[18] = 6; // message.bodyType
        e = rejects(send);
        assertTrue(e.getMessage().contains("field message.bodyType: unknown body type code 6"), e.getMessage());
    }

    @Test
    @DisplayName("negative lengths other than -1, and null where a value is required, are rejected")
    void negativeLengths() {
        ProtocolException e = rejects(frame(0x12, ints(-2)));
        assertTrue(e.getMessage().contains("field subscriptionName: string length -2 is negative"), e.getMessage());
        e = rejects(frame(0x0B, longs(1), ints(Integer.MIN_VALUE)));
        assertTrue(e.getMessage().contains("long array length -2147483648 is negative"), e.getMessage());
        e = rejects(frame(0x10, new byte[]{0}, ints(-1)));
        assertTrue(e.getMessage().contains("field destination.name: null (length -1) where a value is required"),
                e.getMessage());
        e = rejects(frame(0x62, ints(-5)));
        assertTrue(e.getMessage().contains("list length -5 is negative"), e.getMessage());
    }

    @Test
    @DisplayName("bytes after a command's last field are rejected")
    void trailingGarbage() {
        byte[] ok = body(new Frame(1, new Command.Credit(5, 10)));
        byte[] longer = Arrays.copyOf(ok, ok.length + 3);
        ProtocolException e = rejects(longer);
        assertTrue(e.getMessage().contains("at offset 21: 3 unexpected bytes after its last field (credits)"),
                e.getMessage());
        e = rejects(frame(0x03, new byte[]{0}));
        assertTrue(e.getMessage().contains("1 unexpected bytes after its last field"), e.getMessage());
        byte[] stored = Arrays.copyOf(MessageCodec.encode(CodecRoundTripTest.message(BodyType.MESSAGE, null, Map.of(),
                null)), 1 + MessageCodec.MIN_BLOCK_BYTES + 1);
        assertThrows(ProtocolException.class, () -> MessageCodec.decode(stored));
    }

    @Test
    @DisplayName("property maps: duplicate names, unknown tags, null names and counts above the limit are rejected")
    void badProperties() {
        byte[] dup = props(ints(2), string("a"), new byte[]{4}, ints(1), string("a"), new byte[]{4}, ints(2));
        ProtocolException e = rejects(dup);
        assertTrue(e.getMessage().contains("field message.properties['a']: property name appears twice"),
                e.getMessage());
        e = rejects(props(ints(1), string("x"), new byte[]{9}));
        assertTrue(e.getMessage().contains("field message.properties['x']: unknown property type tag 9"), e.getMessage());
        e = rejects(props(ints(1), ints(-1), new byte[]{0}));
        assertTrue(e.getMessage().contains("field message.properties[0].name: null"), e.getMessage());
        e = rejects(props(ints(Codec.MAX_PROPERTIES + 1)));
        assertTrue(e.getMessage().contains("property count 65537; expected 0..65536"), e.getMessage());
        e = rejects(props(ints(1), string("line\nbreak" + "x".repeat(100)), new byte[]{9}));
        assertTrue(e.getMessage().contains("field message.properties['line\\u000Abreak" + "x".repeat(70) + "...']"),
                "a name from the wire is escaped and cut short in the message: " + e.getMessage());
        e = rejects(props(ints(1), string("s"), new byte[]{8}, ints(-1)));
        assertTrue(e.getMessage().contains("field message.properties['s']: null (length -1)"), e.getMessage());
    }

    @Test
    @DisplayName("ill-formed UTF-8 is rejected: overlong forms, surrogates, above U+10FFFF, stray and missing continuation bytes")
    void illFormedUtf8() throws ProtocolException {
        String[] bad = {"C0AF", "C1BF", "E080AF", "EDA080", "EDBFBF", "F08282AC", "F4908080", "F5808080", "FF", "80",
                "BF", "C3", "E282", "F09F98", "C328", "E228A1", "F0288CBC", "41C3"};
        for (String hex : bad) {
            byte[] utf8 = HexFormat.of().parseHex(hex);
            ProtocolException e = rejects(frame(0x02, ints(utf8.length), utf8));
            assertTrue(e.getMessage().contains("field clientId: string of " + utf8.length
                    + " bytes is not well-formed UTF-8"), hex + ": " + e.getMessage());
        }
        String[] good = {"7F", "C280", "DFBF", "E0A080", "ED9FBF", "EE8080", "EFBFBF", "F0908080", "F48FBFBF"};
        for (String hex : good) {
            byte[] utf8 = HexFormat.of().parseHex(hex);
            Frame f = Codec.decode(ByteBuffer.wrap(frame(0x02, ints(utf8.length), utf8)), MAX);
            assertArrayEquals(utf8, ((Command.SetClientId) f.command()).clientId().getBytes(StandardCharsets.UTF_8), hex);
        }
    }

    @Test
    @DisplayName("a stored message of another format version is refused, naming both versions")
    void storedMessageVersion() {
        byte[] b = MessageCodec.encode(CodecRoundTripTest.message(BodyType.MESSAGE, null, Map.of(), null));
        b[0] = 3;
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(b));
        assertTrue(e.getMessage().contains("unable to read stored message format version 3; this build reads version 1"),
                e.getMessage());
    }

    @Test
    @DisplayName("a failed decode leaves the buffer's position where it was")
    void positionUnchangedOnFailure() {
        ByteBuffer in = ByteBuffer.wrap(new byte[]{0, 0x0B, 0, 0});
        in.position(1);
        assertThrows(ProtocolException.class, () -> Codec.decode(in, MAX));
        assertEquals(1, in.position());
    }

    // ---- building raw frames -------------------------------------------------------------------

    /** A frame body: type code, correlation id 1, then the given parts. */
    static byte[] frame(int type, byte[]... parts) {
        byte[][] all = new byte[parts.length + 2][];
        all[0] = new byte[]{(byte) type};
        all[1] = longs(1);
        System.arraycopy(parts, 0, all, 2, parts.length);
        return concat(all);
    }

    /** A SEND frame whose message has the given property-map bytes and a null body. */
    static byte[] props(byte[]... mapParts) {
        byte[] send = body(new Frame(1, new Command.Send(1, CodecRoundTripTest.message(BodyType.MESSAGE, null,
                Map.of(), null))));
        byte[] head = Arrays.copyOf(send, send.length - 8); // up to the empty property map
        byte[][] all = new byte[mapParts.length + 2][];
        all[0] = head;
        System.arraycopy(mapParts, 0, all, 1, mapParts.length);
        all[all.length - 1] = ints(-1); // body null
        return concat(all);
    }

    static byte[] ints(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static byte[] longs(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static byte[] string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(ints(b.length), b);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
