package org.tallymq.store.journal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal's file format, in one place. Every integer is big-endian.
 *
 * <pre>
 * Segment file  tally-&lt;seq&gt;.jnl  (preallocated to the segment size, zero filled)
 * ┌────────┬──────┬───────────────────────────────────────────────────────────────────┐
 * │ offset │ size │ segment header (32 bytes)                                           │
 * ├────────┼──────┼───────────────────────────────────────────────────────────────────┤
 * │      0 │    4 │ magic 0x544C4A4E ("TLJN")                                          │
 * │      4 │    2 │ format version, 1                                                  │
 * │      6 │    2 │ header length, 32                                                  │
 * │      8 │    8 │ segment sequence (&ge; 1, equals the &lt;seq&gt; in the file name)          │
 * │     16 │   12 │ reserved, zero                                                     │
 * │     28 │    4 │ CRC32C of bytes 0..27                                              │
 * └────────┴──────┴───────────────────────────────────────────────────────────────────┘
 * Records follow from offset 32, back to back. A record length of 0 where a record would
 * start is the end of the data (the rest of the file is zero).
 *
 * Record (L bytes)
 * ┌────────┬──────┬───────────────────────────────────────────────────────────────────┐
 * │      0 │    4 │ L, the whole record's length including this field and the CRC;     │
 * │        │      │ 17 &le; L &le; bytes left in the file                                     │
 * │      4 │    1 │ type code (see {@link RecordType}): 1 ADD … 10 SNAPSHOT            │
 * │      5 │    8 │ segment sequence stamp, equals the header's (a record copied or    │
 * │        │      │ left over from another file never passes as this file's)           │
 * │     13 │  L-17│ body, by type, below                                               │
 * │    L-4 │    4 │ CRC32C of bytes 0..L-5                                             │
 * └────────┴──────┴───────────────────────────────────────────────────────────────────┘
 *
 * Bodies (B = L - 17; "rest" = every remaining body byte)
 *  type        fields                                                      B
 *  ADD       1 recordId:8 userType:1 payload:rest                          &ge; 9
 *  UPDATE    2 recordId:8 payload:rest                                     &ge; 8
 *  DELETE    3 recordId:8                                                  = 8
 *  TX_ADD    4 txId:8 recordId:8 userType:1 payload:rest                   &ge; 17
 *  TX_UPDATE 5 txId:8 recordId:8 payload:rest                              &ge; 16
 *  TX_DELETE 6 txId:8 recordId:8                                           = 16
 *  PREPARE   7 txId:8 count:4 firstSegment:8 xid:rest                      &ge; 20
 *  COMMIT    8 txId:8 count:4 firstSegment:8                               = 20
 *  ROLLBACK  9 txId:8                                                      = 8
 *  SNAPSHOT 10 recordId:8 userType:1 payloadLength:4 payload               &ge; 17
 *              updateCount:4 { updateLength:4 update }*updateCount, filling the body exactly
 *
 *  count        = number of TX_ADD/TX_UPDATE/TX_DELETE records the transaction wrote
 *  firstSegment = sequence of the segment holding the transaction's first record (0 if none)
 * </pre>
 *
 * Decoding checks, in order: the length against the bytes that remain (before anything is allocated), the
 * type code, the CRC, the segment stamp, then the body size for the type and every inner length against the
 * bytes left in the body.
 *
 * <p>Thread-safe: stateless. Package-private: the format is the journal's own business; {@code journal print}
 * shows it to people.
 */
final class RecordCodec {

    public static final int MAGIC = 0x544C4A4E;
    public static final short FORMAT_VERSION = 1;
    public static final int HEADER_SIZE = 32;
    /** Length field + type + segment stamp + CRC. */
    public static final int RECORD_OVERHEAD = 4 + 1 + 8 + 4;

    private RecordCodec() {
    }

    /** Bytes the record takes on disk. */
    public static int encodedSize(JournalRecord r) {
        return RECORD_OVERHEAD + bodySize(r);
    }

