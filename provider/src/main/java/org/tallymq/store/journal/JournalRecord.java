package org.tallymq.store.journal;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One record as the codec reads and writes it. Fields a type does not use are zero / empty.
 *
 * @param type         the record type
 * @param txId         transaction id (TX_*, PREPARE, COMMIT, ROLLBACK)
 * @param recordId     record id (ADD, UPDATE, DELETE, TX_*, SNAPSHOT)
 * @param userType     caller's type byte (ADD, TX_ADD, SNAPSHOT)
 * @param count        number of TX_* records of the transaction (PREPARE, COMMIT)
 * @param firstSegment sequence of the segment holding the transaction's first record (PREPARE, COMMIT);
 *                     lets replay tell a transaction whose early records were reclaimed from a damaged one
 * @param payload      payload (ADD, UPDATE, TX_ADD, TX_UPDATE, SNAPSHOT) or Xid bytes (PREPARE); never null
 * @param updates      SNAPSHOT only: the record's updates in order; never null
 */
public record JournalRecord(RecordType type, long txId, long recordId, byte userType, int count, long firstSegment,
                            byte[] payload, List<byte[]> updates) {

    static final byte[] EMPTY = new byte[0];

    public JournalRecord {
        if (type == null || payload == null || updates == null) {
            throw new IllegalArgumentException("a journal record needs a type, a payload and an update list (use empty"
                    + " ones, not null): type=" + type + ", payload=" + (payload == null ? "null" : payload.length + "B")
                    + ", updates=" + (updates == null ? "null" : updates.size()));
        }
    }

    public static JournalRecord add(long recordId, byte userType, byte[] payload) {
        return new JournalRecord(RecordType.ADD, 0, recordId, userType, 0, 0, payload, List.of());
    }

    public static JournalRecord update(long recordId, byte[] payload) {
        return new JournalRecord(RecordType.UPDATE, 0, recordId, (byte) 0, 0, 0, payload, List.of());
    }

    public static JournalRecord delete(long recordId) {
        return new JournalRecord(RecordType.DELETE, 0, recordId, (byte) 0, 0, 0, EMPTY, List.of());
    }

    public static JournalRecord txAdd(long txId, long recordId, byte userType, byte[] payload) {
        return new JournalRecord(RecordType.TX_ADD, txId, recordId, userType, 0, 0, payload, List.of());
    }

    public static JournalRecord txUpdate(long txId, long recordId, byte[] payload) {
        return new JournalRecord(RecordType.TX_UPDATE, txId, recordId, (byte) 0, 0, 0, payload, List.of());
    }

    public static JournalRecord txDelete(long txId, long recordId) {
        return new JournalRecord(RecordType.TX_DELETE, txId, recordId, (byte) 0, 0, 0, EMPTY, List.of());
    }

    public static JournalRecord prepare(long txId, int count, long firstSegment, byte[] xid) {
        return new JournalRecord(RecordType.PREPARE, txId, 0, (byte) 0, count, firstSegment, xid, List.of());
    }

    public static JournalRecord commit(long txId, int count, long firstSegment) {
        return new JournalRecord(RecordType.COMMIT, txId, 0, (byte) 0, count, firstSegment, EMPTY, List.of());
    }

    public static JournalRecord rollback(long txId) {
        return new JournalRecord(RecordType.ROLLBACK, txId, 0, (byte) 0, 0, 0, EMPTY, List.of());
    }

    public static JournalRecord snapshot(long recordId, byte userType, byte[] payload, List<byte[]> updates) {
        return new JournalRecord(RecordType.SNAPSHOT, 0, recordId, userType, 0, 0, payload, List.copyOf(updates));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JournalRecord r)) {
            return false;
        }
        if (type != r.type || txId != r.txId || recordId != r.recordId || userType != r.userType
                || count != r.count || firstSegment != r.firstSegment || !Arrays.equals(payload, r.payload)
                || updates.size() != r.updates.size()) {
            return false;
        }
        for (int i = 0; i < updates.size(); i++) {
            if (!Arrays.equals(updates.get(i), r.updates.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, txId, recordId, userType, count, firstSegment, Arrays.hashCode(payload), updates.size());
    }

    /** One line for tools and logs: type, ids, sizes (payload bytes are not printed). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.name());
        switch (type) {
            case ADD -> sb.append(" id=").append(recordId).append(" userType=").append(userType);
            case UPDATE, DELETE -> sb.append(" id=").append(recordId);
            case TX_ADD -> sb.append(" tx=").append(txId).append(" id=").append(recordId).append(" userType=").append(userType);
            case TX_UPDATE, TX_DELETE -> sb.append(" tx=").append(txId).append(" id=").append(recordId);
            case PREPARE, COMMIT -> sb.append(" tx=").append(txId).append(" count=").append(count)
                    .append(" firstSegment=").append(firstSegment);
            case ROLLBACK -> sb.append(" tx=").append(txId);
            case SNAPSHOT -> sb.append(" id=").append(recordId).append(" userType=").append(userType)
                    .append(" updates=").append(updates.size());
            default -> { }
        }
        if (type != RecordType.DELETE && type != RecordType.TX_DELETE && type != RecordType.COMMIT
                && type != RecordType.ROLLBACK) {
            sb.append(type == RecordType.PREPARE ? " xid=" : " payload=").append(payload.length).append('B');
        }
        return sb.toString();
    }
}
