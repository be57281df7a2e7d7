package org.tallymq.protocol;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Writes the primitive encodings of the wire format (see the table in {@link Codec}), or, made by
 * {@link #counter()}, only counts the bytes they would take: the codecs run the same field
 * sequence twice, once to size the output exactly and once to fill it, so size and layout cannot
 * disagree. Not thread-safe; one instance per encode call.
 */
final class WireWriter {

    /** The byte that stands for null in every one-byte enum or kind field. */
    static final int NULL_CODE = 0xFF;

    private final ByteBuffer out; // null when only counting
    private long count;

    private WireWriter(ByteBuffer out) {
        this.out = out;
    }

    static WireWriter counter() {
        return new WireWriter(null);
    }

    /** @param out a big-endian buffer with room for everything that will be written */
    static WireWriter to(ByteBuffer out) {
        return new WireWriter(out);
    }

    /** Bytes counted so far (counting mode). */
    long count() {
        return count;
    }

    void u8(int v) {
        if (out == null) {
            count += 1;
        } else {
            out.put((byte) v);
        }
    }

    void bool(boolean v) {
        u8(v ? 1 : 0);
    }

    void i16(short v) {
        if (out == null) {
            count += 2;
        } else {
            out.putShort(v);
        }
    }

    void i32(int v) {
        if (out == null) {
            count += 4;
        } else {
            out.putInt(v);
        }
    }

    void i64(long v) {
        if (out == null) {
            count += 8;
        } else {
            out.putLong(v);
        }
    }

    void f32(float v) {
        i32(Float.floatToRawIntBits(v));
    }

    void f64(double v) {
        i64(Double.doubleToRawLongBits(v));
    }

    /** int32 byte count (-1 = null), then UTF-8. */
    void string(String s, String field) {
        if (s == null) {
            i32(-1);
            return;
        }
        if (out == null) {
            long n = Utf8.encodedLength(s);
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(field + " is a string of " + n
                        + " UTF-8 bytes; the wire format holds at most " + Integer.MAX_VALUE);
            }
            count += 4 + n;
        } else {
            int lengthAt = out.position();
            out.position(lengthAt + 4);
            Utf8.write(s, out);
            out.putInt(lengthAt, out.position() - lengthAt - 4);
        }
    }

    /** int32 count (-1 = null), then the bytes. */
    void bytes(byte[] b) {
        if (b == null) {
            i32(-1);
        } else if (out == null) {
            count += 4L + b.length;
        } else {
            out.putInt(b.length);
            out.put(b);
        }
    }

    /** int32 count (-1 = null), then int64 each. */
    void longs(long[] a) {
        if (a == null) {
            i32(-1);
        } else if (out == null) {
            count += 4L + 8L * a.length;
        } else {
            out.putInt(a.length);
            for (long v : a) {
                out.putLong(v);
            }
        }
    }

    /** One kind byte ({@link #NULL_CODE} = null), then the name unless null. */
    void destination(DestinationRef d, String field) {
        if (d == null) {
            u8(NULL_CODE);
            return;
        }
        u8(kindCode(d.kind()));
        string(d.name(), field);
    }

    /** Wire codes of destination kinds; independent of the enum's declaration order. */
    static int kindCode(DestinationRef.Kind kind) {
        switch (kind) {
            case QUEUE:
                return 0;
            case TOPIC:
                return 1;
            case TEMP_QUEUE:
                return 2;
            case TEMP_TOPIC:
                return 3;
            default:
                throw new IllegalArgumentException("the codec has no wire code for destination kind " + kind);
        }
    }

    /**
     * int32 count, then per entry: name (string, not null), one type tag, the value.
     *
     * @throws IllegalArgumentException for a null name, too many entries, or a value type JMS does not allow
     */
    void properties(Map<String, Object> props, String field) {
        int size = props.size();
        if (size > Codec.MAX_PROPERTIES) {
            throw new IllegalArgumentException(field + " has " + size + " entries; the wire format carries at most "
                    + Codec.MAX_PROPERTIES + " properties per message");
        }
        i32(size);
        for (Map.Entry<String, Object> e : props.entrySet()) {
            String name = e.getKey();
            if (name == null) {
                throw new IllegalArgumentException(field + " contains a property with a null name; JMS property names"
                        + " must be non-empty identifiers");
            }
            string(name, field);
            Object v = e.getValue();
            if (v == null) {
                u8(PropertyTag.NULL);
            } else if (v instanceof String s) {
                u8(PropertyTag.STRING);
                string(s, field);
            } else if (v instanceof Integer i) {
                u8(PropertyTag.INT);
                i32(i);
            } else if (v instanceof Long l) {
                u8(PropertyTag.LONG);
                i64(l);
            } else if (v instanceof Boolean b) {
                u8(PropertyTag.BOOLEAN);
                bool(b);
            } else if (v instanceof Byte b) {
                u8(PropertyTag.BYTE);
                u8(b);
            } else if (v instanceof Short s) {
                u8(PropertyTag.SHORT);
                i16(s);
            } else if (v instanceof Float f) {
                u8(PropertyTag.FLOAT);
                f32(f);
            } else if (v instanceof Double d) {
                u8(PropertyTag.DOUBLE);
                f64(d);
            } else {
                throw new IllegalArgumentException(field + "['" + name + "'] is a " + v.getClass().getName()
                        + "; JMS properties may only be Boolean, Byte, Short, Integer, Long, Float, Double or String");
            }
        }
    }

    /** The one-byte type tags of property values. */
    static final class PropertyTag {
        static final int NULL = 0;
        static final int BOOLEAN = 1;
        static final int BYTE = 2;
        static final int SHORT = 3;
        static final int INT = 4;
        static final int LONG = 5;
        static final int FLOAT = 6;
        static final int DOUBLE = 7;
        static final int STRING = 8;

        private PropertyTag() {
        }
    }
}
