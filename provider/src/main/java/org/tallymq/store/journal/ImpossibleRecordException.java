package org.tallymq.store.journal;

/** A well-formed record whose meaning contradicts what came before it (replay turns this into corruption). */
final class ImpossibleRecordException extends Exception {
    private final String code;
    private final long location;

    ImpossibleRecordException(String code, String detail) {
        this(code, detail, -1);
    }

    /** @param location where the offending record lies (see {@link Segment#location}), or -1 for "the record being applied" */
    ImpossibleRecordException(String code, String detail, long location) {
        super(detail, null, false, false);
        this.code = code;
        this.location = location;
    }

    long location() {
        return location;
    }

    String code() {
        return code;
    }
}