    private static int bodySize(JournalRecord r) {
        int p = r.payload().length;
        return switch (r.type()) {
            case ADD -> 9 + p;
            case UPDATE -> 8 + p;
            case DELETE, ROLLBACK -> 8;
            case TX_ADD -> 17 + p;
            case TX_UPDATE -> 16 + p;
            case TX_DELETE -> 16;
            case PREPARE -> 20 + p;
            case COMMIT -> 20;
            case SNAPSHOT -> {
                long size = 17L + p;
                for (byte[] u : r.updates()) {
                    size += 4L + u.length;
                }
                if (size > Integer.MAX_VALUE - RECORD_OVERHEAD) {
                    throw new IllegalArgumentException("snapshot of record " + r.recordId() + " is too large: " + size + " bytes");
                }
                yield (int) size;
            }
        };
    }

    /** Writes the segment header for {@code segment} into a new 32-byte buffer, ready to write. */
    public static ByteBuffer encodeHeader(long segment) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
        b.putInt(0, MAGIC).putShort(4, FORMAT_VERSION).putShort(6, (short) HEADER_SIZE).putLong(8, segment);
        b.putInt(28, crc(b, 0, 28));
        return b;
    }

    /**
     * Checks the 32 header bytes at {@code buf[0..32)} and returns the segment sequence.
     *
     * @param available bytes actually read from the file
     */
    public static long decodeHeader(ByteBuffer buf, int available, Path file) throws JournalCorruptedException {
        if (available < HEADER_SIZE) {
            throw header(file, "the file has " + available + " bytes; a segment header needs " + HEADER_SIZE);
        }
        int magic = buf.getInt(0);
        if (magic != MAGIC) {
            throw header(file, String.format("magic is 0x%08X, expected 0x%08X: not a Tally journal file", magic, MAGIC));
        }
        int stored = buf.getInt(28);
        int actual = crc(buf, 0, 28);
        if (stored != actual) {
            throw header(file, String.format("header CRC32C is 0x%08X, computed 0x%08X", stored, actual));
        }
        short version = buf.getShort(4);
        if (version != FORMAT_VERSION) {
            throw header(file, "unable to read journal format version " + version + "; this build reads version "
                    + FORMAT_VERSION + " only");
        }
        short headerLength = buf.getShort(6);
        if (headerLength != HEADER_SIZE) {
            throw header(file, "header length is " + headerLength + ", expected " + HEADER_SIZE);
        }
        long seq = buf.getLong(8);
        if (seq < 1) {
            throw header(file, "segment sequence is " + seq + ", expected >= 1");
        }
        return seq;
    }

    private static JournalCorruptedException header(Path file, String detail) {
        return new JournalCorruptedException(JournalCorruptedException.BAD_HEADER, file, 0, "header", detail);
    }

    /** Encodes {@code r}, stamped with {@code segment}, at {@code dst.position()} and advances it. */
    public static void encode(JournalRecord r, long segment, ByteBuffer dst) {
        int start = dst.position();
        int length = encodedSize(r);
        dst.putInt(length).put(r.type().code()).putLong(segment);
        switch (r.type()) {
            case ADD -> dst.putLong(r.recordId()).put(r.userType()).put(r.payload());
            case UPDATE -> dst.putLong(r.recordId()).put(r.payload());
            case DELETE -> dst.putLong(r.recordId());
            case TX_ADD -> dst.putLong(r.txId()).putLong(r.recordId()).put(r.userType()).put(r.payload());
            case TX_UPDATE -> dst.putLong(r.txId()).putLong(r.recordId()).put(r.payload());
            case TX_DELETE -> dst.putLong(r.txId()).putLong(r.recordId());
            case PREPARE -> dst.putLong(r.txId()).putInt(r.count()).putLong(r.firstSegment()).put(r.payload());
            case COMMIT -> dst.putLong(r.txId()).putInt(r.count()).putLong(r.firstSegment());
            case ROLLBACK -> dst.putLong(r.txId());
            case SNAPSHOT -> {
                dst.putLong(r.recordId()).put(r.userType()).putInt(r.payload().length).put(r.payload());
                dst.putInt(r.updates().size());
                for (byte[] u : r.updates()) {
                    dst.putInt(u.length).put(u);
                }
            }
        }
        dst.putInt(crc(dst, start, length - 4));
    }

    /**
     * Decodes the record at {@code buf[pos..pos+available)}.
     *
     * @param available       bytes from {@code pos} to the end of the file (the record must fit in them)
     * @param expectedSegment the file's segment sequence
     * @param withPayload     false to skip copying payloads (they are still covered by the CRC)
     * @return the record, or {@code null} at the end of the data (a zero length field)
     * @throws BadRecordException if the frame is broken; the caller decides whether that is a torn tail
     */
    static JournalRecord decode(ByteBuffer buf, int pos, long available, long expectedSegment, boolean withPayload)
            throws BadRecordException {
        if (available < 4) {
            if (allZero(buf, pos, (int) available)) {
                return null;
            }
            throw new BadRecordException("unknown", "only " + available + " bytes left in the file, a record needs at least "
                    + RECORD_OVERHEAD);
        }
        int length = buf.getInt(pos);
        if (length == 0) {
            return null;
        }
        if (length < RECORD_OVERHEAD || length > available) {
            throw new BadRecordException(available >= 5 ? typeName(buf.get(pos + 4)) : "unknown", "record length " + length
                    + " is impossible: a record takes at least " + RECORD_OVERHEAD + " bytes and " + available
                    + " bytes are left in the file");
        }
        RecordType type = RecordType.ofCode(buf.get(pos + 4));
        if (type == null) {
            throw new BadRecordException("unknown", "unknown record type code " + buf.get(pos + 4));
        }
        int stored = buf.getInt(pos + length - 4);
        int actual = crc(buf, pos, length - 4);
        if (stored != actual) {
            throw new BadRecordException(type.name(), String.format("CRC32C mismatch: stored 0x%08X, computed 0x%08X over %d bytes",
                    stored, actual, length - 4));
        }
        long stamp = buf.getLong(pos + 5);
        if (stamp != expectedSegment) {
            throw new BadRecordException(type.name(), "record is stamped with segment " + stamp + " but lies in segment "
                    + expectedSegment);
        }
        int b = pos + 13;
        int bodyLength = length - RECORD_OVERHEAD;
        return switch (type) {
            case ADD -> {
                atLeast(type, bodyLength, 9);
                yield JournalRecord.add(buf.getLong(b), buf.get(b + 8), bytes(buf, b + 9, bodyLength - 9, withPayload));
            }
            case UPDATE -> {
                atLeast(type, bodyLength, 8);
                yield JournalRecord.update(buf.getLong(b), bytes(buf, b + 8, bodyLength - 8, withPayload));
            }
            case DELETE -> {
                exactly(type, bodyLength, 8);
                yield JournalRecord.delete(buf.getLong(b));
            }
            case TX_ADD -> {
                atLeast(type, bodyLength, 17);
                yield JournalRecord.txAdd(buf.getLong(b), buf.getLong(b + 8), buf.get(b + 16),
                        bytes(buf, b + 17, bodyLength - 17, withPayload));
            }
            case TX_UPDATE -> {
                atLeast(type, bodyLength, 16);
                yield JournalRecord.txUpdate(buf.getLong(b), buf.getLong(b + 8), bytes(buf, b + 16, bodyLength - 16, withPayload));
            }
            case TX_DELETE -> {
                exactly(type, bodyLength, 16);
                yield JournalRecord.txDelete(buf.getLong(b), buf.getLong(b + 8));
            }
            case PREPARE -> {
                atLeast(type, bodyLength, 20);
                yield JournalRecord.prepare(buf.getLong(b), count(type, buf.getInt(b + 8)), buf.getLong(b + 12),
                        bytes(buf, b + 20, bodyLength - 20, true));
            }
            case COMMIT -> {
                exactly(type, bodyLength, 20);
                yield JournalRecord.commit(buf.getLong(b), count(type, buf.getInt(b + 8)), buf.getLong(b + 12));
            }
            case ROLLBACK -> {
                exactly(type, bodyLength, 8);
                yield JournalRecord.rollback(buf.getLong(b));
            }
            case SNAPSHOT -> decodeSnapshot(buf, b, bodyLength, withPayload);
        };
    }

    private static JournalRecord decodeSnapshot(ByteBuffer buf, int b, int bodyLength, boolean withPayload)
            throws BadRecordException {
        atLeast(RecordType.SNAPSHOT, bodyLength, 17);
        long id = buf.getLong(b);
        byte userType = buf.get(b + 8);
        int end = b + bodyLength;
        int p = b + 9;
        int payloadLength = buf.getInt(p);
        p += 4;
        inner(payloadLength, end - p - 4, "payload length");
        byte[] payload = bytes(buf, p, payloadLength, withPayload);
        p += payloadLength;
        int updateCount = buf.getInt(p);
        p += 4;
        if (updateCount < 0 || updateCount > (end - p) / 4) {
            throw new BadRecordException("SNAPSHOT", "update count " + updateCount + " cannot fit in the " + (end - p)
                    + " body bytes left");
        }
        List<byte[]> updates = new ArrayList<>(withPayload ? updateCount : 0);
        for (int i = 0; i < updateCount; i++) {
            if (end - p < 4) {
                throw new BadRecordException("SNAPSHOT", "update " + i + " of " + updateCount + " has no length field");
            }
            int ul = buf.getInt(p);
            p += 4;
            inner(ul, end - p, "update " + i + " length");
            if (withPayload) {
                updates.add(bytes(buf, p, ul, true));
            }
            p += ul;
        }
        if (p != end) {
            throw new BadRecordException("SNAPSHOT", (end - p) + " body bytes left over after the last update");
        }
        return JournalRecord.snapshot(id, userType, payload, updates);
    }

    private static void inner(int length, int left, String what) throws BadRecordException {
        if (length < 0 || length > left) {
            throw new BadRecordException("SNAPSHOT", what + " " + length + " does not fit in the " + left + " body bytes left");
        }
    }

    private static int count(RecordType type, int count) throws BadRecordException {
        if (count < 0) {
            throw new BadRecordException(type.name(), "negative record count " + count);
        }
        return count;
    }

    private static void atLeast(RecordType type, int bodyLength, int min) throws BadRecordException {
        if (bodyLength < min) {
            throw new BadRecordException(type.name(), "body of " + bodyLength + " bytes, a " + type + " body needs at least " + min);
        }
    }

    private static void exactly(RecordType type, int bodyLength, int size) throws BadRecordException {
        if (bodyLength != size) {
            throw new BadRecordException(type.name(), "body of " + bodyLength + " bytes, a " + type + " body has exactly " + size);
        }
    }

    private static byte[] bytes(ByteBuffer buf, int pos, int length, boolean copy) {
        if (!copy) {
            return JournalRecord.EMPTY;
        }
        byte[] out = new byte[length];
        buf.get(pos, out);
        return out;
    }

    private static String typeName(byte code) {
        RecordType t = RecordType.ofCode(code);
        return t == null ? "unknown" : t.name();
    }

    static boolean allZero(ByteBuffer buf, int pos, int length) {
        for (int i = 0; i < length; i++) {
            if (buf.get(pos + i) != 0) {
                return false;
            }
        }
        return true;
    }

    static int crc(ByteBuffer buf, int pos, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().limit(pos + length).position(pos));
        return (int) crc.getValue();
    }

    /** Segment sequence from a file name {@code tally-<seq>.jnl}, or -1 if the name is not a segment's. */
    public static long segmentOf(String fileName) {
        if (!fileName.startsWith("tally-") || !fileName.endsWith(".jnl")) {
            return -1;
        }
        String digits = fileName.substring(6, fileName.length() - 4);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    /** File name of segment {@code seq}: {@code tally-<seq>.jnl}, zero padded so names sort in order. */
    public static String fileName(long seq) {
        return String.format("tally-%010d.jnl", seq);
    }
}
