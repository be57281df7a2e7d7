package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.tallymq.tck.Tck;

/**
 * A started connection with one session, a queue no other test uses, one producer and one consumer
 * on that queue. {@link #close()} closes the connection and with it everything else.
 *
 * <p>Spec 6.1.8: "It is valid to continue to use message objects created or received via the
 * connection" after it is closed, so {@link #roundTrip} may return the received message of a
 * closed connection. Not thread-safe: one test thread uses one link, as a session demands.
 */
final class QueueLink implements AutoCloseable {

    /** Builds the message to send, with the session of the link. */
    @FunctionalInterface
    interface MessageMaker {
        Message make(Session session) throws JMSException;
    }

    final Connection connection;
    final Session session;
    final Queue queue;
    final MessageProducer producer;

    /** The link's consumer on {@link #queue}; null for a link opened {@link #withoutConsumer()}. */
    final MessageConsumer consumer;

    private QueueLink(Connection connection, int acknowledgeMode, boolean withConsumer) throws JMSException {
        this.connection = connection;
        this.session = connection.createSession(false, acknowledgeMode);
        this.queue = session.createQueue(Tck.uniqueName("ch03"));
        this.producer = session.createProducer(queue);
        this.consumer = withConsumer ? session.createConsumer(queue) : null;
        connection.start();
    }

    /** An AUTO_ACKNOWLEDGE link. */
    static QueueLink open() throws JMSException {
        return open(Session.AUTO_ACKNOWLEDGE);
    }

    static QueueLink open(int acknowledgeMode) throws JMSException {
        return open(acknowledgeMode, true);
    }

    /** An AUTO_ACKNOWLEDGE link with no consumer, for tests that create their own (selectors, browsers). */
    static QueueLink withoutConsumer() throws JMSException {
        return open(Session.AUTO_ACKNOWLEDGE, false);
    }

    private static QueueLink open(int acknowledgeMode, boolean withConsumer) throws JMSException {
        Connection connection = Tck.connectionFactory().createConnection();
        try {
            return new QueueLink(connection, acknowledgeMode, withConsumer);
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Builds a message with {@code maker}, sends it with producer defaults through a fresh queue and
     * returns what the consumer receives, checked to be of {@code receivedType}.
     */
    static <M extends Message> M roundTrip(Class<M> receivedType, MessageMaker maker) throws JMSException {
        try (QueueLink link = open()) {
            link.producer.send(maker.make(link.session));
            return link.receive(receivedType);
        }
    }

    /** Sends {@code message} with the producer's defaults and returns the received copy. */
    <M extends Message> M sendAndReceive(Message message, Class<M> receivedType) throws JMSException {
        producer.send(message);
        return receive(receivedType);
    }

    /** The next message of the consumer; fails the test when none arrives in time. */
    Message receive() throws JMSException {
        Message received = consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
        assertNotNull(received, () -> "no message arrived on " + queue + " within " + Tck.RECEIVE_TIMEOUT_MS + " ms");
        return received;
    }

    <M extends Message> M receive(Class<M> receivedType) throws JMSException {
        return assertInstanceOf(receivedType, receive());
    }

    /** Fails the test when the consumer receives one more message. */
    void assertNoMoreMessages() throws JMSException {
        Message extra = consumer.receive(Tck.NO_MESSAGE_MS);
        assertNull(extra, () -> "unexpected extra message on " + queue + ": " + extra);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
