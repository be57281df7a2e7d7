package org.tallymq.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames and stored messages survive encode + decode exactly, and the layout is the documented one. */
class CodecRoundTripTest {

    static final int MAX = Integer.MAX_VALUE;

    /** Encodes, checks the length prefix and the size, decodes, compares deeply; returns the bytes. */
    static byte[] roundTrip(Frame f) throws ProtocolException {
        byte[] bytes = Codec.encode(f);
        assertEquals(Codec.encodedSize(f), bytes.length, "encodedSize");
        assertEquals(bytes.length - 4, ByteBuffer.wrap(bytes).getInt(), "length prefix");
        ByteBuffer body = ByteBuffer.wrap(bytes, 4, bytes.length - 4);
        Frame back = Codec.decode(body, MAX);
        assertEquals(bytes.length, body.position(), "decode consumes the whole body");
        Deep.assertDeepEquals(f, back);
        assertArrayEquals(bytes, Codec.encode(back), "the encoding is canonical");
        return bytes;
    }

    static List<Frame> edgeFrames() {
        List<Frame> frames = new ArrayList<>();
        for (Class<?> c : Samples.commandClasses()) {
            for (int k = 0; k < Samples.EDGE_ROUNDS; k++) {
                frames.add(Samples.edge(k).frame(c));
            }
        }
        return frames;
    }

    @Test
    @DisplayName("every Command record (through the nested sealed Reply) has a type code in the codec")
    void everyCommandHasATypeCode() {
        List<Class<?>> classes = Samples.commandClasses();
        Set<Class<?>> known = Stream.of(CommandType.values()).map(t -> t.recordClass).collect(Collectors.toSet());
        List<String> missing = classes.stream().filter(c -> !known.contains(c)).map(Class::getName).toList();
        assertEquals(List.of(), missing, "commands without a type code in CommandType/Codec");
        assertEquals(classes.size(), CommandType.values().length, "CommandType lists a class that is not a Command");
        assertTrue(classes.contains(Command.Reply.Failed.class), "the nested sealed Reply was walked");
    }

    @Test
    @DisplayName("every command type round-trips with extreme values in every component")
    void everyCommandWithEdgeValues() throws ProtocolException {
        int n = 0;
        for (Frame f : edgeFrames()) {
            roundTrip(f);
            n++;
        }
        assertEquals(Samples.commandClasses().size() * Samples.EDGE_ROUNDS, n);
    }

    @Test
    @DisplayName("10,000 random frames of every type round-trip (seeded)")
    void randomFrames() throws ProtocolException {
        Random random = new Random(20261126L);
        Samples samples = Samples.random(random);
        List<Class<?>> classes = Samples.commandClasses();
        for (int i = 0; i < 10_000; i++) {
            roundTrip(samples.frame(classes.get(i % classes.size())));
        }
    }

    @Test
    @DisplayName("5,000 random stored messages round-trip through MessageCodec (seeded)")
    void randomStoredMessages() throws ProtocolException {
        Samples samples = Samples.random(new Random(42L));
        for (int i = 0; i < 5_000; i++) {
            MessageData m = (MessageData) samples.record(MessageData.class, 0);
            byte[] b = Codec.encodeMessage(m);
            assertEquals(MessageCodec.encodedSize(m), b.length);
            MessageData back = Codec.decodeMessage(b);
            Deep.assertDeepEquals(m, back);
            assertArrayEquals(b, MessageCodec.encode(back));
        }
    }

    @Test
    @DisplayName("every enum value and null round-trips: SessionMode, ErrorCode, BodyType, destination kinds")
    void everyEnumValue() throws ProtocolException {
        for (SessionMode mode : SessionMode.values()) {
            roundTrip(new Frame(1, new Command.CreateSession(2, mode)));
        }
        roundTrip(new Frame(1, new Command.CreateSession(2, null)));
        for (ErrorCode code : ErrorCode.values()) {
            roundTrip(new Frame(1, new Command.Reply.Failed(code, "why")));
            roundTrip(new Frame(0, new Command.ConnectionClosedByBroker(code, "why")));
        }
        for (BodyType t : BodyType.values()) {
            roundTrip(new Frame(3, new Command.Send(4, message(t, DestinationRef.queue("q"), Map.of(), null))));
        }
        for (DestinationRef.Kind kind : DestinationRef.Kind.values()) {
            roundTrip(new Frame(5, new Command.CreateTemporary(new DestinationRef(kind, "d-" + kind))));
        }
    }

