package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tallymq.tck.Tck;

/**
 * Spec 3.6: "All Jakarta Messaging messages support the acknowledge method ... If a client uses
 * automatic acknowledgment, calls to acknowledge are ignored." The acknowledgement modes themselves
 * are chapter 6 and tested there.
 */
@Timeout(30)
class AcknowledgeMethodTest {

    @Test
    @DisplayName("3.6 acknowledge on a message received with AUTO_ACKNOWLEDGE is ignored")
    void acknowledgeIgnoredWithAutoAcknowledge() throws Exception {
        try (QueueLink link = QueueLink.open(Session.AUTO_ACKNOWLEDGE)) {
            link.producer.send(link.session.createTextMessage("one"));
            link.producer.send(link.session.createTextMessage("two"));
            Message first = link.receive();
            first.acknowledge();
            assertEquals("two", link.receive(TextMessage.class).getText(), "the session goes on as before");
            link.assertNoMoreMessages();
        }
    }

    @Test
    @DisplayName("3.6 acknowledge on a message received in a transacted session is ignored: rollback still redelivers it")
    void acknowledgeIgnoredInTransactedSession() throws Exception {
        Connection connection = Tck.connectionFactory().createConnection();
        try {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue(Tck.uniqueName("ch03"));
            session.createProducer(queue).send(session.createTextMessage("tx"));
            session.commit();
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            Message received = consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
            assertEquals("tx", ((TextMessage) received).getText());
            received.acknowledge();
            session.rollback();
            Message again = consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
            assertEquals(received.getJMSMessageID(), again == null ? null : again.getJMSMessageID(),
                    "acknowledge did not consume the message; rollback redelivered it");
            session.commit();
            assertNull(consumer.receive(Tck.NO_MESSAGE_MS));
        } finally {
            connection.close();
        }
    }
}
