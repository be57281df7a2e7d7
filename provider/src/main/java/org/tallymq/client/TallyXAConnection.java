package org.tallymq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;

/**
 * A connection whose sessions can take part in XA transactions ({@link TallyXASession}). Its
 * ordinary {@code createSession} methods still give ordinary sessions. Thread-safe, like every
 * connection.
 */
public final class TallyXAConnection extends TallyConnection implements XAConnection, XAQueueConnection, XATopicConnection {

    TallyXAConnection(ConnectionOptions options) {
        super(options);
    }

    @Override
    public XASession createXASession() throws JMSException {
        return createXASession(TallySession.Domain.ANY);
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return createXASession(TallySession.Domain.QUEUE);
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return createXASession(TallySession.Domain.TOPIC);
    }

    /** An ordinary session, as {@link jakarta.jms.Connection#createSession(boolean, int)} gives. */
    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return super.createSession(transacted, acknowledgeMode);
    }
}
