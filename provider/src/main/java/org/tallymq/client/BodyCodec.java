package org.tallymq.client;

import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of MapMessage and StreamMessage bodies in {@code MessageData.body}: compact,
 * type-tagged, big-endian, versioned. Decoding trusts nothing: every length and count is checked
 * against the bytes that remain before anything is allocated, and every defect is a
 * {@link MessageFormatException} that says what was wrong and where.
 *
 * <h2>Layout (format version 1)</h2>
 * <pre>
 * MAP body     | offset | size | field
 *              | 0      | 1    | format version, 1
 *              | 1      | 4    | entry count n, int32, 0 &lt;= n
 *              | 5      | ...  | n entries: name (a STRING payload, non-empty, unique), then a value
 *
 * STREAM body  | 0      | 1    | format version, 1
 *              | 1      | 4    | field count n, int32, 0 &lt;= n
 *              | 5      | ...  | n values
 *
 * value        | 1 byte tag, then the payload of that tag:
 *   tag | type    | payload
 *   0   | null    | none
 *   1   | boolean | 1 byte: 0 = false, 1 = true (anything else is malformed)
 *   2   | byte    | 1 byte
 *   3   | short   | 2 bytes
 *   4   | char    | 2 bytes, the UTF-16 code unit
 *   5   | int     | 4 bytes
 *   6   | long    | 8 bytes
 *   7   | float   | 4 bytes, Float.floatToRawIntBits (NaN payloads survive)
 *   8   | double  | 8 bytes, Double.doubleToRawLongBits
 *   9   | String  | STRING payload
 *   10  | byte[]  | length m (int32, 0 &lt;= m), then m bytes
 *
 * STRING payload | length m in bytes (int32, 0 &lt;= m), then m bytes of modified UTF-8 as in
 *                | java.io.DataInput: each UTF-16 unit in 1 (U+0001..U+007F), 2 (U+0000,
 *                | U+0080..U+07FF) or 3 bytes, so every Java String, unpaired surrogates
 *                | included, survives exactly.
 * </pre>
 * A null or empty {@code body} decodes as an empty map or stream. Bytes after the last entry
 * are malformed.
 *
 * <p>Threading: stateless; every method may be called from any thread.
 */
public final class BodyCodec {

    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    static final int NULL = 0;
    static final int BOOLEAN = 1;
    static final int BYTE = 2;
    static final int SHORT = 3;
    static final int CHAR = 4;
    static final int INT = 5;
    static final int LONG = 6;
    static final int FLOAT = 7;
    static final int DOUBLE = 8;
    static final int STRING = 9;
    static final int BYTES = 10;

    private BodyCodec() {
    }

