package org.tallymq.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.tallymq.protocol.WireWriter.NULL_CODE;

/**
 * The versioned binary codec of the Tally protocol: a {@link Frame} to bytes and back. No I/O:
 * the TCP transport reads the length prefix, checks it with {@link #checkFrameLength}, collects
 * that many bytes and hands them to {@link #decode}.
 *
 * <pre>
 * Frame (13 bytes + fields):
 *   offset  size  field
 *   0       4     length          int32, the bytes that follow (9..maxFrameBytes)
 *   4       1     type            command type code, table below
 *   5       8     correlation id  int64: chosen by the client in a request, copied into its reply,
 *                                 0 in commands pushed by the broker
 *   13      n     fields          the command's fields in the order of the table below, nothing after
 *
 * Offsets in ProtocolException messages count from the type byte (offset 0 of the frame body).
 *
 * Encodings (integers big-endian two's complement):
 *   byte, bool   1        bool: 0 false, 1 true, any other value is an error
 *   short        2
 *   int          4
 *   long         8
 *   float        4        IEEE 754 raw bits (NaN payloads kept)
 *   double       8        IEEE 754 raw bits
 *   string       4+n      int32 n = number of UTF-8 bytes that follow; -1 = null; other negatives
 *                         are errors. Strictly well-formed UTF-8 (no overlong forms, no surrogates).
 *                         An unpaired surrogate in a Java string is sent as '?'.
 *   bytes        4+n      int32 n, then n bytes; -1 = null
 *   longs        4+8n     int32 n, then n int64; -1 = null
 *   enum         1        the enum's code (tables below); 0xFF = null
 *   destination  1[+4+n]  kind: 0 queue, 1 topic, 2 temporary queue, 3 temporary topic, then the
 *                         name (string, never null); kind 0xFF = null and nothing follows
 *   properties   4+...    int32 count 0..MAX_PROPERTIES (65,536), then per property: name (string,
 *                         not null, unique within the map), one type tag, the value:
 *                         0 null (no value), 1 boolean (1), 2 byte (1), 3 short (2), 4 int (4),
 *                         5 long (8), 6 float (4), 7 double (8), 8 string (4+n, not null).
 *                         Values are scalars: maps do not nest.
 *   message?     1[+59+]  0 = null, 1 = a message block follows (layout in {@link MessageCodec})
 *   messages     4+...    int32 count (-1 = null), then that many message blocks (never null)
 *   xid          4+4+g+4+b  int formatId (not -1), bytes globalTransactionId (1..64),
 *                         bytes branchQualifier (0..64); never null
 *
 * Enum codes: SessionMode 0 TRANSACTED, 1 AUTO_ACKNOWLEDGE, 2 CLIENT_ACKNOWLEDGE,
 *   3 DUPS_OK_ACKNOWLEDGE (the jakarta.jms.Session constants); ErrorCode and BodyType: their code().
 *
 * Commands (type code, name: fields in order):
 *   0x01 CONNECT            int protocolVersion, string user, string password, string clientId
 *   0x02 SET_CLIENT_ID      string clientId
 *   0x03 DISCONNECT         (none)
 *   0x04 CREATE_SESSION     long sessionId, enum mode
 *   0x05 CLOSE_SESSION      long sessionId, longs consumedDeliveryIds
 *   0x06 CREATE_CONSUMER    long sessionId, long consumerId, destination destination, string selector,
 *                           bool noLocal, string subscriptionName, bool durable, bool shared, int prefetch
 *   0x07 CLOSE_CONSUMER     long consumerId, longs consumedDeliveryIds
 *   0x08 CREDIT             long consumerId, int credits
 *   0x09 PULL               long consumerId, int credits
 *   0x0A SEND               long sessionId, message? message
 *   0x0B ACK                long sessionId, longs deliveryIds
 *   0x0C RECOVER            long sessionId, longs consumedDeliveryIds
 *   0x0D COMMIT             long sessionId, longs consumedDeliveryIds
 *   0x0E ROLLBACK           long sessionId, longs consumedDeliveryIds
 *   0x0F BROWSE             destination queue, string selector
 *   0x10 CREATE_TEMPORARY   destination destination
 *   0x11 DELETE_TEMPORARY   destination destination
 *   0x12 UNSUBSCRIBE        string subscriptionName
 *   0x13 HEARTBEAT          (none); sent by either side, never answered
 *   0x14 SET_STARTED        bool started
 *   0x15 XA_START           long sessionId, xid xid, int flags, int timeoutSeconds  (0x15-0x1B, 0x64-0x65: version 2)
 *   0x16 XA_END             long sessionId, xid xid, int flags, longs consumedDeliveryIds
 *   0x17 XA_PREPARE         xid xid
 *   0x18 XA_COMMIT          xid xid, bool onePhase
 *   0x19 XA_ROLLBACK        xid xid
 *   0x1A XA_FORGET          xid xid
 *   0x1B XA_RECOVER         (none)
 *   0x1E SET_HEARTBEAT      long proposedMillis                                 (version 2)
 *   0x40 DELIVER            long consumerId, long deliveryId, int deliveryCount, message? message
 *   0x41 CONNECTION_CLOSED_BY_BROKER  enum code (ErrorCode), string reason
 *   0x60 OK                 (none)
 *   0x61 CONNECTED          string connectionId, string brokerName[, int protocolVersion]
 *                           protocolVersion (version 2) is there iff it is not 1: a broker sends it
 *                           only to a client that announced version 2 or later, so a version-1 client
 *                           never sees it. The one optional field of the protocol: the client cannot
 *                           know the broker's version before this answer.
 *   0x62 BROWSED            messages messages
 *   0x63 FAILED             enum code (ErrorCode), string message
 *   0x64 XA_RESULT          int code (an XAException/XAResource code), string message
 *   0x65 XIDS               int32 count, then that many xid
 *   0x6E HEARTBEAT_AGREED   long millis                                         (version 2)
 *   0x00, 0x1C-0x1D, 0x1F-0x3F, 0x42-0x5F, 0x66-0x6D, 0x6F-0xFF: not defined in version 2, rejected
 * </pre>
 *
 * <h2>Versions</h2>
 * This is protocol version {@value #PROTOCOL_VERSION}. The client announces its version as the
 * first field of CONNECT; the layout of CONNECT (type 0x01, then int protocolVersion, then three
 * strings) is frozen for every version, so any broker can read any client's version and answer
 * FAILED(PROTOCOL) with a readable reason if it cannot speak it. A later version N+1:
 * <ul>
 *   <li>adds commands under new type codes; a type code is never reused or given another meaning;</li>
 *   <li>adds fields only at the end of a command (or of the message block), and sends them only on
 *       a connection whose negotiated version is at least N+1 ({@code decode} then takes the
 *       negotiated version as a parameter);</li>
 *   <li>never removes, reorders or retypes a field and never gives a new meaning to an enum code;
 *       new enum codes are sent only to peers that negotiated the version that defines them;</li>
 *   <li>adds connection-time settings as a new command after CONNECTED, never to CONNECT.</li>
 * </ul>
 * Because peers only send what the negotiated version defines, a version-1 decoder treats an
 * unknown type code, an unknown enum code and bytes after the last field as errors.
 *
 * <p><b>Version 2</b> (heartbeat negotiation). The broker answers a CONNECT that announces version
 * v with CONNECTED carrying min(v, broker's version) when that is 2 or more (a version-1 client gets
 * the version-1 CONNECTED it knows). A client that reads 2 or more there sends SET_HEARTBEAT with
 * its period; the broker answers HEARTBEAT_AGREED with the period both then use (the proposal,
 * kept within the broker's bounds). A client that reads no version knows the broker speaks version 1
 * and sends nothing new; a version-1 client never sends SET_HEARTBEAT, and the broker keeps its own
 * configured period for it.
 *
 * <h2>Trust</h2>
 * {@link #decode} trusts nothing it reads: every length and count is checked against the bytes
 * that remain before anything is allocated, so a malformed or hostile frame ends in a
 * {@link ProtocolException} and never in an unchecked exception, a large allocation or a loop.
 * The encoding is canonical: a frame that decodes re-encodes to the same bytes.
 *
 * <p>Threading: every method is stateless and may be called from any thread; the records are
 * immutable (their arrays must not be mutated while they are encoded).
 */
