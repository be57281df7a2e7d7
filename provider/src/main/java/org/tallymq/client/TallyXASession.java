package org.tallymq.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XATopicSession;
import javax.transaction.xa.XAResource;
import org.tallymq.protocol.SessionMode;

/**
 * A session whose work a transaction manager coordinates through its {@link #getXAResource()}.
 *
 * <ul>
 *   <li>Between {@code XAResource.start} and {@code end} the session's sends and the messages it
 *       consumes belong to the XA branch: sends become visible and consumed messages are
 *       acknowledged only if the branch commits; if it rolls back the messages come back,
 *       redelivered.</li>
 *   <li>{@link #commit()} and {@link #rollback()} always throw TransactionInProgressException: the
 *       transaction manager completes the work (XASession javadoc). {@link #getTransacted()} is true.</li>
 *   <li>Outside a global transaction the session acts as a non-transacted AUTO_ACKNOWLEDGE session,
 *       which is what application servers rely on for work outside a transaction.</li>
 * </ul>
 * Thread contract: as any session, one thread at a time (the transaction manager calls the
 * XAResource from the thread that uses the session, or between uses).
 */
public final class TallyXASession extends TallySession implements XAQueueSession, XATopicSession {

    private final TallyXAResource resource;

    TallyXASession(TallyConnection connection, long id, Domain domain) {
        super(connection, id, SessionMode.AUTO_ACKNOWLEDGE, domain);
        this.resource = new TallyXAResource(this);
    }

    @Override
    public XAResource getXAResource() {
        return resource;
    }

    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    boolean inGlobalTransaction() {
        return resource.isAssociated();
    }

    /** True, as the XASession javadoc says: the session's work is transacted, by the transaction manager. */
    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return true;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return Session.SESSION_TRANSACTED;
    }

    /** @throws TransactionInProgressException always: the transaction manager commits an XA session's work */
    @Override
    public void commit() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("commit() on an XASession: its work is committed by the transaction manager"
                + " through the session's XAResource");
    }

    /** @throws TransactionInProgressException always: the transaction manager rolls back an XA session's work */
    @Override
    public void rollback() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("rollback() on an XASession: its work is rolled back by the transaction"
                + " manager through the session's XAResource");
    }

    /** Outside a global transaction as on an AUTO_ACKNOWLEDGE session; inside one, IllegalStateException. */
    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (resource.isAssociated()) {
            throw new IllegalStateException("recover() on an XASession inside a global transaction; the transaction manager"
                    + " rolls the branch back instead");
        }
        super.recover();
    }
}
