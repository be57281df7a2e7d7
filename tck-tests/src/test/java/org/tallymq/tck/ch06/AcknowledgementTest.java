package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;

/**
 * Spec 6.2.10 "Message acknowledgment", 6.2.11 "Duplicate delivery of messages", 3.6 "Message acknowledgment" and
 * the javadoc of {@code Message.acknowledge} and {@code Session.recover}.
 */
@DisplayName("6.2.10 Message acknowledgment")
class AcknowledgementTest extends ClassicSupport {

    @Test
    @DisplayName("6.2.10 CLIENT_ACKNOWLEDGE: acknowledge() on one message acknowledges all messages the session consumed, from all its consumers")
    void acknowledgeCoversWholeSession() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q1 = newQueue(s);
        Queue q2 = newQueue(s);
        sendTexts(c, q1, "a1", "a2");
        sendTexts(c, q2, "b1");
        MessageConsumer c1 = s.createConsumer(q1);
        MessageConsumer c2 = s.createConsumer(q2);
        Message a1 = receiveOrFail(c1);
        Message b1 = receiveOrFail(c2);
        Message a2 = receiveOrFail(c1);
        assertEquals(List.of("a1", "b1", "a2"), List.of(text(a1), text(b1), text(a2)));
        a1.acknowledge(); // the *first* message, from the other consumer: still acknowledges everything consumed
        s.close();

        Session check = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNoMessage(check.createConsumer(q1));
        assertNoMessage(check.createConsumer(q2));
    }

    @Test
    @DisplayName("6.2.10 CLIENT_ACKNOWLEDGE: messages consumed after the acknowledge are not acknowledged by it")
    void acknowledgeDoesNotCoverLaterMessages() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(c, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        receiveOrFail(consumer).acknowledge();
        Message b = receiveOrFail(consumer);
        assertEquals("b", text(b));
        s.close();

        MessageConsumer check = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        Message again = receiveOrFail(check);
        assertEquals("b", text(again));
        assertRedelivered(again, 2);
        assertNoMessage(check);
    }

    @Test
    @DisplayName("6.2.10 CLIENT_ACKNOWLEDGE: unacknowledged messages come back after session close with JMSRedelivered=true, JMSXDeliveryCount=2")
    void unacknowledgedComeBackAfterSessionClose() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(c, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        assertFirstDelivery(receiveOrFail(consumer));
        assertFirstDelivery(receiveOrFail(consumer));
        s.close();

        MessageConsumer check = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        Set<String> texts = new TreeSet<>();
        for (int i = 0; i < 2; i++) {
            Message m = receiveOrFail(check);
            assertRedelivered(m, 2);
            texts.add(text(m));
        }
        assertEquals(Set.of("a", "b"), texts);
    }

    @Test
    @DisplayName("6.2.10 recover() redelivers every unacknowledged message, JMSRedelivered=true, JMSXDeliveryCount incremented")
    void recoverRedeliversUnacknowledged() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(c, q, "acked", "x", "y");
        MessageConsumer consumer = s.createConsumer(q);
        receiveOrFail(consumer).acknowledge();
        assertFirstDelivery(receiveOrFail(consumer));
        assertFirstDelivery(receiveOrFail(consumer));

        s.recover();
        Set<String> second = new TreeSet<>();
        for (int i = 0; i < 2; i++) {
            Message m = receiveOrFail(consumer);
            assertRedelivered(m, 2);
            second.add(text(m));
        }
        assertEquals(Set.of("x", "y"), second, "recover restarts after the last acknowledged message");

        s.recover();
        Message last = null;
        for (int i = 0; i < 2; i++) {
            last = receiveOrFail(consumer);
            assertRedelivered(last, 3);
        }
        last.acknowledge();
        s.recover();
        assertNoMessage(consumer);
    }

    @Test
    @DisplayName("6.2.10 recover() with nothing unacknowledged redelivers nothing")
    void recoverWithNothingPending() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        s.recover();
        sendTexts(c, q, "a");
        Message a = receiveOrFail(consumer);
        assertFirstDelivery(a);
        a.acknowledge();
        s.recover();
        assertNoMessage(consumer);
    }

    @Test
    @DisplayName("6.2.10 recover() with a message listener redelivers the unacknowledged message to the listener")
    void recoverWithListener() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        RecordingListener listener = new RecordingListener() {
            private boolean recovered;

            @Override
            protected void handle(Message message) {
                try {
                    if (!recovered) {
                        recovered = true;
                        s.recover(); // the listener thread controls the session
                    } else {
                        message.acknowledge();
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        s.createConsumer(q).setMessageListener(listener);
        sendTexts(c, q, "a");
        c.start();
        Message first = listener.next();
        Message second = listener.next();
        assertEquals("a", text(first));
        assertEquals("a", text(second));
        assertRedelivered(second, 2);
        listener.assertNothingMore();
        listener.assertNoErrors();
    }

    @Test
    @DisplayName("6.2.10/6.2.11 AUTO_ACKNOWLEDGE: a message returned by receive is acknowledged and never delivered again")
    void autoAcknowledge() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(c, q, "a");
        Message a = receiveOrFail(s.createConsumer(q));
        assertFirstDelivery(a);
        s.close();
        Session again = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNoMessage(again.createConsumer(q));
    }

    @Test
    @DisplayName("6.2.10/6.2.11 AUTO_ACKNOWLEDGE: a message whose listener returned normally is never delivered again")
    void autoAcknowledgeListener() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        RecordingListener listener = new RecordingListener();
        MessageConsumer consumer = s.createConsumer(q);
        consumer.setMessageListener(listener);
        sendTexts(c, q, "a");
        assertEquals("a", text(listener.next()));
        listener.assertNothingMore();
        s.close();
        assertNoMessage(c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q));
        listener.assertNoErrors();
    }

    @Test
    @DisplayName("6.2.10 DUPS_OK_ACKNOWLEDGE: messages are delivered; no acknowledged message is delivered twice in normal operation")
    void dupsOk() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(c, q, "a", "b", "c");
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals(List.of("a", "b", "c"), receiveTexts(consumer, 3));
        assertNoMessage(consumer);
    }
}
