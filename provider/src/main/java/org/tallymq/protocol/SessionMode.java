package org.tallymq.protocol;

/** How a session acknowledges; mirrors the {@code jakarta.jms.Session} constants. */
public enum SessionMode {
    TRANSACTED, AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE;

    public boolean isTransacted() {
        return this == TRANSACTED;
    }
}
