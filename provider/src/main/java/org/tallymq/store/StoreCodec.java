package org.tallymq.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.ProtocolException;

/**
 * The payloads of the broker's journal records (the journal itself frames, checksums and orders
 * them; see {@code org.tallymq.store.journal.RecordCodec} for the record layout).
 *
 * <pre>
 * MESSAGE (user type 1): a persistent message in one durable queue
 *   offset  size  field
 *   0       1     payload version (1)
 *   1       1     queue kind: 0 = named queue, 1 = durable subscription
 *   2       n     kind 0: queue name (int32 length + UTF-8); kind 1: int64 subscription record id
 *   2+n     m     the message, as {@link org.tallymq.protocol.MessageCodec} writes it (its own version byte first)
 *
 * MESSAGE updates (UPDATE records of a MESSAGE): 4 bytes, int32 delivery attempts so far; the last one wins.
 *
 * SUBSCRIPTION (user type 2): a durable subscription
 *   0       1     payload version (1)
 *   1       1     flags: bit 0 noLocal, bit 1 shared, bit 2 has client ID
 *   2       ...   [client ID], name, topic, selector: each int32 length + UTF-8
 *
 * HEURISTIC (user type 5): an XA branch an operator completed by hand (tally xa commit|rollback),
 * reported by XAResource.recover() until the transaction manager forgets it (then deleted)
 *   0       1     payload version (1)
 *   1       1     outcome: 1 = committed, 2 = rolled back
 *   2       n     the Xid: int32 formatId, 1 byte gtrid length g, g bytes gtrid, then the branch
 *                 qualifier to the end (XidData.toBytes)
 * </pre>
 *
 * Decoding checks every length against what remains and throws {@link ProtocolException} (with
 * what and where) on anything malformed. Stateless; thread-safe.
 */
public final class StoreCodec {

    public static final byte MESSAGE = 1;
    public static final byte SUBSCRIPTION = 2;
    public static final byte HEURISTIC = 5;
    private static final byte VERSION = 1;

    private StoreCodec() {
    }

    public static byte[] encodeMessage(QueueKey queue, MessageData m) {
        byte[] msg = Codec.encodeMessage(m);
        byte[] name = queue instanceof QueueKey.Queue q ? q.name().getBytes(StandardCharsets.UTF_8) : null;
        ByteBuffer b = ByteBuffer.allocate(2 + (name != null ? 4 + name.length : 8) + msg.length);
        b.put(VERSION);
        if (name != null) {
            b.put((byte) 0).putInt(name.length).put(name);
        } else {
            b.put((byte) 1).putLong(((QueueKey.Subscription) queue).subscriptionRecordId());
        }
        b.put(msg);
        return b.array();
    }

    public static StoredMessage decodeMessage(long recordId, byte[] payload, int deliveries) throws ProtocolException {
        ByteBuffer b = ByteBuffer.wrap(payload);
        version(b, "message record " + recordId);
        byte kind = get(b, "message record " + recordId);
        QueueKey key;
        if (kind == 0) {
            key = new QueueKey.Queue(string(b, "queue name of message record " + recordId));
        } else if (kind == 1) {
            need(b, 8, "subscription id of message record " + recordId);
            key = new QueueKey.Subscription(b.getLong());
        } else {
            throw new ProtocolException("message record " + recordId + ": unknown queue kind " + kind + " (expected 0 or 1)");
        }
        MessageData m = org.tallymq.protocol.MessageCodec.decode(b.slice());
        return new StoredMessage(recordId, key, m, deliveries);
    }

    public static byte[] encodeDeliveries(int deliveries) {
        return ByteBuffer.allocate(4).putInt(deliveries).array();
    }

    public static int decodeDeliveries(long recordId, byte[] update) throws ProtocolException {
        if (update.length != 4) {
            throw new ProtocolException("delivery-count update of message record " + recordId + " has " + update.length
                    + " bytes; expected 4");
        }
        return ByteBuffer.wrap(update).getInt();
    }

    public static byte[] encodeSubscription(StoredSubscription s) {
        byte[][] parts = {
            s.clientId() == null ? new byte[0] : s.clientId().getBytes(StandardCharsets.UTF_8),
            s.name().getBytes(StandardCharsets.UTF_8),
            s.topic().getBytes(StandardCharsets.UTF_8),
            s.selector().getBytes(StandardCharsets.UTF_8)};
        int size = 2;
        for (byte[] p : parts) {
            size += 4 + p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION);
        b.put((byte) ((s.noLocal() ? 1 : 0) | (s.shared() ? 2 : 0) | (s.clientId() != null ? 4 : 0)));
        for (byte[] p : parts) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    public static StoredSubscription decodeSubscription(long recordId, byte[] payload) throws ProtocolException {
        String what = "subscription record " + recordId;
        ByteBuffer b = ByteBuffer.wrap(payload);
        version(b, what);
        byte flags = get(b, what);
        String clientId = string(b, "client ID of " + what);
        String name = string(b, "name of " + what);
        String topic = string(b, "topic of " + what);
        String selector = string(b, "selector of " + what);
        if (b.hasRemaining()) {
            throw new ProtocolException(what + ": " + b.remaining() + " bytes after the last field");
        }
        return new StoredSubscription(recordId, (flags & 4) != 0 ? clientId : null, name, topic, selector,
                (flags & 1) != 0, (flags & 2) != 0);
    }

    public static byte[] encodeHeuristic(StoredHeuristic h) {
        byte[] xid = h.xid().toBytes();
        return ByteBuffer.allocate(2 + xid.length).put(VERSION).put((byte) (h.committed() ? 1 : 2)).put(xid).array();
    }

    public static StoredHeuristic decodeHeuristic(long recordId, byte[] payload) throws ProtocolException {
        String what = "heuristic outcome record " + recordId;
        ByteBuffer b = ByteBuffer.wrap(payload);
        version(b, what);
        byte outcome = get(b, what);
        if (outcome != 1 && outcome != 2) {
            throw new ProtocolException(what + ": outcome " + outcome + " is neither 1 (committed) nor 2 (rolled back)");
        }
        byte[] xid = new byte[b.remaining()];
        b.get(xid);
        try {
            return new StoredHeuristic(recordId, org.tallymq.protocol.XidData.fromBytes(xid), outcome == 1);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(what + ": " + e.getMessage());
        }
    }

    private static void version(ByteBuffer b, String what) throws ProtocolException {
        byte v = get(b, what);
        if (v != VERSION) {
            throw new ProtocolException(what + ": payload version " + v + " is not supported; this broker reads version " + VERSION);
        }
    }

    private static byte get(ByteBuffer b, String what) throws ProtocolException {
        need(b, 1, what);
        return b.get();
    }

    private static void need(ByteBuffer b, int n, String what) throws ProtocolException {
        if (b.remaining() < n) {
            throw new ProtocolException(what + ": truncated at offset " + b.position() + " (need " + n + " bytes, "
                    + b.remaining() + " remain)");
        }
    }

    private static String string(ByteBuffer b, String what) throws ProtocolException {
        need(b, 4, what);
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new ProtocolException(what + ": length " + len + " at offset " + (b.position() - 4) + " exceeds the "
                    + b.remaining() + " bytes remaining");
        }
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
