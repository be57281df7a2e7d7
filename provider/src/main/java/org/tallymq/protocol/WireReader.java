package org.tallymq.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.tallymq.protocol.WireWriter.NULL_CODE;

/**
 * Reads the primitive encodings of the wire format (see the table in {@link Codec}) from a buffer
 * that holds exactly one frame body or one stored message, and trusts nothing: every length and
 * count is checked against the bytes that remain before anything is allocated, so a hostile or
 * corrupt input ends in a {@link ProtocolException} that names the subject, the field and the
 * offset, never in an unchecked exception or a large allocation.
 *
 * <p>Offsets in messages count from the first byte of the buffer (the type code of a frame body).
 * Not thread-safe; one instance per decode call.
 */
final class WireReader {

    private static final int MAX_NAME_IN_MESSAGE = 80;

    private final ByteBuffer in;
    private final String subject;
    private String typeName;
    private long correlationId;
    private boolean haveCorrelationId;
    private String scope;
    private int scopeIndex = -1;
    private String property;
    private int propertyIndex = -1;
    private boolean readingName;
    private int fieldStart;

    /**
     * @param in      big-endian, position 0, limit = end of the subject
     * @param subject what is read, for messages: "frame", "stored message"
     */
    WireReader(ByteBuffer in, String subject) {
        this.in = in;
        this.subject = subject;
    }

    // ---- context for error messages ----------------------------------------------------------

    void typeName(String name) {
        this.typeName = name;
    }

    void correlationId(long id) {
        this.correlationId = id;
        this.haveCorrelationId = true;
    }

    /** Fields read from now on belong to {@code name} (a nested message), element {@code index} or -1. */
    void scope(String name, int index) {
        this.scope = name;
        this.scopeIndex = index;
    }

    int remaining() {
        return in.remaining();
    }

    int position() {
        return in.position();
    }

    ProtocolException malformed(String field, String detail) {
        return new ProtocolException(describe() + " is malformed at offset " + fieldStart + ", field "
                + path(field) + ": " + detail);
    }

    private ProtocolException truncated(String field, String detail) {
        return new ProtocolException(describe() + " truncated at offset " + fieldStart + ", field "
                + path(field) + ": " + detail);
    }

    /** E.g. "frame of type SEND (correlation id 7, 98 bytes)". */
    private String describe() {
        StringBuilder sb = new StringBuilder(subject);
        if (typeName != null) {
            sb.append(" of type ").append(typeName);
        }
        sb.append(" (");
        if (haveCorrelationId) {
            sb.append("correlation id ").append(correlationId).append(", ");
        }
        return sb.append(in.limit()).append(" bytes)").toString();
    }

    private String path(String field) {
        StringBuilder sb = new StringBuilder();
        if (scope != null) {
            sb.append(scope);
            if (scopeIndex >= 0) {
                sb.append('[').append(scopeIndex).append(']');
            }
            sb.append('.');
        }
        sb.append(field);
        if (property != null) {
            sb.append("['");
            appendPrintable(sb, property);
            sb.append("']");
        } else if (propertyIndex >= 0) {
            sb.append('[').append(propertyIndex).append(']');
        }
        if (readingName) {
            sb.append(".name");
        }
        return sb.toString();
    }

