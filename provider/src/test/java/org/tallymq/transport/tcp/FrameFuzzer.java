package org.tallymq.transport.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tallymq.protocol.BodyType;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.ErrorCode;
import org.tallymq.protocol.Frame;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.SessionMode;

/**
 * Writes what one hostile or confused client sends on one connection: maybe a CONNECT, then
 * random well-formed commands (requests with random ids and values, commands only a broker may
 * send, requests before CONNECT) and frames with flipped bits in their body, and at the end one
 * {@link Attack}. Everything before the attack keeps the stream in frame sync (length prefixes
 * are never touched there), so an attack that is {@link Attack#fatal fatal} is certain to be seen
 * by the broker as a bad frame, unless an earlier flipped frame already was one.
 *
 * <p>Deterministic for a given {@link Random}. Never names {@link #PROTECTED_QUEUE} (and no
 * destination name it uses is one bit away from it), so a well-behaved client's messages there
 * can be checked afterwards. Not thread-safe: one per thread.
 */
final class FrameFuzzer {

    static final String PROTECTED_QUEUE = "fuzz.precious";

    /** How the last frame of a connection is broken. */
    enum Attack {
        /** One to three bits flipped after the length prefix: may decode, to anything. */
        FLIP_BODY(false),
        /** The body cut short, the length prefix telling the truth about the shorter body. */
        TRUNCATE_CONSISTENT(true),
        /** The frame cut short, the length prefix still announcing the whole body. */
        TRUNCATE_RAW(false),
        /** Length prefix 0x80000000: 2 GiB read as an unsigned number, negative as an int32. */
        LENGTH_2GIB(true),
        /** Length prefix 0x7FFFFFFF. */
        LENGTH_MAX_INT(true),
        /** A length just above, or well above, the broker's frame limit. */
        LENGTH_OVER_LIMIT(true),
        /** A negative length other than 2 GiB. */
        LENGTH_NEGATIVE(true),
        /** A length shorter than the body that follows: the broker decodes a prefix of the body. */
        LENGTH_SHORTER(true),
        /** A length longer than the body that follows: the broker waits for bytes that never come. */
        LENGTH_LONGER(false),
        /** A type code protocol version 1 does not define. */
        UNKNOWN_TYPE(true),
        /** Extra bytes after the last field, counted in the length prefix. */
        TRAILING_BYTES(true),
        /** Random bytes. */
        GARBAGE(false);

        /** The broker must close the connection for a bad frame when it reads this. */
        final boolean fatal;

        Attack(boolean fatal) {
            this.fatal = fatal;
        }
    }

    /** What one connection sends. */
    record Plan(byte[] bytes, int frames, boolean connects, Attack attack) {
    }

    private static final Attack[] ATTACKS = Attack.values();
    private static final String[] SELECTORS = {null, "", "JMSPriority > 4", "color = 'red' AND size < 3",
            "((( not a selector", "x IN ('a', 'b')", "\u0000"};
    private static final String[] NAMES = {null, "", "fuzz-client-1", "fuzz-client-2", "sub-a", "sub-b",
            "\u65e5\u672c"};
    private static final int[] INTS = {0, 1, -1, 2, 10, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};

    private final Random rnd;
    private final int maxFrameBytes;
    private long messageCounter;

    FrameFuzzer(Random rnd, int maxFrameBytes) {
        this.rnd = rnd;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The bytes of one connection: up to {@code maxFrames} frames, the last an attack. */
    Plan next(int maxFrames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frames = 0;
        boolean connects = rnd.nextInt(10) < 8;
        if (connects) {
            out.writeBytes(encode(new Command.Connect(Codec.PROTOCOL_VERSION, null, null,
                    rnd.nextInt(4) == 0 ? pick(NAMES) : null)));
            frames++;
        }
        int n = rnd.nextInt(Math.max(1, maxFrames - 1));
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(10);
            byte[] f;
            if (k < 6) {
                f = encode(request());
            } else if (k < 7) {
                f = encode(brokerCommand());
            } else {
                f = flipBody(encode(request()));
            }
            out.writeBytes(f);
            frames++;
        }
        Attack attack = ATTACKS[rnd.nextInt(ATTACKS.length)];
        out.writeBytes(attack(attack, encode(rnd.nextInt(5) == 0 ? brokerCommand() : request())));
        frames++;
        return new Plan(out.toByteArray(), frames, connects, attack);
    }

    // ---- attacks -------------------------------------------------------------------------------

