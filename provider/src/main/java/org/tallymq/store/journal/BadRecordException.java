package org.tallymq.store.journal;

/** A record frame that does not decode; internal to the scanner, which decides between torn tail and corruption. */
final class BadRecordException extends Exception {
    private final String recordType;

    BadRecordException(String recordType, String reason) {
        super(reason, null, false, false);
        this.recordType = recordType;
    }

    /** Type name if the type byte was readable and known, else "unknown". */
    String recordType() {
        return recordType;
    }
}
