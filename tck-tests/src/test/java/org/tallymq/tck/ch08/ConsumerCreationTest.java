package org.tallymq.tck.ch08;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 8.1 "Consumers", 8.2 "Creating a consumer on a queue" and the javadoc of {@code Session.createConsumer}. */
@DisplayName("8.1/8.2 Creating consumers")
class ConsumerCreationTest extends ClassicSupport {

    @Test
    @DisplayName("8.1 createConsumer(null) → InvalidDestinationException (javadoc Session.createConsumer)")
    void nullDestination() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null));
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null, "a = 1"));
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null, null, false));
    }

    @Test
    @DisplayName("8.1 QueueSession.createReceiver(null) and TopicSession.createSubscriber(null) → InvalidDestinationException")
    void nullDestinationDomainApis() throws JMSException {
        QueueSession qs = queueConnection().createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> qs.createReceiver(null));
        TopicSession ts = topicConnection().createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> ts.createSubscriber(null));
    }

    @Test
    @DisplayName("8.1 getMessageSelector returns the selector; null when none, or when null or \"\" was given")
    void messageSelector() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        assertEquals("colour = 'red'", s.createConsumer(q, "colour = 'red'").getMessageSelector());
        assertNull(s.createConsumer(q).getMessageSelector());
        assertNull(s.createConsumer(q, null).getMessageSelector());
        assertNull(s.createConsumer(q, "").getMessageSelector());
    }

    @Test
    @DisplayName("8.1 An invalid selector → InvalidSelectorException (javadoc Session.createConsumer)")
    void invalidSelector() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(q, "this is not = = a selector"));
    }

    @Test
    @DisplayName("8.2 A consumer on an administered queue (JNDI) receives what a producer sends to it")
    void administeredQueue() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = Tck.testQueue();
        MessageConsumer consumer = s.createConsumer(q);
        while (consumer.receive(Tck.NO_MESSAGE_MS) != null) {
            // drain what an earlier run may have left on the shared administered queue
        }
        String marker = Tck.uniqueName("admin");
        sendTexts(s, q, marker);
        assertEquals(marker, receiveText(consumer));
    }

    @Test
    @DisplayName("8.3.1 A consumer on an administered topic (JNDI) receives what is published after it was created")
    void administeredTopic() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = Tck.testTopic();
        MessageConsumer subscriber = s.createConsumer(t);
        String marker = Tck.uniqueName("admin");
        sendTexts(s, t, marker);
        assertEquals(marker, receiveText(subscriber));
    }

    @Test
    @DisplayName("6.2.3 createQueue/createTopic return destinations with the given name")
    void createDestinationNames() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        String qn = Tck.uniqueName("named.q");
        String tn = Tck.uniqueName("named.t");
        assertEquals(qn, s.createQueue(qn).getQueueName());
        assertEquals(tn, s.createTopic(tn).getTopicName());
    }
}
