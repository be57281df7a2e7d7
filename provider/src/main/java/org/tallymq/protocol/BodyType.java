package org.tallymq.protocol;

/** The body type of a message, as carried on the wire (one byte). */
public enum BodyType {
    /** A {@code jakarta.jms.Message} with no body. */
    MESSAGE(0),
    TEXT(1),
    BYTES(2),
    MAP(3),
    STREAM(4),
    OBJECT(5);

    private final int code;

    BodyType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code no version of the protocol defines */
    public static BodyType fromCode(int code) {
        for (BodyType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown body type code " + code + "; expected 0..5");
    }
}
