package org.tallymq.broker;

import org.tallymq.protocol.ErrorCode;

/** A request the broker refuses; the code tells the client which JMS exception to throw. */
final class BrokerException extends Exception {

    private static final long serialVersionUID = 1L;

    final ErrorCode code;

    BrokerException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }
}
