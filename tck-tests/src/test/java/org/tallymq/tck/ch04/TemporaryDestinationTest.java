package org.tallymq.tck.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;

/**
 * Spec 4.1.5 "TemporaryQueue", 4.2.7 "Temporary topics", 6.2.2 "Creating temporary destinations" and the javadoc of
 * {@code TemporaryQueue.delete} / {@code TemporaryTopic.delete}.
 */
@DisplayName("4.1.5/4.2.7/6.2.2 Temporary destinations")
class TemporaryDestinationTest extends ClassicSupport {

    @Test
    @DisplayName("6.2.2 A TemporaryQueue carries messages; any session of its connection may consume from it")
    void temporaryQueueWorks() throws JMSException {
        Connection c = startedConnection();
        Session creator = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue tq = creator.createTemporaryQueue();
        assertNotNull(tq.getQueueName());
        Session other = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = other.createConsumer(tq);
        sendTexts(creator, tq, "to temp");
        assertEquals("to temp", receiveText(consumer));
    }

    @Test
    @DisplayName("6.2.2 A TemporaryTopic carries messages to its subscribers")
    void temporaryTopicWorks() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic tt = s.createTemporaryTopic();
        assertNotNull(tt.getTopicName());
        MessageConsumer a = s.createConsumer(tt);
        MessageConsumer b = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(tt);
        sendTexts(s, tt, "to temp topic");
        assertEquals("to temp topic", receiveText(a));
        assertEquals("to temp topic", receiveText(b));
    }

    @Test
    @DisplayName("6.2.2 Each temporary destination is unique")
    void unique() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue q1 = s.createTemporaryQueue();
        TemporaryQueue q2 = s.createTemporaryQueue();
        assertNotEquals(q1.getQueueName(), q2.getQueueName());
        assertNotEquals(q1, q2);
        TemporaryTopic t1 = s.createTemporaryTopic();
        TemporaryTopic t2 = s.createTemporaryTopic();
        assertNotEquals(t1.getTopicName(), t2.getTopicName());
    }

    @Test
    @DisplayName("6.2.2 Another connection may send to a temporary queue (the reply-to use case)")
    void otherConnectionMaySend() throws JMSException {
        Connection owner = startedConnection();
        Session s = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replyTo = s.createTemporaryQueue();
        MessageConsumer consumer = s.createConsumer(replyTo);
        sendTexts(connection(), replyTo, "reply");
        assertEquals("reply", receiveText(consumer));
    }

    @Test
    @DisplayName("4.1.5/6.2.2 Only the creating connection may consume from a TemporaryQueue → JMSException for another connection")
    void otherConnectionCannotConsumeQueue() throws JMSException {
        TemporaryQueue tq = connection().createSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session foreign = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        // the spec names no subclass; InvalidDestinationException (a JMSException) is the usual choice
        assertThrows(JMSException.class, () -> foreign.createConsumer(tq));
    }

    @Test
    @DisplayName("4.2.7/6.2.2 Only the creating connection may consume from a TemporaryTopic → JMSException for another connection")
    void otherConnectionCannotConsumeTopic() throws JMSException {
        TemporaryTopic tt = connection().createSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryTopic();
        Session foreign = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(JMSException.class, () -> foreign.createConsumer(tt));
    }

    @Test
    @Tag("beyond-spec")
    @DisplayName("6.2.2 (beyond the spec) Temporary destinations are deleted when their connection closes: sending to one then fails")
    void deletedWithConnection() throws JMSException {
        Connection owner = connection();
        Session s = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue tq = s.createTemporaryQueue();
        TemporaryTopic tt = s.createTemporaryTopic();
        owner.close();
        // The spec says the destinations are deleted but not what a later send to them does; a provider that
        // auto-creates destinations may accept the send (Artemis does). Tally rejects it, which is what this checks.
        Session other = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = other.createProducer(null);
        Message m = other.createTextMessage("to a deleted destination");
        assertThrows(JMSException.class, () -> producer.send(tq, m), "send to a deleted TemporaryQueue");
        assertThrows(JMSException.class, () -> producer.send(tt, m), "send to a deleted TemporaryTopic");
    }

    @Test
    @DisplayName("4.1.5 TemporaryQueue.delete while a consumer is open → JMSException (javadoc delete)")
    void deleteQueueWithConsumer() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue tq = s.createTemporaryQueue();
        MessageConsumer consumer = s.createConsumer(tq);
        assertThrows(JMSException.class, tq::delete);
        consumer.close();
        tq.delete();
    }

    @Test
    @DisplayName("4.2.7 TemporaryTopic.delete while a subscriber is open → JMSException (javadoc delete)")
    void deleteTopicWithConsumer() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic tt = s.createTemporaryTopic();
        MessageConsumer consumer = s.createConsumer(tt);
        assertThrows(JMSException.class, tt::delete);
        consumer.close();
        tt.delete();
    }

    @Test
    @Tag("beyond-spec")
    @DisplayName("6.2.2 (beyond the spec) After delete(), using the temporary queue fails with a JMSException")
    void useAfterDelete() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue tq = s.createTemporaryQueue();
        tq.delete();
        // not spelled out by the spec (see deletedWithConnection); Tally's choice
        assertThrows(JMSException.class, () -> s.createConsumer(tq));
        MessageProducer producer = s.createProducer(null);
        assertThrows(JMSException.class, () -> producer.send(tq, s.createTextMessage("x")));
    }
}
