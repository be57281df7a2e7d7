package org.tallymq.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.tallymq.ra.Handles.ConnectionHandle;

/**
 * The classic connection an application gets from a {@link PooledConnectionFactory} (ra.xml
 * {@code connection-impl-class}): a handle on a pooled {@link TallyManagedConnection}. {@link #close()} gives the
 * managed connection back to the server's pool. The Jakarta EE restrictions of section 12.2 apply (see
 * {@link Restrictions}): at most one open session, no client ID, exception listener, stop or connection consumers.
 * Session arguments are ignored as section 12.3 allows.
 *
 * <p>Thread-safe, as a Connection must be.
 */
public final class PooledConnection implements Connection, QueueConnection, TopicConnection {

    private static final String WHAT = "Connection";
    private final ConnectionHandle handle;

    PooledConnection(ConnectionHandle handle) {
        this.handle = handle;
    }

    ConnectionHandle handle() {
        return handle;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return handle.createSession();
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return handle.createSession();
    }

    @Override
    public Session createSession() throws JMSException {
        return handle.createSession();
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) handle.createSession();
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) handle.createSession();
    }

    @Override
    public String getClientID() throws JMSException {
        return handle.physical().getClientID();
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        throw Restrictions.forbidden(WHAT, "setClientID", Restrictions.whyConnection("setClientID"));
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return handle.physical().getMetaData();
    }

    /** Always null: none may be set in a Jakarta EE web or EJB container. */
    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        handle.physical();
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        throw Restrictions.forbidden(WHAT, "setExceptionListener", Restrictions.whyConnection("setExceptionListener"));
    }

    @Override
    public void start() throws JMSException {
        handle.physical().start();
    }

    @Override
    public void stop() throws JMSException {
        throw Restrictions.forbidden(WHAT, "stop", Restrictions.whyConnection("stop"));
    }

    /** Closes this handle and its session; the physical connection goes back to the pool. Idempotent. */
    @Override
    public void close() throws JMSException {
        handle.close();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw consumerForbidden("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw consumerForbidden("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw consumerForbidden("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw consumerForbidden("createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw consumerForbidden("createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw consumerForbidden("createSharedDurableConnectionConsumer");
    }

    private static JMSException consumerForbidden(String method) {
        return Restrictions.forbidden(WHAT, method, Restrictions.whyConnection(method));
    }

    @Override
    public String toString() {
        return "PooledConnection@" + Integer.toHexString(System.identityHashCode(this));
    }
}
