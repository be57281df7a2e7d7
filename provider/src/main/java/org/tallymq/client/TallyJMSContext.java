package org.tallymq.client;

import static org.tallymq.client.RuntimeExceptions.call;
import static org.tallymq.client.RuntimeExceptions.run;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * The simplified API's context (JMS 2.0 / Jakarta Messaging 3.1, spec 2.8): one {@link TallySession}
 * on a {@link TallyConnection} that it shares, reference-counted, with the contexts made from it by
 * {@link #createContext(int)} (see {@link SharedConnection}). Every checked exception of the classic
 * client comes out as its unchecked twin ({@link RuntimeExceptions}).
 *
 * <h2>Life of a context</h2>
 * <ul>
 *   <li>Created by a connection factory: the connection is open, the session is not created yet,
 *       so that {@link #setClientID} can still be the first action (JMSContext.setClientID
 *       javadoc). The session is created by the first method that needs it.</li>
 *   <li>Created by {@link #createContext(int)}: shares the connection and creates its own session
 *       at once; setClientID is then too late (the connection is in use).</li>
 *   <li>Any action other than a getter makes {@link #setClientID} illegal: the getters
 *       (getClientID, getMetaData, getExceptionListener, getAutoStart, getSessionMode,
 *       getTransacted) do not count, mirroring {@code Connection}.</li>
 *   <li>{@link #close()} closes the session (waiting for listeners and asynchronous sends) and
 *       releases the connection; after it every method except close throws
 *       {@link IllegalStateRuntimeException} (spec 6.1.8).</li>
 * </ul>
 *
 * <p><b>autoStart</b> (default true): creating a consumer starts the connection, as
 * {@code start()} would; with {@code setAutoStart(false)} the application starts it.
 *
 * <p><b>Threading</b> (spec 6.2.6): a context is used by one thread at a time, like a session;
 * {@link #close()} and {@link #createContext(int)} (which does not use this context's session)
 * may be called from any thread, except that close from a MessageListener or CompletionListener
 * of this context gets IllegalStateRuntimeException (it would wait for itself). Contexts sharing
 * a connection may be used by different threads.
 */
public class TallyJMSContext implements JMSContext {

    /** Opens the connection a new context will own (a connection factory's work). */
    @FunctionalInterface
    public interface ConnectionOpener {
        TallyConnection open() throws JMSException;
    }

    private final SharedConnection shared;
    private final int sessionMode;
    /** Guards session creation and the closed transition. */
    private final Object lock = new Object();
    private volatile TallySession session;
    /** The unidentified producer every JMSProducer of this context sends with; created on first send. */
    private TallyMessageProducer sender;
    private volatile boolean autoStart = true;
    private volatile boolean clientIdSettable;
    private volatile boolean closed;
    /** An XAJMSContext: its session is an XASession, whose work the transaction manager completes. */
    private final boolean xa;

    private TallyJMSContext(SharedConnection shared, int sessionMode, boolean clientIdSettable) {
        this(shared, sessionMode, clientIdSettable, false);
    }

    TallyJMSContext(SharedConnection shared, int sessionMode, boolean clientIdSettable, boolean xa) {
        this.shared = shared;
        this.sessionMode = sessionMode;
        this.clientIdSettable = clientIdSettable;
        this.xa = xa;
    }

    /**
     * A new context on a new connection: what {@code ConnectionFactory.createContext} returns.
     *
     * @param sessionMode AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE or SESSION_TRANSACTED
     * @throws JMSRuntimeException         for another session mode (before any connection is opened)
     * @throws jakarta.jms.JMSSecurityRuntimeException if the broker refuses the credentials
     * @throws JMSRuntimeException         if the connection cannot be opened
     */
    public static JMSContext open(ConnectionOpener opener, int sessionMode) {
        if (opener == null) {
            throw new IllegalArgumentException("TallyJMSContext.open: the connection opener is null");
        }
        checkSessionMode(sessionMode);
        TallyConnection connection = call(opener::open);
        return new TallyJMSContext(new SharedConnection(connection), sessionMode, true);
    }

    private static void checkSessionMode(int mode) {
        run(() -> TallyConnection.sessionMode(mode == SESSION_TRANSACTED, mode));
    }

    // ---- state ---------------------------------------------------------------------------------

    /** @throws IllegalStateRuntimeException if this context is closed */
    void checkOpen() {
        if (closed) {
            throw RuntimeExceptions.closed("JMSContext");
        }
    }

    /** Every method but the getters and close: from now on setClientID is too late. */
    private void act() {
        checkOpen();
        clientIdSettable = false;
    }

    private TallyConnection connection() {
        return shared.connection;
    }

    /** The session, created on first use. */
    TallySession session() {
        act();
        TallySession s = session;
        if (s != null) {
            return s;
        }
        synchronized (lock) {
            checkOpen();
            if (session == null) {
                session = xa ? call(() -> connection().createXASession(TallySession.Domain.ANY))
                        : (TallySession) call(() -> connection().createSession(sessionMode));
            }
            return session;
        }
    }

    /** The producer the JMSProducers of this context send with. Same thread contract as the context. */
    TallyMessageProducer sender() {
        TallySession s = session();
        if (sender == null) {
            sender = (TallyMessageProducer) call(() -> s.createProducer(null));
        }
        return sender;
    }

    // ---- connection --------------------------------------------------------------------------

    /**
     * A new context with its own session on this context's connection; does not start the
     * connection. Thread-safe: does not touch this context's session (spec 6.2.6).
     *
     * @throws JMSRuntimeException          for an invalid session mode
     * @throws IllegalStateRuntimeException if this context is closed
     */
    @Override
    public JMSContext createContext(int mode) {
        act();
        checkSessionMode(mode);
        shared.retain();
        TallyJMSContext c = new TallyJMSContext(shared, mode, false);
        try {
            c.session();
        } catch (RuntimeException e) {
            run(shared::release);
            throw e;
        }
        return c;
    }

    @Override
    public String getClientID() {
        checkOpen();
        return call(() -> connection().getClientID());
    }

    /**
     * @throws IllegalStateRuntimeException if this is not the first action on the context, if the
     *                                      connection is in use or if the ID was configured
     *                                      administratively
     * @throws jakarta.jms.InvalidClientIDRuntimeException for null, empty or another connection's ID
     */
    @Override
    public void setClientID(String clientID) {
        checkOpen();
        if (!clientIdSettable) {
            throw new IllegalStateRuntimeException("setClientID must be the first call on a new JMSContext (before any "
                    + "other action on it, and not on a context made by JMSContext.createContext); configure the client "
                    + "ID on the connection factory or call setClientID right after createContext");
        }
        run(() -> connection().setClientID(clientID));
        clientIdSettable = false;
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return call(() -> connection().getMetaData());
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return call(() -> connection().getExceptionListener());
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        act();
        run(() -> connection().setExceptionListener(listener));
    }

    @Override
    public void start() {
        act();
        run(() -> connection().start());
    }

    /** @throws IllegalStateRuntimeException when called from a MessageListener of this connection */
    @Override
    public void stop() {
        act();
        run(() -> connection().stop());
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        act();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    /**
     * Closes the session (waiting for running listeners and incomplete asynchronous sends) and, if
     * no other context uses it, the connection. A second close does nothing.
     *
     * @throws IllegalStateRuntimeException from a MessageListener or CompletionListener of this context
     */
    @Override
    public void close() {
        TallySession s = session;
        if (s != null && !closed) {
            // before taking the lock: a listener of this context must fail, not wait for itself
            if (s.isListenerThread()) {
                throw new IllegalStateRuntimeException("a MessageListener may not close its own JMSContext (close waits "
                        + "for running listeners, so it would wait for itself); close the JMSConsumer instead, or close "
                        + "the context from another thread", "TALLY-CLOSE-FROM-LISTENER");
            }
            run(() -> s.asyncSends().checkNotInCallback("close"));
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        JMSException failure = null;
        TallySession current = session; // no session is created once closed is set
        if (current != null) {
            try {
                current.close();
            } catch (JMSException e) {
                failure = e;
            }
        }
        try {
            shared.release();
        } catch (JMSException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw RuntimeExceptions.convert(failure);
        }
    }

    // ---- messages ----------------------------------------------------------------------------

    @Override
    public BytesMessage createBytesMessage() {
        return call(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return call(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return call(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return call(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return call(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return call(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return call(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return call(() -> session().createTextMessage(text));
    }

    // ---- session -----------------------------------------------------------------------------

    @Override
    public boolean getTransacted() {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    /** @throws IllegalStateRuntimeException if not transacted, or from a CompletionListener of this context */
    @Override
    public void commit() {
        if (xa) {
            act();
            throw new TransactionInProgressRuntimeException("commit() on an XAJMSContext: its work is committed by the"
                    + " transaction manager through the context's XAResource");
        }
        run(() -> session().commit());
    }

    /** @throws IllegalStateRuntimeException if not transacted, or from a CompletionListener of this context */
    @Override
    public void rollback() {
        if (xa) {
            act();
            throw new TransactionInProgressRuntimeException("rollback() on an XAJMSContext: its work is rolled back by the"
                    + " transaction manager through the context's XAResource");
        }
        run(() -> session().rollback());
    }

    /** @throws IllegalStateRuntimeException if transacted */
    @Override
    public void recover() {
        run(() -> session().recover());
    }

    /**
     * Acknowledges every message the session has consumed (CLIENT_ACKNOWLEDGE); in the other modes
     * it does nothing.
     *
     * @throws IllegalStateRuntimeException if the context is closed
     */
    @Override
    public void acknowledge() {
        act();
        TallySession s = session;
        if (s != null) {
            run(s::acknowledgeAll);
        }
    }

    @Override
    public JMSProducer createProducer() {
        act();
        return new TallyJMSProducer(this);
    }

    // ---- consumers -----------------------------------------------------------------------------

    /** Creates a consumer and, with autoStart, starts the connection (spec 8.4); a failed start closes it again. */
    private JMSConsumer consumer(RuntimeExceptions.Call<MessageConsumer> create) {
        TallyMessageConsumer c = (TallyMessageConsumer) call(create);
        if (autoStart) {
            try {
                connection().start();
            } catch (JMSException e) {
                try {
                    c.close();
                } catch (JMSException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw RuntimeExceptions.convert(e);
            }
        }
        return new TallyJMSConsumer(this, c);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return createConsumer(destination, null, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        TallySession s = session();
        return consumer(() -> s.createConsumer(destination, messageSelector, noLocal));
    }

    /** @throws IllegalStateRuntimeException if the connection has no client ID */
    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return createDurableConsumer(topic, name, null, false);
    }

    /** @throws IllegalStateRuntimeException if the connection has no client ID */
    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        TallySession s = session();
        return consumer(() -> s.createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        TallySession s = session();
        return consumer(() -> s.createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        TallySession s = session();
        return consumer(() -> s.createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        TallySession s = session();
        return call(() -> s.createBrowser(queue, messageSelector));
    }

    @Override
    public void unsubscribe(String name) {
        TallySession s = session();
        run(() -> s.unsubscribe(name));
    }

    // ---- destinations --------------------------------------------------------------------------

    @Override
    public Queue createQueue(String queueName) {
        TallySession s = session();
        return call(() -> s.createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        TallySession s = session();
        return call(() -> s.createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        TallySession s = session();
        return call(s::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        TallySession s = session();
        return call(s::createTemporaryTopic);
    }

    @Override
    public String toString() {
        return "TallyJMSContext[" + (session == null ? "no session yet" : session) + " on " + connection()
                + (closed ? ", closed" : "") + "]";
    }
}
