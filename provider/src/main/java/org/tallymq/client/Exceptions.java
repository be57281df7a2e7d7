package org.tallymq.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionRolledBackException;
import org.tallymq.protocol.ErrorCode;

/** Turns broker error codes into the JMS exceptions the specification names. */
final class Exceptions {

    private Exceptions() {
    }

    static JMSException fromBroker(ErrorCode code, String message) {
        String errorCode = "TALLY-" + code.name();
        return switch (code) {
            case ILLEGAL_STATE -> new IllegalStateException(message, errorCode);
            case INVALID_CLIENT_ID -> new InvalidClientIDException(message, errorCode);
            case INVALID_DESTINATION -> new InvalidDestinationException(message, errorCode);
            case INVALID_SELECTOR -> new InvalidSelectorException(message, errorCode);
            case SECURITY -> new JMSSecurityException(message, errorCode);
            case RESOURCE_ALLOCATION -> new ResourceAllocationException(message, errorCode);
            case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(message, errorCode);
            case TRANSACTION_IN_PROGRESS -> new TransactionInProgressException(message, errorCode);
            case MESSAGE_FORMAT -> new MessageFormatException(message, errorCode);
            default -> new JMSException(message, errorCode);
        };
    }

    static JMSException wrap(String message, Exception cause) {
        JMSException e = new JMSException(message + ": " + cause);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }

    static IllegalStateException closed(String what) {
        return new IllegalStateException("the " + what + " is closed", "TALLY-CLOSED");
    }
}
