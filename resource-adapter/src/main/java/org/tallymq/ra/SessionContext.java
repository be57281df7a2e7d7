package org.tallymq.ra;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * The {@link JMSContext} of a managed connection: its physical connection and one of its sessions (the XA session,
 * or the transacted one of a local transaction). So a managed connection serves classic and simplified handles
 * alike, and its one XAResource covers both. Closing is the handle's business ({@link Handles}); the calls the
 * Jakarta EE container forbids are refused by the handle before they get here.
 *
 * <p>Threading: that of the session, one thread at a time.
 */
final class SessionContext implements JMSContext {

    private final Connection connection;
    private final Session session;
    private boolean autoStart = true;

    SessionContext(Connection connection, Session session) {
        this.connection = connection;
        this.session = session;
    }

    private interface Call<T> {
        T run() throws JMSException;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    private JMSConsumer consumer(Call<jakarta.jms.MessageConsumer> c) {
        SessionConsumer consumer = new SessionConsumer(call(c));
        if (autoStart) {
            start();
        }
        return consumer;
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        throw new IllegalStateRuntimeException("a context of the resource adapter cannot create another context on "
                + "its connection");
    }

    @Override
    public JMSProducer createProducer() {
        return new SessionProducer(session);
    }

    @Override
    public String getClientID() {
        return call(connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        call(() -> {
            connection.setClientID(clientID);
            return null;
        });
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return call(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        throw new IllegalStateRuntimeException("the server watches the managed connection for failures itself");
    }

    @Override
    public void start() {
        call(() -> {
            connection.start();
            return null;
        });
    }

    @Override
    public void stop() {
        throw new IllegalStateRuntimeException("the server owns the managed connection's life cycle");
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        return autoStart;
    }

    /** Nothing to close here: the handle closes what it made, the session belongs to the managed connection. */
    @Override
    public void close() {
    }

    @Override
    public BytesMessage createBytesMessage() {
        return call(session::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return call(session::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return call(session::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return call(session::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return call(() -> session.createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return call(session::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return call(session::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return call(() -> session.createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        return call(session::getTransacted);
    }

    @Override
    public int getSessionMode() {
        return call(session::getAcknowledgeMode);
    }

    @Override
    public void commit() {
        call(() -> {
            session.commit();
            return null;
        });
    }

    @Override
    public void rollback() {
        call(() -> {
            session.rollback();
            return null;
        });
    }

    @Override
    public void recover() {
        call(() -> {
            session.recover();
            return null;
        });
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session.createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(() -> session.createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(() -> session.createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public Queue createQueue(String queueName) {
        return call(() -> session.createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return call(() -> session.createTopic(topicName));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session.createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(() -> session.createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session.createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session.createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(() -> session.createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(() -> session.createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return call(() -> session.createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return call(() -> session.createBrowser(queue, messageSelector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return call(session::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return call(session::createTemporaryTopic);
    }

    @Override
    public void unsubscribe(String name) {
        call(() -> {
            session.unsubscribe(name);
            return null;
        });
    }

    /**
     * Ignored: the session is AUTO_ACKNOWLEDGE outside a transaction and transacted inside one, and the
     * JMSContext.acknowledge javadoc makes the call ineffective for both.
     */
    @Override
    public void acknowledge() {
    }
}