    @Test
    @DisplayName("large values: a 1 MiB body, 100,000 delivery ids, a 70,000-char 3-byte UTF-8 string")
    void largeValues() throws ProtocolException {
        byte[] body = new byte[1 << 20];
        new Random(1).nextBytes(body);
        roundTrip(new Frame(9, new Command.Send(1, message(BodyType.BYTES, DestinationRef.topic("t"), Map.of(), body))));
        long[] ids = new Random(2).longs(100_000).toArray();
        roundTrip(new Frame(9, new Command.Ack(1, ids)));
        String s = "\u20ac".repeat(70_000);
        byte[] frame = roundTrip(new Frame(9, new Command.Unsubscribe(s)));
        assertEquals(4 + 9 + 4 + 210_000, frame.length);
    }

    @Test
    @DisplayName("an unpaired surrogate is sent as '?', as String.getBytes(UTF_8) does")
    void unpairedSurrogate() throws ProtocolException {
        Frame f = new Frame(1, new Command.SetClientId("a\ud800b\udc00"));
        Frame back = Codec.decode(ByteBuffer.wrap(Codec.encode(f), 4, Codec.encodedSize(f) - 4), MAX);
        assertEquals("a?b?", ((Command.SetClientId) back.command()).clientId());
    }

    @Test
    @DisplayName("golden bytes: CREATE_SESSION is laid out as the table in Codec says")
    void goldenCreateSession() {
        byte[] b = Codec.encode(new Frame(5, new Command.CreateSession(0x0102030405060708L,
                SessionMode.CLIENT_ACKNOWLEDGE)));
        assertEquals("00000012" + "04" + "0000000000000005" + "0102030405060708" + "02", HexFormat.of().formatHex(b));
    }

    @Test
    @DisplayName("golden bytes: SEND with a small text message is laid out as the tables in Codec and MessageCodec say")
    void goldenSend() {
        MessageData m = new MessageData(BodyType.TEXT, "ID:1", 2, null, null, DestinationRef.queue("q"), null,
                MessageData.PERSISTENT, 4, 0, 0, null, Map.of("p", 7), "hi".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] b = Codec.encode(new Frame(-1, new Command.Send(3, m)));
        String expected = ""
                + "00000062"                                 // length 98 = 18 + a message block of 80
                + "0A" + "FFFFFFFFFFFFFFFF"                  // SEND, correlation id -1
                + "0000000000000003"                         // sessionId
                + "01"                                       // message present
                + "01"                                       // bodyType TEXT
                + "00000004" + "49443A31"                    // messageId "ID:1"
                + "0000000000000002"                         // timestamp
                + "FFFFFFFF"                                 // correlationId null
                + "FFFFFFFF"                                 // correlationIdBytes null
                + "00" + "00000001" + "71"                   // destination queue "q"
                + "FF"                                       // replyTo null
                + "00000002"                                 // deliveryMode PERSISTENT
                + "00000004"                                 // priority
                + "0000000000000000"                         // expiration
                + "0000000000000000"                         // deliveryTime
                + "FFFFFFFF"                                 // type null
                + "00000001" + "00000001" + "70" + "04" + "00000007" // properties {p: int 7}
                + "00000002" + "6869";                       // body "hi"
        assertEquals(expected.toLowerCase(), HexFormat.of().formatHex(b));
    }

    @Test
    @DisplayName("a stored message starts with its format version byte")
    void storedMessageVersion() throws ProtocolException {
        MessageData m = message(BodyType.MESSAGE, null, Map.of(), null);
        byte[] b = MessageCodec.encode(m);
        assertEquals(MessageCodec.FORMAT_VERSION, b[0]);
        assertEquals(1 + MessageCodec.MIN_BLOCK_BYTES, b.length, "an all-null message is the minimum block");
        Deep.assertDeepEquals(m, MessageCodec.decode(ByteBuffer.wrap(b)));
    }

