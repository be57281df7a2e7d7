package org.tallymq.store.journal;

/**
 * The kinds of journal record, with their one-byte codes on disk (see {@link RecordCodec} for the layout).
 * Codes are part of the file format: never renumber, only add.
 */
public enum RecordType {
    /** A record is created, outside any transaction. */
    ADD(1),
    /** A payload is appended to a live record's list of updates, outside any transaction. */
    UPDATE(2),
    /** A record is deleted, outside any transaction. */
    DELETE(3),
    /** A record is created by a transaction, effective when the transaction commits. */
    TX_ADD(4),
    /** A live record gets an update from a transaction, effective when the transaction commits. */
    TX_UPDATE(5),
    /** A record is deleted by a transaction, effective when the transaction commits. */
    TX_DELETE(6),
    /** Phase one of two-phase commit: the transaction's records are durable and it is in doubt. */
    PREPARE(7),
    /** The transaction's records take effect. */
    COMMIT(8),
    /** The transaction's records are discarded. */
    ROLLBACK(9),
    /** Compaction: a live record with all its updates, copied forward; replaces what replay knew of the record. */
    SNAPSHOT(10);

    private static final RecordType[] BY_CODE = new RecordType[11];

    static {
        for (RecordType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final byte code;

    RecordType(int code) {
        this.code = (byte) code;
    }

    /** The byte written to disk. */
    public byte code() {
        return code;
    }

    /** The type with this code, or {@code null} if the code is not a known type. */
    public static RecordType ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** True for TX_ADD, TX_UPDATE and TX_DELETE. */
    public boolean isTransactional() {
        return this == TX_ADD || this == TX_UPDATE || this == TX_DELETE;
    }
}