public final class Codec {

    /** The protocol version this build speaks, carried in {@link Command.Connect#protocolVersion()}. */
    public static final int PROTOCOL_VERSION = 2;

    /** The bytes of the length prefix in front of every frame body. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    /** The smallest frame body: type code and correlation id. */
    public static final int MIN_FRAME_BODY_BYTES = 9;

    /** The most properties one message may carry on the wire. */
    public static final int MAX_PROPERTIES = 65_536;

    private static final ErrorCode[] ERROR_CODES = ErrorCode.values();

    private Codec() {
    }

    // ---- encoding ----------------------------------------------------------------------------

    /**
     * @return the bytes {@link #encode(Frame)} produces, length prefix included
     * @throws IllegalArgumentException if the frame cannot be encoded (see {@link #encode(Frame)})
     */
    public static int encodedSize(Frame f) {
        WireWriter counter = WireWriter.counter();
        counter.i32(0);
        writeBody(f, counter);
        long size = counter.count();
        if (size > MAX_ENCODED_BYTES) {
            checkSize(size, "frame of type " + CommandType.of(f.command()));
        }
        return (int) size;
    }

    /**
     * Encodes a frame with its 4-byte length prefix.
     *
     * @throws IllegalArgumentException for a command the codec does not know, a property with a
     *                                  null name or a value type JMS does not allow, more than
     *                                  {@link #MAX_PROPERTIES} properties, a null message in
     *                                  {@link Command.Reply.Browsed}, or a frame above 2 GiB
     */
    public static byte[] encode(Frame f) {
        int size = encodedSize(f);
        byte[] out = new byte[size];
        encodeInto(f, ByteBuffer.wrap(out), size);
        return out;
    }

