package org.tallymq.protocol;

/**
 * Why a request failed, as carried in {@link Command.Reply.Failed}. The client turns each into the
 * {@code jakarta.jms} exception of the same name; the numeric code is stable on the wire.
 */
public enum ErrorCode {
    GENERIC(0),
    ILLEGAL_STATE(1),
    INVALID_CLIENT_ID(2),
    INVALID_DESTINATION(3),
    INVALID_SELECTOR(4),
    SECURITY(5),
    RESOURCE_ALLOCATION(6),
    TRANSACTION_ROLLED_BACK(7),
    TRANSACTION_IN_PROGRESS(8),
    MESSAGE_FORMAT(9),
    /** The broker could not write to its store; the operation did not take effect. */
    STORE_FAILURE(10),
    /** The protocol was used wrongly (a bug in a client, or a hostile peer). */
    PROTOCOL(11);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ErrorCode fromCode(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return GENERIC;
    }
}
