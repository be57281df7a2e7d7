package org.tallymq.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The binary form of a {@link MessageData}: nested inside {@link Command.Send}, {@link Command.Deliver}
 * and {@link Command.Reply.Browsed} frames, and stand-alone (with a format version byte in front)
 * for the journal. Primitive encodings are those of {@link Codec}.
 *
 * <pre>
 * Stored message (what {@link #encode(MessageData)} returns; 60 bytes + variable parts):
 *   size  field
 *   1     format version, {@value #FORMAT_VERSION}
 *   59+   message block, below
 *
 * Message block (59 bytes + variable parts), fields in this order:
 *   size    field               encoding
 *   1       bodyType            BodyType.code(): 0 MESSAGE, 1 TEXT, 2 BYTES, 3 MAP, 4 STREAM, 5 OBJECT; 0xFF null
 *   4+n     messageId           string
 *   8       timestamp           int64
 *   4+n     correlationId       string
 *   4+n     correlationIdBytes  bytes
 *   1[+4+n] destination         destination
 *   1[+4+n] replyTo             destination
 *   4       deliveryMode        int32 (1 NON_PERSISTENT, 2 PERSISTENT; other values are carried as they are)
 *   4       priority            int32
 *   8       expiration          int64
 *   8       deliveryTime        int64
 *   4+n     type                string
 *   4+n     properties          property map
 *   4+n     body                bytes
 * </pre>
 *
 * A later format version may append fields to the block; a reader of version N reads the fields
 * of every version up to N and rejects a version above N ("unable to read stored message format
 * version 3; this build reads 1"), so an old broker never misreads a newer journal.
 *
 * <p>Every method is stateless and safe to call from any thread; a {@code MessageData} must not
 * be mutated while it is encoded.
 */
public final class MessageCodec {

    /** The version byte in front of a stored message. */
    public static final int FORMAT_VERSION = 1;

    /** The smallest message block: every variable part empty or null. */
    static final int MIN_BLOCK_BYTES = 59;

    private static final BodyType[] BODY_TYPES = BodyType.values();

    private MessageCodec() {
    }

    /**
     * @return the exact length of {@link #encode(MessageData)}
     * @throws IllegalArgumentException if the message cannot be encoded (see {@link #encode(MessageData)})
     */
    public static int encodedSize(MessageData m) {
        WireWriter counter = WireWriter.counter();
        counter.u8(FORMAT_VERSION);
        write(m, counter);
        return Codec.checkSize(counter.count(), "stored message");
    }

    /**
     * Encodes a message for the journal.
     *
     * @throws IllegalArgumentException if a property has a null name or a value of a type JMS does
     *                                  not allow, if there are more than {@link Codec#MAX_PROPERTIES}
     *                                  properties, or if the encoding would exceed 2 GiB
     */
    public static byte[] encode(MessageData m) {
        byte[] out = new byte[encodedSize(m)];
        encodeInto(m, ByteBuffer.wrap(out));
        return out;
    }

    /**
     * Encodes a message for the journal at {@code out}'s position, advancing it by
     * {@link #encodedSize(MessageData)}. The buffer's byte order is left as it was.
     *
     * @throws IllegalArgumentException as {@link #encode(MessageData)}, or if {@code out} has too little room
     */
    public static void encode(MessageData m, ByteBuffer out) {
        int size = encodedSize(m);
        if (out.remaining() < size) {
            throw new IllegalArgumentException("the message needs " + size + " bytes, the buffer has "
                    + out.remaining() + " remaining");
        }
        ByteBuffer w = out.slice().order(ByteOrder.BIG_ENDIAN);
        encodeInto(m, w);
        out.position(out.position() + size);
    }

    private static void encodeInto(MessageData m, ByteBuffer w) {
        WireWriter writer = WireWriter.to(w);
        writer.u8(FORMAT_VERSION);
        write(m, writer);
    }

    /**
     * Decodes one stored message that fills {@code b} exactly.
     *
     * @throws ProtocolException if {@code b} is not exactly one well-formed stored message of a
     *                           format version this build reads
     */
    public static MessageData decode(byte[] b) throws ProtocolException {
        return decode(ByteBuffer.wrap(b));
    }

    /**
     * Decodes one stored message from {@code in}'s position to its limit (all of it must be one
     * message); on success the position is at the limit, on failure it is unchanged. The buffer's
     * byte order does not matter.
     *
     * @throws ProtocolException as {@link #decode(byte[])}
     */
    public static MessageData decode(ByteBuffer in) throws ProtocolException {
        WireReader r = new WireReader(in.slice().order(ByteOrder.BIG_ENDIAN), "stored message");
        int version = r.u8("format version");
        if (version != FORMAT_VERSION) {
            throw r.malformed("format version", "unable to read stored message format version " + version
                    + "; this build reads version " + FORMAT_VERSION);
        }
        MessageData m = read(r);
        r.expectEnd("body");
        in.position(in.limit());
        return m;
    }

    // ---- the message block, shared with Codec ------------------------------------------------

    static void write(MessageData m, WireWriter w) {
        w.u8(m.bodyType() == null ? WireWriter.NULL_CODE : m.bodyType().code());
        w.string(m.messageId(), "messageId");
        w.i64(m.timestamp());
        w.string(m.correlationId(), "correlationId");
        w.bytes(m.correlationIdBytes());
        w.destination(m.destination(), "destination");
        w.destination(m.replyTo(), "replyTo");
        w.i32(m.deliveryMode());
        w.i32(m.priority());
        w.i64(m.expiration());
        w.i64(m.deliveryTime());
        w.string(m.type(), "type");
        w.properties(m.properties(), "properties");
        w.bytes(m.body());
    }

    static MessageData read(WireReader r) throws ProtocolException {
        BodyType bodyType = bodyType(r);
        String messageId = r.string("messageId");
        long timestamp = r.i64("timestamp");
        String correlationId = r.string("correlationId");
        byte[] correlationIdBytes = r.bytes("correlationIdBytes");
        DestinationRef destination = r.destination("destination");
        DestinationRef replyTo = r.destination("replyTo");
        int deliveryMode = r.i32("deliveryMode");
        int priority = r.i32("priority");
        long expiration = r.i64("expiration");
        long deliveryTime = r.i64("deliveryTime");
        String type = r.string("type");
        var properties = r.properties("properties");
        byte[] body = r.bytes("body");
        return new MessageData(bodyType, messageId, timestamp, correlationId, correlationIdBytes, destination,
                replyTo, deliveryMode, priority, expiration, deliveryTime, type, properties, body);
    }

    private static BodyType bodyType(WireReader r) throws ProtocolException {
        int code = r.u8("bodyType");
        if (code == WireWriter.NULL_CODE) {
            return null;
        }
        for (BodyType t : BODY_TYPES) {
            if (t.code() == code) {
                return t;
            }
        }
        throw r.malformed("bodyType", "unknown body type code " + code + "; expected 0..5 or 0xFF (null)");
    }
}