    /** A name read from the wire, cut short and with control characters escaped, safe for a log line. */
    private static void appendPrintable(StringBuilder sb, String s) {
        int n = Math.min(s.length(), MAX_NAME_IN_MESSAGE);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > n) {
            sb.append("...");
        }
    }

    // ---- primitives --------------------------------------------------------------------------

    private void need(int n, String field, String what) throws ProtocolException {
        if (in.remaining() < n) {
            throw truncated(field, what + " needs " + n + " bytes, " + in.remaining() + " remain");
        }
    }

    int u8(String field) throws ProtocolException {
        fieldStart = in.position();
        need(1, field, "a byte");
        return in.get() & 0xFF;
    }

    boolean bool(String field) throws ProtocolException {
        int v = u8(field);
        if (v > 1) {
            throw malformed(field, "boolean byte 0x" + hex(v) + "; expected 0 (false) or 1 (true)");
        }
        return v == 1;
    }

    short i16(String field) throws ProtocolException {
        fieldStart = in.position();
        need(2, field, "a short");
        return in.getShort();
    }

    int i32(String field) throws ProtocolException {
        fieldStart = in.position();
        need(4, field, "an int");
        return in.getInt();
    }

    long i64(String field) throws ProtocolException {
        fieldStart = in.position();
        need(8, field, "a long");
        return in.getLong();
    }

    float f32(String field) throws ProtocolException {
        return Float.intBitsToFloat(i32(field));
    }

    double f64(String field) throws ProtocolException {
        return Double.longBitsToDouble(i64(field));
    }

    /**
     * Reads an int32 length or count: -1 for null, else checked so that {@code count * unitBytes}
     * fits in what remains. Leaves {@link #fieldStart} at the length field.
     */
    private int length(String field, String what, int unitBytes) throws ProtocolException {
        int n = i32(field);
        if (n == -1) {
            return -1;
        }
        if (n < 0) {
            throw malformed(field, what + " length " + n + " is negative; expected -1 (null) or 0.."
                    + in.remaining() / unitBytes);
        }
        if ((long) n * unitBytes > in.remaining()) {
            throw truncated(field, what + " length " + n + (unitBytes == 1 ? "" : " (" + (long) n * unitBytes + " bytes)")
                    + " exceeds the " + in.remaining() + " bytes remaining");
        }
        return n;
    }

    /** int32 byte count (-1 = null), then well-formed UTF-8. */
    String string(String field) throws ProtocolException {
        int n = length(field, "string", 1);
        if (n < 0) {
            return null;
        }
        byte[] a;
        int off;
        if (in.hasArray()) {
            a = in.array();
            off = in.arrayOffset() + in.position();
        } else {
            a = new byte[n];
            in.duplicate().get(a);
            off = 0;
        }
        int bad = Utf8.firstMalformed(a, off, n);
        if (bad >= 0) {
            int at = in.position() + bad;
            throw malformed(field, "string of " + n + " bytes is not well-formed UTF-8 at offset " + at + " (byte 0x"
                    + hex(a[off + bad] & 0xFF) + ")");
        }
        String s = new String(a, off, n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    /** A string that may not be null. */
    String requiredString(String field) throws ProtocolException {
        String s = string(field);
        if (s == null) {
            throw malformed(field, "null (length -1) where a value is required");
        }
        return s;
    }

    /** int32 count (-1 = null), then the bytes. */
    byte[] bytes(String field) throws ProtocolException {
        int n = length(field, "byte array", 1);
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** int32 count (-1 = null), then int64 each. */
    long[] longs(String field) throws ProtocolException {
        int n = length(field, "long array", 8);
        if (n < 0) {
            return null;
        }
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.getLong();
        }
        return a;
    }

    /**
     * An element count for a list whose elements take at least {@code minElementBytes} each.
     *
     * @return -1 for null, else the checked count
     */
    int count(String field, int minElementBytes) throws ProtocolException {
        return length(field, "list", minElementBytes);
    }

    /** One kind byte ({@code 0xFF} = null), then the name unless null. */
    DestinationRef destination(String field) throws ProtocolException {
        int code = u8(field);
        DestinationRef.Kind kind;
        switch (code) {
            case NULL_CODE:
                return null;
            case 0:
                kind = DestinationRef.Kind.QUEUE;
                break;
            case 1:
                kind = DestinationRef.Kind.TOPIC;
                break;
            case 2:
                kind = DestinationRef.Kind.TEMP_QUEUE;
                break;
            case 3:
                kind = DestinationRef.Kind.TEMP_TOPIC;
                break;
            default:
                throw malformed(field, "unknown destination kind 0x" + hex(code)
                        + "; expected 0 (queue), 1 (topic), 2 (temporary queue), 3 (temporary topic) or 0xFF (null)");
        }
        readingName = true;
        try {
            return new DestinationRef(kind, requiredString(field));
        } finally {
            readingName = false;
        }
    }

    /** int32 count (0..{@link Codec#MAX_PROPERTIES}), then name, type tag and value per entry; names unique. */
    Map<String, Object> properties(String field) throws ProtocolException {
        int n = i32(field);
        if (n < 0 || n > Codec.MAX_PROPERTIES) {
            throw malformed(field, "property count " + n + "; expected 0.." + Codec.MAX_PROPERTIES);
        }
        if ((long) n * 5 > in.remaining()) { // each entry: 4-byte name length + 1-byte tag at least
            throw truncated(field, n + " properties need at least " + (long) n * 5 + " bytes, "
                    + in.remaining() + " remain");
        }
        if (n == 0) {
            return Collections.emptyMap();
        }
        Map<String, Object> props = new LinkedHashMap<>(Math.min(n, 64) * 2);
        for (int i = 0; i < n; i++) {
            propertyIndex = i;
            readingName = true;
            String name;
            try {
                name = requiredString(field);
            } finally {
                readingName = false;
            }
            property = name;
            try {
                if (props.containsKey(name)) {
                    throw malformed(field, "property name appears twice");
                }
                props.put(name, propertyValue(field));
            } finally {
                property = null;
            }
        }
        propertyIndex = -1;
        return props;
    }

    private Object propertyValue(String field) throws ProtocolException {
        int tag = u8(field);
        switch (tag) {
            case WireWriter.PropertyTag.NULL:
                return null;
            case WireWriter.PropertyTag.BOOLEAN:
                return bool(field);
            case WireWriter.PropertyTag.BYTE:
                return (byte) u8(field);
            case WireWriter.PropertyTag.SHORT:
                return i16(field);
            case WireWriter.PropertyTag.INT:
                return i32(field);
            case WireWriter.PropertyTag.LONG:
                return i64(field);
            case WireWriter.PropertyTag.FLOAT:
                return f32(field);
            case WireWriter.PropertyTag.DOUBLE:
                return f64(field);
            case WireWriter.PropertyTag.STRING:
                return requiredString(field);
            default:
                throw malformed(field, "unknown property type tag " + tag + "; expected 0 (null), 1 (boolean), 2 (byte),"
                        + " 3 (short), 4 (int), 5 (long), 6 (float), 7 (double) or 8 (string)");
        }
    }

    /** @throws ProtocolException if bytes remain after {@code lastField} */
    void expectEnd(String lastField) throws ProtocolException {
        if (in.hasRemaining()) {
            fieldStart = in.position();
            throw new ProtocolException(describe() + " is malformed at offset " + fieldStart + ": " + in.remaining()
                    + " unexpected bytes after its last field (" + lastField + "); protocol version "
                    + Codec.PROTOCOL_VERSION + " puts nothing there");
        }
    }

    static String hex(int b) {
        return String.format("%02X", b);
    }
}