    @Test
    @DisplayName("encode(frame, buffer) writes at the position of a little-endian direct buffer and keeps its order")
    void encodeIntoBuffer() throws ProtocolException {
        Frame f = new Frame(77, new Command.Credit(5, 100));
        ByteBuffer out = ByteBuffer.allocateDirect(100).order(ByteOrder.LITTLE_ENDIAN);
        out.position(10);
        Codec.encode(f, out);
        assertEquals(10 + Codec.encodedSize(f), out.position());
        assertEquals(ByteOrder.LITTLE_ENDIAN, out.order());
        out.flip().position(10);
        ByteBuffer copy = ByteBuffer.allocate(out.remaining());
        copy.put(out).flip();
        assertArrayEquals(Codec.encode(f), copy.array());
        ByteBuffer tooSmall = ByteBuffer.allocate(Codec.encodedSize(f) - 1);
        assertThrows(IllegalArgumentException.class, () -> Codec.encode(f, tooSmall));
        assertEquals(0, tooSmall.position(), "nothing written when the buffer is too small");
    }

    @Test
    @DisplayName("decode reads a direct, little-endian, read-only buffer from its position")
    void decodeAnyBuffer() throws ProtocolException {
        Frame f = new Frame(8, new Command.Connect(Codec.PROTOCOL_VERSION, "user \u00fc", "secret", "client-\ud83d\ude00"));
        byte[] bytes = Codec.encode(f);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(new byte[3]).put(bytes, 4, bytes.length - 4).flip().position(3);
        Deep.assertDeepEquals(f, Codec.decode(direct, MAX));
        Deep.assertDeepEquals(f, Codec.decode(ByteBuffer.wrap(bytes, 4, bytes.length - 4).asReadOnlyBuffer(), MAX));
    }

    @Test
    @DisplayName("encoding rejects what JMS does not allow, with the property named")
    void encodeRejects() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("when", new java.util.Date());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codec.encode(new Frame(1, new Command.Send(1, message(BodyType.TEXT, null, bad, null)))));
        assertTrue(e.getMessage().contains("properties['when'] is a java.util.Date"), e.getMessage());

        Map<String, Object> nullName = new LinkedHashMap<>();
        nullName.put(null, 1);
        assertThrows(IllegalArgumentException.class,
                () -> Codec.encodeMessage(message(BodyType.TEXT, null, nullName, null)));

        List<MessageData> withNull = new ArrayList<>();
        withNull.add(null);
        e = assertThrows(IllegalArgumentException.class,
                () -> Codec.encode(new Frame(1, new Command.Reply.Browsed(withNull))));
        assertTrue(e.getMessage().contains("messages[0] is null"), e.getMessage());
    }

    @Test
    @DisplayName("encoding a 1 KiB message allocates little beyond the output array")
    void encodingAllocatesLittle() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot count allocated bytes");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("customer", "c-\u00e9-12345");
        props.put("amount", 12.5d);
        props.put("retries", 3);
        MessageData m = new MessageData(BodyType.TEXT, "ID:abc-123", 1, "corr", null, DestinationRef.queue("orders"),
                DestinationRef.queue("replies"), 2, 4, 0, 0, "order", props, new byte[1024]);
        Frame f = new Frame(1, new Command.Send(1, m));
        for (int i = 0; i < 1000; i++) {
            Codec.encode(f); // warm up
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        int n = 100;
        int size = 0;
        for (int i = 0; i < n; i++) {
            size = Codec.encode(f).length;
        }
        long perEncode = (mx.getThreadAllocatedBytes(tid) - before) / n;
        assertTrue(perEncode < size + 512, "one encode of a " + size + "-byte frame allocated " + perEncode + " bytes");
    }

    static MessageData message(BodyType t, DestinationRef d, Map<String, Object> props, byte[] body) {
        return new MessageData(t, null, 0, null, null, d, null, 0, 0, 0, 0, null, props, body);
    }
}
