package org.tallymq.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.SecurityException;
import java.io.Serializable;
import javax.naming.Reference;
import org.tallymq.ra.ConnectionRequest.Kind;

/**
 * The connection factory applications inject or look up ({@code @Resource(lookup = "java:/jms/tally/cf")}): every
 * connection and context it makes is a handle on a pooled {@link TallyManagedConnection}, taking part in the
 * caller's container transaction. Session arguments ({@code createSession(transacted, mode)},
 * {@code createContext(mode)}) are ignored, as Jakarta Messaging 3.1 section 12.3 allows: inside a container
 * transaction the work belongs to it, outside one the session is non-transacted with AUTO_ACKNOWLEDGE.
 *
 * <p>Thread-safe, as a ConnectionFactory must be.
 */
public class PooledConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final TallyManagedConnectionFactory mcf;
    private final ConnectionManager cm;
    private Reference reference;

    PooledConnectionFactory(TallyManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    TallyManagedConnectionFactory managedConnectionFactory() {
        return mcf;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return createConnection(null, null);
    }

    /**
     * @throws JMSSecurityException if the broker refuses the credentials
     * @throws JMSException         if no connection can be had from the pool
     */
    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        try {
            return (Connection) cm.allocateConnection(mcf, new ConnectionRequest(Kind.CLASSIC, userName, password));
        } catch (ResourceException e) {
            throw jmsException(e);
        }
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return (QueueConnection) createConnection();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return (QueueConnection) createConnection(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return (TopicConnection) createConnection();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return (TopicConnection) createConnection(userName, password);
    }

    @Override
    public JMSContext createContext() {
        return createContext(null, null, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    /**
     * @throws JMSRuntimeException         for a session mode that is none of the four of JMSContext, or when no
     *                                     connection can be had from the pool
     * @throws JMSSecurityRuntimeException if the broker refuses the credentials
     */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        checkMode(sessionMode);
        try {
            return (JMSContext) cm.allocateConnection(mcf, new ConnectionRequest(Kind.CONTEXT, userName, password));
        } catch (ResourceException e) {
            JMSException j = jmsException(e);
            if (j instanceof JMSSecurityException) {
                throw new JMSSecurityRuntimeException(j.getMessage(), j.getErrorCode(), e);
            }
            throw new JMSRuntimeException(j.getMessage(), j.getErrorCode(), e);
        }
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(null, null, sessionMode);
    }

    private static void checkMode(int mode) {
        if (mode != JMSContext.AUTO_ACKNOWLEDGE && mode != JMSContext.CLIENT_ACKNOWLEDGE
                && mode != JMSContext.DUPS_OK_ACKNOWLEDGE && mode != JMSContext.SESSION_TRANSACTED) {
            throw new JMSRuntimeException("session mode " + mode + " is none of AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE "
                    + "(2), DUPS_OK_ACKNOWLEDGE (3) and SESSION_TRANSACTED (0)", "TALLY-RA-SESSION-MODE");
        }
    }

    private JMSException jmsException(ResourceException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof JMSException j) {
                JMSException copy = j instanceof JMSSecurityException
                        ? new JMSSecurityException(e.getMessage(), j.getErrorCode())
                        : new JMSException(e.getMessage(), j.getErrorCode());
                copy.setLinkedException(e);
                copy.initCause(e);
                return copy;
            }
            cause = cause.getCause();
        }
        JMSException j = e instanceof SecurityException
                ? new JMSSecurityException(e.getMessage(), "TALLY-RA-SECURITY")
                : new JMSException("could not get a connection from the pool of " + mcf + ": " + e.getMessage(),
                "TALLY-RA-ALLOCATE");
        j.setLinkedException(e);
        j.initCause(e);
        return j;
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "PooledConnectionFactory[" + mcf + "]";
    }
}