    private byte[] attack(Attack a, byte[] f) {
        int body = f.length - Codec.LENGTH_PREFIX_BYTES;
        switch (a) {
            case FLIP_BODY:
                return flipBody(f);
            case TRUNCATE_CONSISTENT: {
                int keep = rnd.nextInt(body);
                byte[] t = new byte[Codec.LENGTH_PREFIX_BYTES + keep];
                System.arraycopy(f, 0, t, 0, t.length);
                return withLength(t, keep);
            }
            case TRUNCATE_RAW: {
                byte[] t = new byte[1 + rnd.nextInt(f.length - 1)];
                System.arraycopy(f, 0, t, 0, t.length);
                return t;
            }
            case LENGTH_2GIB:
                return withLength(f, 0x8000_0000);
            case LENGTH_MAX_INT:
                return withLength(f, Integer.MAX_VALUE);
            case LENGTH_OVER_LIMIT:
                return withLength(f, maxFrameBytes + 1 + (rnd.nextBoolean() ? 0 : rnd.nextInt(Integer.MAX_VALUE - maxFrameBytes - 1)));
            case LENGTH_NEGATIVE:
                return withLength(f, rnd.nextBoolean() ? -1 : -(1 + rnd.nextInt(Integer.MAX_VALUE)));
            case LENGTH_SHORTER:
                return withLength(f, rnd.nextInt(body));
            case LENGTH_LONGER:
                return withLength(f, body + 1 + rnd.nextInt(4096));
            case UNKNOWN_TYPE: {
                int[] undefined = {0x00, 0x14 + rnd.nextInt(0x40 - 0x14), 0x42 + rnd.nextInt(0x60 - 0x42),
                        0x64 + rnd.nextInt(0x100 - 0x64)};
                f[Codec.LENGTH_PREFIX_BYTES] = (byte) undefined[rnd.nextInt(undefined.length)];
                return f;
            }
            case TRAILING_BYTES: {
                int extra = 1 + rnd.nextInt(64);
                byte[] t = new byte[f.length + extra];
                System.arraycopy(f, 0, t, 0, f.length);
                for (int i = f.length; i < t.length; i++) {
                    t[i] = (byte) rnd.nextInt(256);
                }
                return withLength(t, body + extra);
            }
            case GARBAGE: {
                byte[] g = new byte[1 + rnd.nextInt(256)];
                rnd.nextBytes(g);
                return g;
            }
            default:
                throw new AssertionError(a);
        }
    }