    /**
     * Encodes a frame with its length prefix at {@code out}'s position, advancing it by
     * {@link #encodedSize(Frame)}; the buffer's byte order is left as it was.
     *
     * @throws IllegalArgumentException as {@link #encode(Frame)}, or if {@code out} has too little room
     */
    public static void encode(Frame f, ByteBuffer out) {
        int size = encodedSize(f);
        if (out.remaining() < size) {
            throw new IllegalArgumentException("frame of type " + CommandType.of(f.command()) + " needs " + size
                    + " bytes, the buffer has " + out.remaining() + " remaining");
        }
        encodeInto(f, out.slice().order(ByteOrder.BIG_ENDIAN), size);
        out.position(out.position() + size);
    }

    private static void encodeInto(Frame f, ByteBuffer w, int size) {
        w.putInt(size - LENGTH_PREFIX_BYTES);
        writeBody(f, WireWriter.to(w));
        if (w.position() != size) {
            throw new IllegalStateException("codec bug: frame of type " + CommandType.of(f.command()) + " counted "
                    + size + " bytes but wrote " + w.position());
        }
    }

    /** Java arrays stop a little below 2^31. */
    private static final int MAX_ENCODED_BYTES = Integer.MAX_VALUE - 8;

    static int checkSize(long size, String what) {
        if (size > MAX_ENCODED_BYTES) {
            throw new IllegalArgumentException(what + " would take " + size
                    + " bytes; a frame or stored message holds less than 2 GiB");
        }
        return (int) size;
    }

