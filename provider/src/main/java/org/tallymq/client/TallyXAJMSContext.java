package org.tallymq.client;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.XAJMSContext;
import javax.transaction.xa.XAResource;

/**
 * A JMSContext whose session is an {@link TallyXASession}: getTransacted() is true, the session mode
 * is SESSION_TRANSACTED, commit() and rollback() throw TransactionInProgressRuntimeException, and the
 * transaction manager completes the work through {@link #getXAResource()}. Outside a global
 * transaction it acts as an AUTO_ACKNOWLEDGE context. Same threading as {@link TallyJMSContext}.
 */
public final class TallyXAJMSContext extends TallyJMSContext implements XAJMSContext {

    private TallyXAJMSContext(SharedConnection shared) {
        super(shared, JMSContext.SESSION_TRANSACTED, true, true);
    }

    /** A new XA context on a new connection: what {@code XAConnectionFactory.createXAContext} returns. */
    public static XAJMSContext openXA(ConnectionOpener opener) {
        if (opener == null) {
            throw new IllegalArgumentException("TallyXAJMSContext.openXA: the connection opener is null");
        }
        TallyConnection connection;
        try {
            connection = opener.open();
        } catch (JMSException e) {
            throw RuntimeExceptions.convert(e);
        }
        return new TallyXAJMSContext(new SharedConnection(connection));
    }

    @Override
    public JMSContext getContext() {
        checkOpen();
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return ((TallyXASession) session()).getXAResource();
    }
}
