package org.tallymq.store.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the log means, kept in memory without payloads: every live record with the locations of its base
 * record and updates, every open transaction with the locations of its records, and per segment how many
 * records are live and which transactions pin it. Replay builds it record by record; the writer keeps it
 * current as it appends.
 *
 * <p>Liveness, which the reclaim rule in {@link Journal} is stated in: a record is <em>live</em> if it is the
 * base (ADD, TX_ADD of a committed transaction, SNAPSHOT) or an update (UPDATE, TX_UPDATE of a committed
 * transaction) of a record that is not deleted and not superseded by a later SNAPSHOT of it. A record of an
 * open (pending or prepared) transaction, and the PREPARE of a prepared one, <em>pins</em> its segment.
 * Everything else (DELETE, COMMIT, ROLLBACK, records of rolled-back transactions, superseded records) is dead.
 *
 * <p>Not thread-safe: owned by one thread at a time (recovery, then the writer thread).
 */
final class JournalIndex {

    /** A live record: where its base is and where its updates are, in the order they take effect. */
    static final class Entry {
        final long id;
        final byte userType;
        long base;
        long[] updates = NONE;
        int updateCount;
        /** Incremented whenever the entry changes, so the compactor can tell its copy is out of date. */
        int version;

        Entry(long id, byte userType, long base) {
            this.id = id;
            this.userType = userType;
            this.base = base;
        }

        long[] updates() {
            return Arrays.copyOf(updates, updateCount);
        }

        void addUpdate(long location) {
            if (updateCount == updates.length) {
                updates = Arrays.copyOf(updates, Math.max(4, updateCount * 2));
            }
            updates[updateCount++] = location;
            version++;
        }
    }

    private static final long[] NONE = new long[0];

    /** One TX_* record of an open transaction. */
    record TxOp(RecordType type, long recordId, byte userType, long location) {
    }

    /** An open transaction. */
    static final class Tx {
        final long txId;
        final List<TxOp> ops = new ArrayList<>();
        long firstSegment;
        boolean prepared;
        long prepareLocation;
        int prepareCount;

        Tx(long txId) {
            this.txId = txId;
        }
    }

    final TreeMap<Long, Segment> segments = new TreeMap<>();
    final EntryTable live = new EntryTable();
    final Map<Long, Tx> txs = new LinkedHashMap<>();
    long maxRecordId = -1;
    long maxTxId = -1;

    /** Cache for {@link #segment}: most lookups hit the segment being read or written. */
    private Segment lastSegment;

    /** Removes a reclaimed segment. */
    void removeSegment(long seq) {
        segments.remove(seq);
        lastSegment = null;
    }

    Segment segment(long location) {
        long seq = Segment.seqOf(location);
        Segment last = lastSegment;
        if (last != null && last.seq == seq) {
            return last;
        }
        Segment s = segments.get(seq);
        lastSegment = s;
        if (s == null) {
            throw new IllegalStateException("bug: no segment for location " + Segment.describe(location));
        }
        return s;
    }

    /**
     * Checks a record the writer is about to append against the current state.
     *
     * @return null if it may be appended, else what is wrong (for an IllegalStateException to the caller)
     */
    String check(JournalRecord r) {
        switch (r.type()) {
            case ADD:
                return live.containsKey(r.recordId()) ? "record " + r.recordId() + " already exists; record ids must be unique" : null;
            case UPDATE:
            case DELETE:
                return live.containsKey(r.recordId()) ? null : "there is no live record " + r.recordId() + " to "
                        + (r.type() == RecordType.UPDATE ? "update" : "delete");
            case TX_ADD:
            case TX_UPDATE:
            case TX_DELETE: {
                Tx tx = txs.get(r.txId());
                if (tx != null && tx.prepared) {
                    return "transaction " + r.txId() + " is prepared; only COMMIT or ROLLBACK may follow";
                }
                boolean exists = live.containsKey(r.recordId()) || addedBy(tx, r.recordId());
                if (r.type() == RecordType.TX_ADD) {
                    return exists ? "record " + r.recordId() + " already exists; record ids must be unique" : null;
                }
                return exists ? null : "there is no live record " + r.recordId() + " (nor one added by transaction "
                        + r.txId() + ") to " + (r.type() == RecordType.TX_UPDATE ? "update" : "delete");
            }
            case PREPARE: {
                Tx tx = txs.get(r.txId());
                return tx != null && tx.prepared ? "transaction " + r.txId() + " is already prepared" : null;
            }
            default:
                return null;
        }
    }