    private static void writeBody(Frame f, WireWriter w) {
        Command c = f.command();
        CommandType type = CommandType.of(c);
        w.u8(type.code);
        w.i64(f.correlationId());
        switch (type) {
            case CONNECT: {
                var x = (Command.Connect) c;
                w.i32(x.protocolVersion());
                w.string(x.user(), "user");
                w.string(x.password(), "password");
                w.string(x.clientId(), "clientId");
                break;
            }
            case SET_CLIENT_ID:
                w.string(((Command.SetClientId) c).clientId(), "clientId");
                break;
            case DISCONNECT:
            case HEARTBEAT:
            case OK:
                break;
            case CREATE_SESSION: {
                var x = (Command.CreateSession) c;
                w.i64(x.sessionId());
                w.u8(x.mode() == null ? NULL_CODE : sessionModeCode(x.mode()));
                break;
            }
            case CLOSE_SESSION: {
                var x = (Command.CloseSession) c;
                w.i64(x.sessionId());
                w.longs(x.consumedDeliveryIds());
                break;
            }
            case CREATE_CONSUMER: {
                var x = (Command.CreateConsumer) c;
                w.i64(x.sessionId());
                w.i64(x.consumerId());
                w.destination(x.destination(), "destination");
                w.string(x.selector(), "selector");
                w.bool(x.noLocal());
                w.string(x.subscriptionName(), "subscriptionName");
                w.bool(x.durable());
                w.bool(x.shared());
                w.i32(x.prefetch());
                break;
            }
            case CLOSE_CONSUMER: {
                var x = (Command.CloseConsumer) c;
                w.i64(x.consumerId());
                w.longs(x.consumedDeliveryIds());
                break;
            }
            case CREDIT: {
                var x = (Command.Credit) c;
                w.i64(x.consumerId());
                w.i32(x.credits());
                break;
            }
            case PULL: {
                var x = (Command.Pull) c;
                w.i64(x.consumerId());
                w.i32(x.credits());
                break;
            }
            case SEND: {
                var x = (Command.Send) c;
                w.i64(x.sessionId());
                optionalMessage(x.message(), w);
                break;
            }
            case ACK: {
                var x = (Command.Ack) c;
                w.i64(x.sessionId());
                w.longs(x.deliveryIds());
                break;
            }
            case RECOVER: {
                var x = (Command.Recover) c;
                w.i64(x.sessionId());
                w.longs(x.consumedDeliveryIds());
                break;
            }
            case COMMIT: {
                var x = (Command.Commit) c;
                w.i64(x.sessionId());
                w.longs(x.consumedDeliveryIds());
                break;
            }
            case ROLLBACK: {
                var x = (Command.Rollback) c;
                w.i64(x.sessionId());
                w.longs(x.consumedDeliveryIds());
                break;
            }
            case BROWSE: {
                var x = (Command.Browse) c;
                w.destination(x.queue(), "queue");
                w.string(x.selector(), "selector");
                break;
            }
            case CREATE_TEMPORARY:
                w.destination(((Command.CreateTemporary) c).destination(), "destination");
                break;
            case DELETE_TEMPORARY:
                w.destination(((Command.DeleteTemporary) c).destination(), "destination");
                break;
            case UNSUBSCRIBE:
                w.string(((Command.Unsubscribe) c).subscriptionName(), "subscriptionName");
                break;
            case SET_STARTED:
                w.bool(((Command.SetStarted) c).started());
                break;
            case SET_HEARTBEAT:
                w.i64(((Command.SetHeartbeat) c).proposedMillis());
                break;
            case HEARTBEAT_AGREED:
                w.i64(((Command.Reply.HeartbeatAgreed) c).millis());
                break;
            case DELIVER: {
                var x = (Command.Deliver) c;
                w.i64(x.consumerId());
                w.i64(x.deliveryId());
                w.i32(x.deliveryCount());
                optionalMessage(x.message(), w);
                break;
            }
            case CONNECTION_CLOSED_BY_BROKER: {
                var x = (Command.ConnectionClosedByBroker) c;
                w.u8(x.code() == null ? NULL_CODE : x.code().code());
                w.string(x.reason(), "reason");
                break;
            }
            case XA_START: {
                var x = (Command.XaStart) c;
                w.i64(x.sessionId());
                xid(x.xid(), w);
                w.i32(x.flags());
                w.i32(x.timeoutSeconds());
                break;
            }
            case XA_END: {
                var x = (Command.XaEnd) c;
                w.i64(x.sessionId());
                xid(x.xid(), w);
                w.i32(x.flags());
                w.longs(x.consumedDeliveryIds());
                break;
            }
            case XA_PREPARE:
                xid(((Command.XaPrepare) c).xid(), w);
                break;
            case XA_COMMIT: {
                var x = (Command.XaCommit) c;
                xid(x.xid(), w);
                w.bool(x.onePhase());
                break;
            }
            case XA_ROLLBACK:
                xid(((Command.XaRollback) c).xid(), w);
                break;
            case XA_FORGET:
                xid(((Command.XaForget) c).xid(), w);
                break;
            case XA_RECOVER:
                break;
            case XA_RESULT: {
                var x = (Command.Reply.XaResult) c;
                w.i32(x.code());
                w.string(x.message(), "message");
                break;
            }
            case XIDS: {
                List<XidData> xids = ((Command.Reply.Xids) c).xids();
                w.i32(xids.size());
                for (XidData x : xids) {
                    xid(x, w);
                }
                break;
            }
            case CONNECTED: {
                var x = (Command.Reply.Connected) c;
                w.string(x.connectionId(), "connectionId");
                w.string(x.brokerName(), "brokerName");
                if (x.protocolVersion() != 1) {
                    w.i32(x.protocolVersion());
                }
                break;
            }
            case BROWSED: {
                List<MessageData> messages = ((Command.Reply.Browsed) c).messages();
                if (messages == null) {
                    w.i32(-1);
                    break;
                }
                w.i32(messages.size());
                for (int i = 0; i < messages.size(); i++) {
                    MessageData m = messages.get(i);
                    if (m == null) {
                        throw new IllegalArgumentException("Browsed.messages[" + i + "] is null; a browse result"
                                + " holds messages only");
                    }
                    MessageCodec.write(m, w);
                }
                break;
            }
            case FAILED: {
                var x = (Command.Reply.Failed) c;
                w.u8(x.code() == null ? NULL_CODE : x.code().code());
                w.string(x.message(), "message");
                break;
            }
            default:
                throw new IllegalStateException("codec bug: no encoder for " + type);
        }
    }

