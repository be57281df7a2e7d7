package org.tallymq.store.journal;

/** A well-formed record whose meaning contradicts what came before it (replay turns this into corruption). */
final class ImpossibleRecordException extends Exception {
    private final String code;

    ImpossibleRecordException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
