package org.tallymq.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks the codec against a second, deliberately naive encoder written from the tables in
 * {@link Codec} and {@link MessageCodec}: fields in record-component order, each encoded by its
 * Java type. A field the codec writes out of order, twice or not at all shows up here even when
 * the round trip (which uses the codec both ways) cannot see it.
 */
class CodecLayoutTest {

    @Test
    @DisplayName("every edge-value frame is laid out field by field in record-component order, as documented")
    void edgeFramesMatchTheTable() {
        for (Frame f : CodecRoundTripTest.edgeFrames()) {
            assertEquals(hex(reference(f)), hex(Codec.encode(f)), () -> "layout of " + f);
        }
    }

    @Test
    @DisplayName("3,000 random frames and stored messages are laid out as documented")
    void randomFramesMatchTheTable() {
        Samples samples = Samples.random(new Random(1234));
        for (int i = 0; i < 3_000; i++) {
            Frame f = new Frame(i, samples.command());
            assertEquals(hex(reference(f)), hex(Codec.encode(f)), () -> "layout of " + f);
            MessageData m = (MessageData) samples.record(MessageData.class, 0);
            byte[] stored = concat(new byte[]{MessageCodec.FORMAT_VERSION}, block(m));
            assertEquals(hex(stored), hex(MessageCodec.encode(m)));
        }
    }

    static byte[] reference(Frame f) {
        Out out = new Out();
        out.u8(CommandType.of(f.command()).code);
        out.i64(f.correlationId());
        fields((Record) f.command(), out);
        byte[] body = out.bytes();
        Out framed = new Out();
        framed.i32(body.length);
        framed.raw(body);
        return framed.bytes();
    }

    static byte[] block(MessageData m) {
        Out out = new Out();
        fields(m, out);
        return out.bytes();
    }

    private static void fields(Record r, Out out) {
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            if (r instanceof Command.Reply.Connected c && rc.getName().equals("protocolVersion") && c.protocolVersion() == 1) {
                continue; // the protocol's one optional field: absent means version 1
            }
            Object v;
            try {
                v = rc.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError(e);
            }
            value(rc.getType(), v, out);
        }
    }

    @SuppressWarnings("unchecked")
    private static void value(Class<?> type, Object v, Out out) {
        if (type == int.class) {
            out.i32((Integer) v);
        } else if (type == long.class) {
            out.i64((Long) v);
        } else if (type == boolean.class) {
            out.u8((Boolean) v ? 1 : 0);
        } else if (type == String.class) {
            if (v == null) {
                out.i32(-1);
            } else {
                byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                out.i32(b.length);
                out.raw(b);
            }
        } else if (type == byte[].class) {
            if (v == null) {
                out.i32(-1);
            } else {
                out.i32(((byte[]) v).length);
                out.raw((byte[]) v);
            }
        } else if (type == long[].class) {
            if (v == null) {
                out.i32(-1);
            } else {
                out.i32(((long[]) v).length);
                for (long l : (long[]) v) {
                    out.i64(l);
                }
            }
        } else if (type == SessionMode.class) {
            out.u8(v == null ? 0xFF : List.of(SessionMode.TRANSACTED, SessionMode.AUTO_ACKNOWLEDGE,
                    SessionMode.CLIENT_ACKNOWLEDGE, SessionMode.DUPS_OK_ACKNOWLEDGE).indexOf(v)); // jakarta.jms.Session
        } else if (type == ErrorCode.class) {
            out.u8(v == null ? 0xFF : ((ErrorCode) v).code());
        } else if (type == BodyType.class) {
            out.u8(v == null ? 0xFF : ((BodyType) v).code());
        } else if (type == DestinationRef.class) {
            if (v == null) {
                out.u8(0xFF);
            } else {
                DestinationRef d = (DestinationRef) v;
                out.u8(List.of(DestinationRef.Kind.QUEUE, DestinationRef.Kind.TOPIC, DestinationRef.Kind.TEMP_QUEUE,
                        DestinationRef.Kind.TEMP_TOPIC).indexOf(d.kind()));
                value(String.class, d.name(), out);
            }
        } else if (type == MessageData.class) {
            if (v == null) {
                out.u8(0);
            } else {
                out.u8(1);
                out.raw(block((MessageData) v));
            }
        } else if (type == XidData.class) {
            XidData x = (XidData) v;
            out.i32(x.getFormatId());
            value(byte[].class, x.getGlobalTransactionId(), out);
            value(byte[].class, x.getBranchQualifier(), out);
        } else if (type == List.class && v != null && !((List<?>) v).isEmpty() && ((List<?>) v).get(0) instanceof XidData) {
            List<XidData> xids = (List<XidData>) v;
            out.i32(xids.size());
            for (XidData x : xids) {
                value(XidData.class, x, out);
            }
        } else if (type == List.class) {
            List<MessageData> list = (List<MessageData>) v;
            if (list == null) {
                out.i32(-1);
            } else {
                out.i32(list.size());
                for (MessageData m : list) {
                    out.raw(block(m));
                }
            }
        } else if (type == Map.class) {
            Map<String, Object> props = (Map<String, Object>) v;
            out.i32(props.size());
            for (Map.Entry<String, Object> e : props.entrySet()) {
                value(String.class, e.getKey(), out);
                Object p = e.getValue();
                if (p == null) {
                    out.u8(0);
                } else if (p instanceof Boolean b) {
                    out.u8(1);
                    out.u8(b ? 1 : 0);
                } else if (p instanceof Byte b) {
                    out.u8(2);
                    out.u8(b);
                } else if (p instanceof Short s) {
                    out.u8(3);
                    out.i16(s);
                } else if (p instanceof Integer i) {
                    out.u8(4);
                    out.i32(i);
                } else if (p instanceof Long l) {
                    out.u8(5);
                    out.i64(l);
                } else if (p instanceof Float f) {
                    out.u8(6);
                    out.i32(Float.floatToRawIntBits(f));
                } else if (p instanceof Double d) {
                    out.u8(7);
                    out.i64(Double.doubleToRawLongBits(d));
                } else {
                    out.u8(8);
                    value(String.class, p, out);
                }
            }
        } else {
            throw new AssertionError("the reference encoder does not know " + type);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Big-endian output, as java.io.DataOutputStream writes it. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream data = new DataOutputStream(bytes);

        void u8(int v) {
            io(() -> data.writeByte(v));
        }

        void i16(short v) {
            io(() -> data.writeShort(v));
        }

        void i32(int v) {
            io(() -> data.writeInt(v));
        }

        void i64(long v) {
            io(() -> data.writeLong(v));
        }

        void raw(byte[] b) {
            io(() -> data.write(b));
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private interface IoAction {
            void run() throws IOException;
        }

        private static void io(IoAction a) {
            try {
                a.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