    private static void xid(XidData x, WireWriter w) {
        if (x == null) {
            throw new IllegalArgumentException("an XA command's xid is null");
        }
        w.i32(x.getFormatId());
        w.bytes(x.gtrid());
        w.bytes(x.bqual());
    }

    private static XidData xid(WireReader r, String field) throws ProtocolException {
        int formatId = r.i32(field + ".formatId");
        byte[] gtrid = r.bytes(field + ".globalTransactionId");
        byte[] bqual = r.bytes(field + ".branchQualifier");
        String bad = XidData.check(formatId, gtrid, bqual);
        if (bad != null) {
            throw r.malformed(field, bad);
        }
        return XidData.of(formatId, gtrid, bqual);
    }

    private static void optionalMessage(MessageData m, WireWriter w) {
        if (m == null) {
            w.u8(0);
        } else {
            w.u8(1);
            MessageCodec.write(m, w);
        }
    }

    // ---- decoding ----------------------------------------------------------------------------

    /**
     * Checks a length prefix read from the wire, before the transport collects or allocates that
     * many bytes.
     *
     * @param length        the int32 length prefix as read
     * @param maxFrameBytes the largest frame body this receiver accepts
     * @return {@code length}
     * @throws ProtocolException if it is below {@link #MIN_FRAME_BODY_BYTES} or above {@code maxFrameBytes}
     */
    public static int checkFrameLength(int length, int maxFrameBytes) throws ProtocolException {
        if (length < MIN_FRAME_BODY_BYTES) {
            throw new ProtocolException("frame length prefix " + length + " is below the minimum of "
                    + MIN_FRAME_BODY_BYTES + " (type code and correlation id); the stream is out of sync"
                    + " or the peer does not speak the Tally protocol");
        }
        if (length > maxFrameBytes) {
            throw new ProtocolException("frame length prefix " + length + " exceeds this receiver's limit of "
                    + maxFrameBytes + " bytes; the peer sent a frame too large for this connection (raise the"
                    + " receiver's maximum frame size if such messages are expected), or the stream is out of sync");
        }
        return length;
    }

    /**
     * Decodes one frame body: the bytes after the length prefix, from {@code frameBody}'s
     * position to its limit (all of it must be one frame). On success the position is at the
     * limit; on failure it is unchanged. The buffer's byte order does not matter. Decoded arrays
     * and strings are copies: the buffer may be reused afterwards.
     *
     * @param maxFrameBytes the largest frame body this receiver accepts
     * @throws ProtocolException if the body is larger than {@code maxFrameBytes} or is not exactly
     *                           one well-formed version-{@value #PROTOCOL_VERSION} frame; the
     *                           message names the command, field, offset and what was expected
     */
    public static Frame decode(ByteBuffer frameBody, int maxFrameBytes) throws ProtocolException {
        if (frameBody.remaining() > maxFrameBytes) {
            throw new ProtocolException("frame body of " + frameBody.remaining() + " bytes exceeds this receiver's"
                    + " limit of " + maxFrameBytes + " bytes");
        }
        WireReader r = new WireReader(frameBody.slice().order(ByteOrder.BIG_ENDIAN), "frame");
        int code = r.u8("type");
        CommandType type = CommandType.ofCode(code);
        if (type == null) {
            throw r.malformed("type", "unknown command type code 0x" + WireReader.hex(code)
                    + "; protocol version " + PROTOCOL_VERSION + " defines 0x01-0x1B, 0x1E, 0x40-0x41, 0x60-0x65 and 0x6E");
        }
        r.typeName(type.name());
        long correlationId = r.i64("correlationId");
        r.correlationId(correlationId);
        Command command = readCommand(type, r);
        frameBody.position(frameBody.limit());
        return new Frame(correlationId, command);
    }

