package org.tallymq.client;

import jakarta.jms.JMSException;
import org.tallymq.protocol.DestinationRef;

/** Placeholder while the client is written; replaced by the real connection. */
public class TallyConnection {
    void deleteTemporary(DestinationRef ref) throws JMSException {
        throw new UnsupportedOperationException("not yet");
    }
}
