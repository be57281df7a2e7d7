package org.tallymq.tck.ch07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tallymq.tck.ClassicSupport;

/** Spec 7.1 "Producers", 7.2 "Synchronous send" and the javadoc of {@code MessageProducer}. */
@DisplayName("7.1/7.2 Producers and synchronous send")
class ProducerTest extends ClassicSupport {

    @Test
    @DisplayName("7.2 A producer sends to a queue; getDestination returns that queue")
    void sendToQueue() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        assertEquals(q, producer.getDestination());
        MessageConsumer consumer = s.createConsumer(q);
        producer.send(s.createTextMessage("q"));
        assertEquals("q", receiveText(consumer));
    }

    @Test
    @DisplayName("7.2 A producer publishes to a topic; a subscriber receives it")
    void sendToTopic() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer subscriber = s.createConsumer(t);
        MessageProducer producer = s.createProducer(t);
        assertEquals(t, producer.getDestination());
        producer.send(s.createTextMessage("t"));
        assertEquals("t", receiveText(subscriber));
    }

    @Test
    @DisplayName("7.2 Every MessageProducer send overload delivers, with the given mode/priority/TTL where given")
    void everySendOverload() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        MessageProducer identified = s.createProducer(q);
        MessageProducer unidentified = s.createProducer(null);

        identified.send(s.createTextMessage("1"));
        identified.send(s.createTextMessage("2"), DeliveryMode.NON_PERSISTENT, 7, 0);
        unidentified.send(q, s.createTextMessage("3"));
        unidentified.send(q, s.createTextMessage("4"), DeliveryMode.NON_PERSISTENT, 2, 0);

        // different priorities may legitimately reorder waiting messages (6.2.9.2): match them by text
        Map<String, Message> got = receiveByText(consumer, 4);
        Message m1 = got.get("1");
        assertEquals(DeliveryMode.PERSISTENT, m1.getJMSDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, m1.getJMSPriority());
        Message m2 = got.get("2");
        assertEquals(DeliveryMode.NON_PERSISTENT, m2.getJMSDeliveryMode());
        assertEquals(7, m2.getJMSPriority());
        Message m3 = got.get("3");
        assertEquals(q, m3.getJMSDestination());
        Message m4 = got.get("4");
        assertEquals(DeliveryMode.NON_PERSISTENT, m4.getJMSDeliveryMode());
        assertEquals(2, m4.getJMSPriority());
    }

    @Test
    @DisplayName("7.2 Every QueueSender send overload delivers")
    void everyQueueSenderOverload() throws JMSException {
        QueueConnection c = queueConnection();
        c.start();
        QueueSession s = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer receiver = s.createReceiver(q);
        QueueSender sender = s.createSender(q);
        assertEquals(q, sender.getQueue());
        QueueSender anonymous = s.createSender(null);
        sender.send(s.createTextMessage("1"));
        sender.send(s.createTextMessage("2"), DeliveryMode.NON_PERSISTENT, 6, 0);
        anonymous.send(q, s.createTextMessage("3"));
        anonymous.send(q, s.createTextMessage("4"), DeliveryMode.PERSISTENT, 3, 0);
        Map<String, Message> got = receiveByText(receiver, 4);
        assertEquals(6, got.get("2").getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, got.get("2").getJMSDeliveryMode());
        assertEquals(3, got.get("4").getJMSPriority());
    }

    @Test
    @DisplayName("7.2 Every TopicPublisher publish overload delivers")
    void everyTopicPublisherOverload() throws JMSException {
        TopicConnection c = topicConnection();
        c.start();
        TopicSession s = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer subscriber = s.createSubscriber(t);
        TopicPublisher publisher = s.createPublisher(t);
        assertEquals(t, publisher.getTopic());
        TopicPublisher anonymous = s.createPublisher(null);
        publisher.publish(s.createTextMessage("1"));
        publisher.publish(s.createTextMessage("2"), DeliveryMode.NON_PERSISTENT, 8, 0);
        anonymous.publish(t, s.createTextMessage("3"));
        anonymous.publish(t, s.createTextMessage("4"), DeliveryMode.PERSISTENT, 1, 0);
        Map<String, Message> got = receiveByText(subscriber, 4);
        assertEquals(8, got.get("2").getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, got.get("2").getJMSDeliveryMode());
        assertEquals(1, got.get("4").getJMSPriority());
    }

    @Test
    @DisplayName("7.1 An unidentified producer (null destination) has no destination and sends to the one given per send")
    void unidentifiedProducer() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q1 = newQueue(s);
        Queue q2 = newQueue(s);
        MessageProducer producer = s.createProducer(null);
        assertNull(producer.getDestination());
        producer.send(q1, s.createTextMessage("to q1"));
        producer.send(q2, s.createTextMessage("to q2"));
        assertEquals("to q1", receiveText(s.createConsumer(q1)));
        assertEquals("to q2", receiveText(s.createConsumer(q2)));
    }

    @Test
    @DisplayName("7.1 Unidentified producer: send without a destination → UnsupportedOperationException (javadoc send)")
    void unidentifiedWithoutDestination() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = s.createProducer(null);
        Message m = s.createTextMessage("x");
        assertThrows(UnsupportedOperationException.class, () -> producer.send(m));
        assertThrows(UnsupportedOperationException.class,
                () -> producer.send(m, DeliveryMode.PERSISTENT, 4, 0));
    }

    @Test
    @DisplayName("7.1 Identified producer given a destination on send → UnsupportedOperationException (javadoc send)")
    void identifiedWithDestination() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue own = newQueue(s);
        Queue other = newQueue(s);
        MessageProducer producer = s.createProducer(own);
        Message m = s.createTextMessage("x");
        assertThrows(UnsupportedOperationException.class, () -> producer.send(other, m));
        assertThrows(UnsupportedOperationException.class,
                () -> producer.send(other, m, DeliveryMode.PERSISTENT, 4, 0));
        assertThrows(UnsupportedOperationException.class, () -> producer.send(own, m),
                "an identified producer must reject a destination on send, even its own");
    }

    @Test
    @DisplayName("7.1 Unidentified producer: send to a null destination → InvalidDestinationException (javadoc send)")
    void unidentifiedNullDestination() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = s.createProducer(null);
        Message m = s.createTextMessage("x");
        assertThrows(InvalidDestinationException.class, () -> producer.send(null, m));
        assertThrows(InvalidDestinationException.class,
                () -> producer.send(null, m, DeliveryMode.PERSISTENT, 4, 0));
    }

    @Test
    @DisplayName("7.1 Closing a producer twice is allowed; a closed producer's methods → IllegalStateException")
    void closedProducer() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        Message m = s.createTextMessage("x");
        producer.close();
        producer.close();
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("send(Message)", () -> producer.send(m));
        calls.put("send(Message, int, int, long)", () -> producer.send(m, DeliveryMode.PERSISTENT, 4, 0));
        calls.put("getDestination", producer::getDestination);
        calls.put("getDeliveryMode", producer::getDeliveryMode);
        calls.put("setDeliveryMode", () -> producer.setDeliveryMode(DeliveryMode.PERSISTENT));
        calls.put("getPriority", producer::getPriority);
        calls.put("setPriority", () -> producer.setPriority(5));
        calls.put("getTimeToLive", producer::getTimeToLive);
        calls.put("setTimeToLive", () -> producer.setTimeToLive(1000));
        calls.put("setDisableMessageID", () -> producer.setDisableMessageID(true));
        calls.put("setDisableMessageTimestamp", () -> producer.setDisableMessageTimestamp(true));
        for (Map.Entry<String, Executable> call : calls.entrySet()) {
            assertThrows(IllegalStateException.class, call.getValue(),
                    "MessageProducer." + call.getKey() + " on a closed producer must throw IllegalStateException");
        }
    }

    /** Receives four messages and indexes them by text; fails unless the texts are "1" to "4". */
    private static Map<String, Message> receiveByText(MessageConsumer consumer, int count) throws JMSException {
        Map<String, Message> byText = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            Message m = receiveOrFail(consumer);
            byText.put(text(m), m);
        }
        assertEquals(List.of("1", "2", "3", "4"), List.copyOf(byText.keySet()));
        return byText;
    }
}