    private static boolean addedBy(Tx tx, long recordId) {
        if (tx == null) {
            return false;
        }
        for (TxOp op : tx.ops) {
            if (op.type() == RecordType.TX_ADD && op.recordId() == recordId) {
                return true;
            }
        }
        return false;
    }

    /** Record count of an open transaction (0 if unknown), for the PREPARE/COMMIT the writer builds. */
    int txCount(long txId) {
        Tx tx = txs.get(txId);
        return tx == null ? 0 : tx.ops.size();
    }

    long txFirstSegment(long txId) {
        Tx tx = txs.get(txId);
        return tx == null ? 0 : tx.firstSegment;
    }

    /**
     * Applies a record that lies at {@code location}. During replay an UPDATE or DELETE of an unknown
     * record is dead, not an error (its base may have been reclaimed after the record was copied forward
     * or deleted).
     */
    void apply(JournalRecord r, long location) throws ImpossibleRecordException {
        Segment seg = segment(location);
        seg.records++;
        switch (r.type()) {
            case ADD -> {
                maxRecordId = Math.max(maxRecordId, r.recordId());
                addBase(r.recordId(), r.userType(), location);
            }
            case UPDATE -> update(r.recordId(), location);
            case DELETE -> delete(r.recordId());
            case SNAPSHOT -> {
                maxRecordId = Math.max(maxRecordId, r.recordId());
                Entry old = live.remove(r.recordId());
                if (old != null) {
                    release(old);
                }
                addBase(r.recordId(), r.userType(), location);
            }
            case TX_ADD, TX_UPDATE, TX_DELETE -> {
                maxTxId = Math.max(maxTxId, r.txId());
                if (r.type() == RecordType.TX_ADD) {
                    maxRecordId = Math.max(maxRecordId, r.recordId());
                }
                Tx tx = txs.computeIfAbsent(r.txId(), Tx::new);
                if (tx.prepared) {
                    throw new ImpossibleRecordException(JournalCorruptedException.IMPOSSIBLE_SEQUENCE,
                            r.type() + " for transaction " + r.txId() + " after its PREPARE at "
                                    + Segment.describe(tx.prepareLocation));
                }
                if (tx.ops.isEmpty()) {
                    tx.firstSegment = seg.seq;
                }
                tx.ops.add(new TxOp(r.type(), r.recordId(), r.userType(), location));
                seg.pin(r.txId());
            }
            case PREPARE -> {
                maxTxId = Math.max(maxTxId, r.txId());
                Tx tx = txs.computeIfAbsent(r.txId(), Tx::new);
                if (tx.prepared) {
                    throw new ImpossibleRecordException(JournalCorruptedException.IMPOSSIBLE_SEQUENCE,
                            "second PREPARE of transaction " + r.txId() + "; the first is at " + Segment.describe(tx.prepareLocation));
                }
                checkCount(r, tx.ops.size());
                tx.prepared = true;
                tx.prepareLocation = location;
                tx.prepareCount = r.count();
                seg.pin(r.txId());
            }
            case COMMIT -> {
                maxTxId = Math.max(maxTxId, r.txId());
                Tx tx = txs.remove(r.txId());
                checkCount(r, tx == null ? 0 : tx.ops.size());
                if (tx != null) {
                    commit(tx);
                }
            }
            case ROLLBACK -> {
                maxTxId = Math.max(maxTxId, r.txId());
                Tx tx = txs.remove(r.txId());
                if (tx != null) {
                    unpinAll(tx);
                }
            }
        }
    }