    private static Command readCommand(CommandType type, WireReader r) throws ProtocolException {
        Command c;
        String last;
        switch (type) {
            case CONNECT:
                c = new Command.Connect(r.i32("protocolVersion"), r.string("user"), r.string("password"),
                        r.string(last = "clientId"));
                break;
            case SET_CLIENT_ID:
                c = new Command.SetClientId(r.string(last = "clientId"));
                break;
            case DISCONNECT:
                c = new Command.Disconnect();
                last = "correlationId";
                break;
            case HEARTBEAT:
                c = new Command.Heartbeat();
                last = "correlationId";
                break;
            case OK:
                c = Command.Reply.OK;
                last = "correlationId";
                break;
            case CREATE_SESSION:
                c = new Command.CreateSession(r.i64("sessionId"), sessionMode(r, last = "mode"));
                break;
            case CLOSE_SESSION:
                c = new Command.CloseSession(r.i64("sessionId"), r.longs(last = "consumedDeliveryIds"));
                break;
            case CREATE_CONSUMER:
                c = new Command.CreateConsumer(r.i64("sessionId"), r.i64("consumerId"), r.destination("destination"),
                        r.string("selector"), r.bool("noLocal"), r.string("subscriptionName"), r.bool("durable"),
                        r.bool("shared"), r.i32(last = "prefetch"));
                break;
            case CLOSE_CONSUMER:
                c = new Command.CloseConsumer(r.i64("consumerId"), r.longs(last = "consumedDeliveryIds"));
                break;
            case CREDIT:
                c = new Command.Credit(r.i64("consumerId"), r.i32(last = "credits"));
                break;
            case PULL:
                c = new Command.Pull(r.i64("consumerId"), r.i32(last = "credits"));
                break;
            case SEND:
                c = new Command.Send(r.i64("sessionId"), optionalMessage(r));
                last = "message";
                break;
            case ACK:
                c = new Command.Ack(r.i64("sessionId"), r.longs(last = "deliveryIds"));
                break;
            case RECOVER:
                c = new Command.Recover(r.i64("sessionId"), r.longs(last = "consumedDeliveryIds"));
                break;
            case COMMIT:
                c = new Command.Commit(r.i64("sessionId"), r.longs(last = "consumedDeliveryIds"));
                break;
            case ROLLBACK:
                c = new Command.Rollback(r.i64("sessionId"), r.longs(last = "consumedDeliveryIds"));
                break;
            case BROWSE:
                c = new Command.Browse(r.destination("queue"), r.string(last = "selector"));
                break;
            case CREATE_TEMPORARY:
                c = new Command.CreateTemporary(r.destination(last = "destination"));
                break;
            case DELETE_TEMPORARY:
                c = new Command.DeleteTemporary(r.destination(last = "destination"));
                break;
            case UNSUBSCRIBE:
                c = new Command.Unsubscribe(r.string(last = "subscriptionName"));
                break;
            case SET_STARTED:
                c = new Command.SetStarted(r.bool(last = "started"));
                break;
            case SET_HEARTBEAT:
                c = new Command.SetHeartbeat(r.i64(last = "proposedMillis"));
                break;
            case HEARTBEAT_AGREED:
                c = new Command.Reply.HeartbeatAgreed(r.i64(last = "millis"));
                break;
            case DELIVER:
                c = new Command.Deliver(r.i64("consumerId"), r.i64("deliveryId"), r.i32("deliveryCount"),
                        optionalMessage(r));
                last = "message";
                break;
            case CONNECTION_CLOSED_BY_BROKER:
                c = new Command.ConnectionClosedByBroker(errorCode(r), r.string(last = "reason"));
                break;
            case XA_START:
                c = new Command.XaStart(r.i64("sessionId"), xid(r, "xid"), r.i32("flags"), r.i32(last = "timeoutSeconds"));
                break;
            case XA_END:
                c = new Command.XaEnd(r.i64("sessionId"), xid(r, "xid"), r.i32("flags"), r.longs(last = "consumedDeliveryIds"));
                break;
            case XA_PREPARE:
                c = new Command.XaPrepare(xid(r, last = "xid"));
                break;
            case XA_COMMIT:
                c = new Command.XaCommit(xid(r, "xid"), r.bool(last = "onePhase"));
                break;
            case XA_ROLLBACK:
                c = new Command.XaRollback(xid(r, last = "xid"));
                break;
            case XA_FORGET:
                c = new Command.XaForget(xid(r, last = "xid"));
                break;
            case XA_RECOVER:
                c = new Command.XaRecover();
                last = "correlationId";
                break;
            case XA_RESULT:
                c = new Command.Reply.XaResult(r.i32("code"), r.string(last = "message"));
                break;
            case XIDS: {
                int n = r.count("xids", 12);
                if (n < 0) {
                    throw r.malformed("xids", "null list; a recover result is a list");
                }
                List<XidData> xids = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    xids.add(xid(r, "xids"));
                }
                c = new Command.Reply.Xids(xids);
                last = "xids";
                break;
            }
            case CONNECTED:
                String connectionId = r.string("connectionId");
                String brokerName = r.string(last = "brokerName");
                int version = 1;
                if (r.remaining() > 0) { // version 2: the optional last field
                    version = r.i32(last = "protocolVersion");
                    if (version == 1) {
                        throw r.malformed("protocolVersion", "version 1 is never sent (its absence means 1)");
                    }
                }
                c = new Command.Reply.Connected(connectionId, brokerName, version);
                break;
            case BROWSED:
                c = new Command.Reply.Browsed(messages(r));
                last = "messages";
                break;
            case FAILED:
                c = new Command.Reply.Failed(errorCode(r), r.string(last = "message"));
                break;
            default:
                throw new IllegalStateException("codec bug: no decoder for " + type);
        }
        r.scope(null, -1);
        r.expectEnd(last);
        return c;
    }

    private static MessageData optionalMessage(WireReader r) throws ProtocolException {
        int present = r.u8("message");
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw r.malformed("message", "presence byte 0x" + WireReader.hex(present)
                    + "; expected 0 (no message) or 1 (a message follows)");
        }
        r.scope("message", -1);
        return MessageCodec.read(r);
    }

    private static List<MessageData> messages(WireReader r) throws ProtocolException {
        int n = r.count("messages", MessageCodec.MIN_BLOCK_BYTES);
        if (n < 0) {
            return null;
        }
        List<MessageData> list = new ArrayList<>(Math.min(n, 256));
        for (int i = 0; i < n; i++) {
            r.scope("messages", i);
            list.add(MessageCodec.read(r));
        }
        return Collections.unmodifiableList(list);
    }

    private static ErrorCode errorCode(WireReader r) throws ProtocolException {
        int code = r.u8("code");
        if (code == NULL_CODE) {
            return null;
        }
        for (ErrorCode e : ERROR_CODES) {
            if (e.code() == code) {
                return e;
            }
        }
        throw r.malformed("code", "unknown error code " + code + "; protocol version " + PROTOCOL_VERSION
                + " defines 0.." + (ERROR_CODES.length - 1) + " or 0xFF (null)");
    }

    static int sessionModeCode(SessionMode mode) {
        switch (mode) {
            case TRANSACTED:
                return 0;
            case AUTO_ACKNOWLEDGE:
                return 1;
            case CLIENT_ACKNOWLEDGE:
                return 2;
            case DUPS_OK_ACKNOWLEDGE:
                return 3;
            default:
                throw new IllegalArgumentException("the codec has no wire code for session mode " + mode);
        }
    }

    private static SessionMode sessionMode(WireReader r, String field) throws ProtocolException {
        int code = r.u8(field);
        switch (code) {
            case NULL_CODE:
                return null;
            case 0:
                return SessionMode.TRANSACTED;
            case 1:
                return SessionMode.AUTO_ACKNOWLEDGE;
            case 2:
                return SessionMode.CLIENT_ACKNOWLEDGE;
            case 3:
                return SessionMode.DUPS_OK_ACKNOWLEDGE;
            default:
                throw r.malformed(field, "unknown session mode " + code
                        + "; expected 0 (transacted), 1 (auto), 2 (client), 3 (dups-ok) or 0xFF (null)");
        }
    }

    // ---- stored messages (the journal) -------------------------------------------------------

    /** @see MessageCodec#encode(MessageData) */
    public static byte[] encodeMessage(MessageData m) {
        return MessageCodec.encode(m);
    }

    /** @see MessageCodec#decode(byte[]) */
    public static MessageData decodeMessage(byte[] b) throws ProtocolException {
        return MessageCodec.decode(b);
    }
}