    private byte[] flipBody(byte[] f) {
        int flips = 1 + rnd.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int at = Codec.LENGTH_PREFIX_BYTES + rnd.nextInt(f.length - Codec.LENGTH_PREFIX_BYTES);
            f[at] ^= (byte) (1 << rnd.nextInt(8));
        }
        return f;
    }

    private static byte[] withLength(byte[] f, int length) {
        ByteBuffer.wrap(f).putInt(0, length);
        return f;
    }

    // ---- well-formed commands with random values -------------------------------------------

    private byte[] encode(Command c) {
        long corr = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(1_000_000);
        return Codec.encode(new Frame(corr, c));
    }

    private Command request() {
        switch (rnd.nextInt(19)) {
            case 0:
                return new Command.Connect(rnd.nextInt(4) == 0 ? pickInt() : Codec.PROTOCOL_VERSION, pick(NAMES),
                        pick(NAMES), pick(NAMES));
            case 1:
                return new Command.SetClientId(pick(NAMES));
            case 2:
                return new Command.Disconnect();
            case 3:
                return new Command.CreateSession(id(), rnd.nextInt(6) == 0 ? null
                        : SessionMode.values()[rnd.nextInt(SessionMode.values().length)]);
            case 4:
                return new Command.CloseSession(id(), longs());
            case 5:
                return new Command.CreateConsumer(id(), id(), destination(), pick(SELECTORS), rnd.nextBoolean(),
                        pick(NAMES), rnd.nextBoolean(), rnd.nextBoolean(), pickInt());
            case 6:
                return new Command.CloseConsumer(id(), longs());
            case 7:
                return new Command.Credit(id(), pickInt());
            case 8:
                return new Command.Pull(id(), pickInt());
            case 9:
            case 10:
                return new Command.Send(id(), rnd.nextInt(10) == 0 ? null : message());
            case 11:
                return new Command.Ack(id(), longs());
            case 12:
                return new Command.Recover(id(), longs());
            case 13:
                return new Command.Commit(id(), longs());
            case 14:
                return new Command.Rollback(id(), longs());
            case 15:
                return new Command.Browse(destination(), pick(SELECTORS));
            case 16:
                return rnd.nextBoolean() ? new Command.CreateTemporary(destination())
                        : new Command.DeleteTemporary(destination());
            case 17:
                return new Command.Unsubscribe(pick(NAMES));
            default:
                return new Command.Heartbeat();
        }
    }

    /** A command only a broker may send. */
    private Command brokerCommand() {
        switch (rnd.nextInt(6)) {
            case 0:
                return new Command.Deliver(id(), id(), pickInt(), rnd.nextBoolean() ? null : message());
            case 1:
                return new Command.ConnectionClosedByBroker(ErrorCode.values()[rnd.nextInt(ErrorCode.values().length)],
                        pick(NAMES));
            case 2:
                return Command.Reply.OK;
            case 3:
                return new Command.Reply.Connected(pick(NAMES), pick(NAMES));
            case 4:
                List<MessageData> ms = new ArrayList<>();
                for (int i = rnd.nextInt(3); i > 0; i--) {
                    ms.add(message());
                }
                return new Command.Reply.Browsed(ms);
            default:
                return new Command.Reply.Failed(ErrorCode.values()[rnd.nextInt(ErrorCode.values().length)], pick(NAMES));
        }
    }

    private MessageData message() {
        BodyType type = BodyType.values()[rnd.nextInt(BodyType.values().length)];
        byte[] body = rnd.nextInt(5) == 0 ? null : new byte[rnd.nextInt(300)];
        if (body != null) {
            rnd.nextBytes(body);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            Object[] values = {Boolean.TRUE, (byte) 7, (short) -3, pickInt(), rnd.nextLong(), 1.5f, Double.NaN,
                    "red", null};
            props.put("p" + rnd.nextInt(5), values[rnd.nextInt(values.length)]);
        }
        long now = System.currentTimeMillis();
        // No delivery time in the future: the broker's close then waits 10 s for the scheduled delivery
        // (a broker defect reported separately); expiration may be anything.
        long[] times = {0, now - 60_000, now + 3_600_000, Long.MAX_VALUE, Long.MIN_VALUE};
        long[] pastTimes = {0, now - 60_000, Long.MIN_VALUE};
        return new MessageData(type, rnd.nextInt(8) == 0 ? null : "ID:fuzz-" + (messageCounter++),
                rnd.nextLong(), pick(NAMES), rnd.nextInt(8) == 0 ? new byte[] {1, 2, 3} : null,
                rnd.nextInt(12) == 0 ? null : destination(), rnd.nextInt(4) == 0 ? destination() : null,
                new int[] {MessageData.NON_PERSISTENT, MessageData.PERSISTENT, 0, 99}[rnd.nextInt(4)],
                new int[] {0, 4, 9, -1, 100}[rnd.nextInt(5)], times[rnd.nextInt(times.length)],
                rnd.nextInt(4) == 0 ? pastTimes[rnd.nextInt(pastTimes.length)] : 0, pick(NAMES), props, body);
    }

    private DestinationRef destination() {
        switch (rnd.nextInt(6)) {
            case 0:
            case 1:
                return DestinationRef.queue("fuzz.q" + rnd.nextInt(3));
            case 2:
                return DestinationRef.topic("fuzz.t" + rnd.nextInt(2));
            case 3:
                return new DestinationRef(DestinationRef.Kind.TEMP_QUEUE, "fuzz.tmp-q" + rnd.nextInt(2));
            case 4:
                return new DestinationRef(DestinationRef.Kind.TEMP_TOPIC, "fuzz.tmp-t" + rnd.nextInt(2));
            default:
                return null;
        }
    }

    private long id() {
        return rnd.nextInt(10) == 0 ? rnd.nextLong() : 1 + rnd.nextInt(4);
    }

    private long[] longs() {
        if (rnd.nextInt(6) == 0) {
            return null;
        }
        long[] a = new long[rnd.nextInt(6)];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextInt(10) == 0 ? rnd.nextLong() : 1 + rnd.nextInt(50);
        }
        return a;
    }

    private int pickInt() {
        return rnd.nextInt(4) == 0 ? rnd.nextInt() : INTS[rnd.nextInt(INTS.length)];
    }

    private String pick(String[] pool) {
        return pool[rnd.nextInt(pool.length)];
    }
}