    /**
     * A PREPARE/COMMIT must count exactly the records the log holds for its transaction, unless some of them
     * were in segments that have since been reclaimed (its firstSegment is older than the oldest segment):
     * then the log may hold fewer, never more.
     */
    private void checkCount(JournalRecord r, int seen) throws ImpossibleRecordException {
        boolean complete = r.count() == 0 || r.firstSegment() >= segments.firstKey();
        if (complete ? seen != r.count() : seen > r.count()) {
            throw new ImpossibleRecordException(JournalCorruptedException.TX_COUNT_MISMATCH,
                    r.type() + " of transaction " + r.txId() + " counts " + r.count() + " records but the log holds "
                            + seen + (complete ? "" : " (its first segment " + r.firstSegment() + " was reclaimed, so at most "
                            + r.count() + " were expected)"));
        }
    }

    private void commit(Tx tx) throws ImpossibleRecordException {
        unpinAll(tx);
        for (TxOp op : tx.ops) {
            switch (op.type()) {
                case TX_ADD -> addBase(op.recordId(), op.userType(), op.location());
                case TX_UPDATE -> update(op.recordId(), op.location());
                case TX_DELETE -> delete(op.recordId());
                default -> throw new IllegalStateException("bug: " + op.type() + " in a transaction");
            }
        }
    }

    private void unpinAll(Tx tx) {
        for (TxOp op : tx.ops) {
            Segment s = segments.get(Segment.seqOf(op.location()));
            if (s != null) {
                s.unpin(tx.txId);
            }
        }
        if (tx.prepared) {
            Segment s = segments.get(Segment.seqOf(tx.prepareLocation));
            if (s != null) {
                s.unpin(tx.txId);
            }
        }
    }

    private void addBase(long id, byte userType, long location) throws ImpossibleRecordException {
        Entry old = live.addIfAbsent(new Entry(id, userType, location));
        if (old != null) {
            throw new ImpossibleRecordException(JournalCorruptedException.IMPOSSIBLE_SEQUENCE,
                    "record " + id + " is added again while live (first added at " + Segment.describe(old.base) + ")");
        }
        segment(location).live++;
    }

    private void update(long id, long location) {
        Entry e = live.get(id);
        if (e != null) {
            e.addUpdate(location);
            segment(location).live++;
        }
    }

    private void delete(long id) {
        Entry e = live.remove(id);
        if (e != null) {
            release(e);
        }
    }

    private void release(Entry e) {
        segment(e.base).live--;
        for (int i = 0; i < e.updateCount; i++) {
            segment(e.updates[i]).live--;
        }
    }

    /**
     * Ends replay: drops every transaction that has neither COMMIT, ROLLBACK nor PREPARE (its records become
     * dead) and returns their ids, so the caller can write their ROLLBACK. Checks that every prepared
     * transaction still has all the records its PREPARE counts (a prepared transaction pins its segments).
     *
     * @throws ImpossibleRecordException naming the PREPARE's location in its message
     */
    List<Long> finishReplay() throws ImpossibleRecordException {
        List<Long> dropped = new ArrayList<>();
        for (var it = txs.values().iterator(); it.hasNext(); ) {
            Tx tx = it.next();
            if (!tx.prepared) {
                unpinAll(tx);
                it.remove();
                dropped.add(tx.txId);
            } else if (tx.ops.size() != tx.prepareCount) {
                throw new ImpossibleRecordException(JournalCorruptedException.TX_COUNT_MISMATCH,
                        "prepared transaction " + tx.txId + " (PREPARE at " + Segment.describe(tx.prepareLocation)
                                + ") counts " + tx.prepareCount + " records but the log holds " + tx.ops.size()
                                + " (a prepared transaction pins its segments, so none may be missing)", tx.prepareLocation);
            }
        }
        return dropped;
    }

    /** Total live and total records over every segment except {@code exclude}. */
    long[] totals(long exclude) {
        long liveSum = 0;
        long recordSum = 0;
        for (Segment s : segments.values()) {
            if (s.seq != exclude) {
                liveSum += s.live;
                recordSum += s.records;
            }
        }
        return new long[] {liveSum, recordSum};
    }
}