    /**
     * Encodes a MapMessage body.
     *
     * @throws IllegalArgumentException for a null or empty name, or a value that is not null, a
     *                                  boxed primitive, a String or a byte[]
     */
    public static byte[] encodeMap(Map<String, ?> entries) {
        Out out = new Out(16 + entries.size() * 16);
        out.writeByte(VERSION);
        out.writeInt(entries.size());
        for (Map.Entry<String, ?> e : entries.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("a MapMessage entry name must not be null or empty");
            }
            out.writeString(e.getKey());
            out.writeValue(e.getValue());
        }
        return out.toByteArray();
    }

    /**
     * Encodes a StreamMessage body.
     *
     * @throws IllegalArgumentException for a value that is not null, a boxed primitive, a String or a byte[]
     */
    public static byte[] encodeStream(List<?> values) {
        Out out = new Out(16 + values.size() * 8);
        out.writeByte(VERSION);
        out.writeInt(values.size());
        for (Object v : values) {
            out.writeValue(v);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a MapMessage body, in the order it was written.
     *
     * @throws MessageFormatException if the bytes are not a valid version-1 map body
     */
    public static Map<String, Object> decodeMap(byte[] body) throws MessageFormatException {
        Map<String, Object> map = new LinkedHashMap<>();
        if (body == null || body.length == 0) {
            return map;
        }
        In in = new In(body, "MapMessage");
        // an entry needs at least 5 bytes: a 4-byte name length and a tag
        int count = in.readHeader(5);
        for (int i = 0; i < count; i++) {
            int at = in.pos;
            String name = in.readString();
            if (name.isEmpty()) {
                throw in.malformed("entry " + i + " has an empty name", at);
            }
            if (map.containsKey(name)) {
                throw in.malformed("entry name '" + ValueConversion.abbreviate(name) + "' occurs twice", at);
            }
            map.put(name, in.readValue());
        }
        in.expectEnd();
        return map;
    }

    /**
     * Decodes a StreamMessage body.
     *
     * @throws MessageFormatException if the bytes are not a valid version-1 stream body
     */
    public static List<Object> decodeStream(byte[] body) throws MessageFormatException {
        if (body == null || body.length == 0) {
            return new ArrayList<>();
        }
        In in = new In(body, "StreamMessage");
        int count = in.readHeader(1); // a value needs at least its tag
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readValue());
        }
        in.expectEnd();
        return values;
    }

    // ---- writing -----------------------------------------------------------------------------

    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                long wanted = Math.max((long) buf.length * 2, (long) size + more);
                if (wanted > Integer.MAX_VALUE - 8) {
                    if ((long) size + more > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException("the encoded body would exceed 2 GB");
                    }
                    wanted = Integer.MAX_VALUE - 8;
                }
                buf = Arrays.copyOf(buf, (int) wanted);
            }
        }

        void writeByte(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void writeShort(int v) {
            ensure(2);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void writeInt(int v) {
            ensure(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void writeBytes(byte[] b) {
            writeInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void writeString(String s) {
            long encoded = ModifiedUtf8.encodedLength(s);
            if (encoded > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a String of " + s.length() + " chars is too long to encode");
            }
            writeInt((int) encoded);
            ensure((int) encoded);
            size = ModifiedUtf8.encode(s, buf, size);
        }

        void writeValue(Object v) {
            if (v == null) {
                writeByte(NULL);
            } else if (v instanceof String s) {
                writeByte(STRING);
                writeString(s);
            } else if (v instanceof Integer i) {
                writeByte(INT);
                writeInt(i);
            } else if (v instanceof Long l) {
                writeByte(LONG);
                writeLong(l);
            } else if (v instanceof Boolean b) {
                writeByte(BOOLEAN);
                writeByte(b ? 1 : 0);
            } else if (v instanceof Double d) {
                writeByte(DOUBLE);
                writeLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof Float f) {
                writeByte(FLOAT);
                writeInt(Float.floatToRawIntBits(f));
            } else if (v instanceof byte[] b) {
                writeByte(BYTES);
                writeBytes(b);
            } else if (v instanceof Short s) {
                writeByte(SHORT);
                writeShort(s);
            } else if (v instanceof Byte b) {
                writeByte(BYTE);
                writeByte(b);
            } else if (v instanceof Character c) {
                writeByte(CHAR);
                writeShort(c);
            } else {
                throw new IllegalArgumentException("cannot encode a " + v.getClass().getName()
                        + ": a MapMessage or StreamMessage holds only boxed primitives, String and byte[]");
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    // ---- reading -----------------------------------------------------------------------------

    private static final class In {
        private final byte[] b;
        private final String what;
        int pos;

        In(byte[] b, String what) {
            this.b = b;
            this.what = what;
        }

        MessageFormatException malformed(String detail, int at) {
            return new MessageFormatException("malformed " + what + " body (" + b.length + " bytes): " + detail
                    + ", at byte " + at + "; the message was not written by a compatible Tally client or was corrupted");
        }

        private void need(int n, String field) throws MessageFormatException {
            if (n > b.length - pos) {
                throw malformed(field + " needs " + n + " bytes but only " + (b.length - pos) + " remain", pos);
            }
        }

        /** Reads the version and the count; each item needs at least {@code minItemSize} bytes. */
        int readHeader(int minItemSize) throws MessageFormatException {
            int version = readByte("the format version");
            if (version != VERSION) {
                throw malformed("format version " + version + " is not supported; this client reads version "
                        + VERSION, 0);
            }
            int count = readInt("the item count");
            if (count < 0) {
                throw malformed("negative item count " + count, 1);
            }
            if ((long) count * minItemSize > b.length - pos) {
                throw malformed("item count " + count + " cannot fit in the " + (b.length - pos)
                        + " bytes that remain", 1);
            }
            return count;
        }

        void expectEnd() throws MessageFormatException {
            if (pos != b.length) {
                throw malformed((b.length - pos) + " bytes follow the last item", pos);
            }
        }

        int readByte(String field) throws MessageFormatException {
            need(1, field);
            return b[pos++];
        }

        int readShort(String field) throws MessageFormatException {
            need(2, field);
            int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int readInt(String field) throws MessageFormatException {
            need(4, field);
            int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8)
                    | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        long readLong(String field) throws MessageFormatException {
            need(8, field);
            long hi = readInt(field) & 0xFFFFFFFFL;
            long lo = readInt(field) & 0xFFFFFFFFL;
            return (hi << 32) | lo;
        }

        private int readLength(String field) throws MessageFormatException {
            int at = pos;
            int n = readInt(field + " length");
            if (n < 0) {
                throw malformed("negative " + field + " length " + n, at);
            }
            need(n, field);
            return n;
        }

        byte[] readBytes() throws MessageFormatException {
            int n = readLength("byte[]");
            byte[] v = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return v;
        }

        String readString() throws MessageFormatException {
            int n = readLength("String");
            try {
                String v = ModifiedUtf8.decode(b, pos, n);
                pos += n;
                return v;
            } catch (java.io.UTFDataFormatException e) {
                throw malformed("a String is not valid modified UTF-8: " + e.getMessage(), pos);
            }
        }

        Object readValue() throws MessageFormatException {
            int at = pos;
            int tag = readByte("a value tag");
            return switch (tag) {
                case NULL -> null;
                case BOOLEAN -> {
                    int v = readByte("a boolean");
                    if (v != 0 && v != 1) {
                        throw malformed("boolean byte " + v + " is neither 0 nor 1", pos - 1);
                    }
                    yield v == 1;
                }
                case BYTE -> (byte) readByte("a byte");
                case SHORT -> (short) readShort("a short");
                case CHAR -> (char) readShort("a char");
                case INT -> readInt("an int");
                case LONG -> readLong("a long");
                case FLOAT -> Float.intBitsToFloat(readInt("a float"));
                case DOUBLE -> Double.longBitsToDouble(readLong("a double"));
                case STRING -> readString();
                case BYTES -> readBytes();
                default -> throw malformed("unknown value tag " + tag + " (known tags are 0..10)", at);
            };
        }
    }
}
