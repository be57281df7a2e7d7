package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tallymq.tck.Tck;

/**
 * Chapter 3.4, message header fields: what each field holds after a send and on receipt, which
 * fields the send method sets (overwriting the application) and which the application sets.
 */
@Timeout(30)
class HeaderFieldTest {

    @Test
    @DisplayName("3.4.1 JMSDestination holds the destination of the send, on the sent and the received message")
    void destinationIsSetBySend() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            link.producer.send(sent);
            Queue afterSend = assertInstanceOf(Queue.class, sent.getJMSDestination());
            assertEquals(link.queue.getQueueName(), afterSend.getQueueName());

            Message received = link.receive();
            Queue onReceipt = assertInstanceOf(Queue.class, received.getJMSDestination());
            assertEquals(link.queue.getQueueName(), onReceipt.getQueueName());
        }
    }

    @Test
    @DisplayName("3.4.2 JMSDeliveryMode is PERSISTENT by default (Message.DEFAULT_DELIVERY_MODE)")
    void deliveryModeDefaultsToPersistent() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            Message received = link.sendAndReceive(sent, Message.class);
            assertEquals(DeliveryMode.PERSISTENT, Message.DEFAULT_DELIVERY_MODE);
            assertEquals(DeliveryMode.PERSISTENT, sent.getJMSDeliveryMode(), "sent message after send");
            assertEquals(DeliveryMode.PERSISTENT, received.getJMSDeliveryMode(), "received message");
        }
    }

    @Test
    @DisplayName("3.4.2 JMSDeliveryMode holds NON_PERSISTENT when the send method says so")
    void deliveryModeNonPersistent() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            link.producer.send(sent, DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
            assertEquals(DeliveryMode.NON_PERSISTENT, sent.getJMSDeliveryMode(), "sent message after send");
            assertEquals(DeliveryMode.NON_PERSISTENT, link.receive().getJMSDeliveryMode(), "received message");

            link.producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            link.producer.send(link.session.createMessage());
            assertEquals(DeliveryMode.NON_PERSISTENT, link.receive().getJMSDeliveryMode(), "producer default");
        }
    }

    @Test
    @DisplayName("3.4.3 JMSMessageID starts with 'ID:' after send, and the consumer sees the same ID")
    void messageIdIsAssignedBySend() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            assertNull(sent.getJMSMessageID(), "a new message has no ID before it is sent");
            link.producer.send(sent);
            String id = sent.getJMSMessageID();
            assertNotNull(id, "JMSMessageID after send");
            assertTrue(id.startsWith("ID:"), () -> "JMSMessageID must start with 'ID:' but is " + id);
            assertEquals(id, link.receive().getJMSMessageID());
        }
    }

    @Test
    @DisplayName("3.4.3 JMSMessageID is unique: 50 sends give 50 different IDs, each received with its ID")
    void messageIdsAreUnique() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Set<String> sentIds = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                TextMessage message = link.session.createTextMessage("m" + i);
                link.producer.send(message);
                assertTrue(sentIds.add(message.getJMSMessageID()), "duplicate ID " + message.getJMSMessageID());
            }
            Set<String> receivedIds = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                receivedIds.add(link.receive().getJMSMessageID());
            }
            assertEquals(sentIds, receivedIds);
        }
    }

    @Test
    @DisplayName("3.4.3 setDisableMessageID is a hint: the ID is then null, or a normal unique 'ID:' value")
    void disabledMessageIdIsNullOrNormal() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            link.producer.setDisableMessageID(true);
            Message first = link.session.createMessage();
            Message second = link.session.createMessage();
            link.producer.send(first);
            link.producer.send(second);
            for (Message received : new Message[] {link.receive(), link.receive()}) {
                String id = received.getJMSMessageID();
                assertTrue(id == null || id.startsWith("ID:"), () -> "JMSMessageID must be null or start with 'ID:': " + id);
            }
            if (first.getJMSMessageID() != null) {
                assertNotEquals(first.getJMSMessageID(), second.getJMSMessageID(), "hint ignored, so IDs stay unique");
            }
        }
    }

    @Test
    @DisplayName("3.4.4 JMSTimestamp lies between the call to send and its return; the consumer sees the same value")
    void timestampIsSetBySend() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            long before = System.currentTimeMillis();
            link.producer.send(sent);
            long after = System.currentTimeMillis();
            long timestamp = sent.getJMSTimestamp();
            assertBetween(before, timestamp, after, "JMSTimestamp");
            assertEquals(timestamp, link.receive().getJMSTimestamp());
        }
    }

    @Test
    @DisplayName("3.4.4 setDisableMessageTimestamp is a hint: the timestamp is then 0, or its normal value")
    void disabledTimestampIsZeroOrNormal() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            link.producer.setDisableMessageTimestamp(true);
            Message sent = link.session.createMessage();
            long before = System.currentTimeMillis();
            link.producer.send(sent);
            long after = System.currentTimeMillis();
            long received = link.receive().getJMSTimestamp();
            if (received != 0) {
                assertBetween(before, received, after, "JMSTimestamp (hint ignored)");
            }
            assertEquals(received, sent.getJMSTimestamp(), "sender and consumer see the same timestamp");
        }
    }

    @Test
    @DisplayName("3.4.5 JMSCorrelationID is set by the application and carried to the consumer")
    void correlationIdRoundTrip() throws Exception {
        TextMessage received = QueueLink.roundTrip(TextMessage.class, session -> {
            TextMessage message = session.createTextMessage("request");
            assertNull(message.getJMSCorrelationID(), "a new message has no correlation ID");
            message.setJMSCorrelationID("order-4711");
            return message;
        });
        assertEquals("order-4711", received.getJMSCorrelationID());
    }

    @Test
    @DisplayName("3.4.5 JMSCorrelationID may hold the JMSMessageID of another message (a reply links its request)")
    void correlationIdHoldsMessageId() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message request = link.session.createMessage();
            link.producer.send(request);
            String requestId = link.receive().getJMSMessageID();

            Message reply = link.session.createMessage();
            reply.setJMSCorrelationID(requestId);
            assertEquals(requestId, link.sendAndReceive(reply, Message.class).getJMSCorrelationID());
        }
    }

    @Test
    @DisplayName("3.4.5 JMSCorrelationIDAsBytes round trip (optional: providers without native byte[] IDs may refuse)")
    void correlationIdAsBytesRoundTrip() throws Exception {
        byte[] correlation = {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff};
        try (QueueLink link = QueueLink.open()) {
            Message message = link.session.createMessage();
            try {
                message.setJMSCorrelationIDAsBytes(correlation);
            } catch (UnsupportedOperationException e) {
                assumeTrue(false, "provider does not support byte[] correlation IDs (allowed by 3.4.5)");
            }
            correlation[0] = 99; // the array is copied by the setter (Message javadoc)
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff},
                    message.getJMSCorrelationIDAsBytes(), "setter must copy the array");
            Message received = link.sendAndReceive(message, Message.class);
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff},
                    received.getJMSCorrelationIDAsBytes());
        }
    }

    @Test
    @DisplayName("3.4.6 JMSReplyTo is null unless the application sets it")
    void replyToDefaultsToNull() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, Session::createMessage);
        assertNull(received.getJMSReplyTo());
    }

    @Test
    @DisplayName("3.4.6 JMSReplyTo carries a queue")
    void replyToQueue() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Queue replyQueue = link.session.createQueue(Tck.uniqueName("reply"));
            Message message = link.session.createMessage();
            message.setJMSReplyTo(replyQueue);
            Message received = link.sendAndReceive(message, Message.class);
            Queue replyTo = assertInstanceOf(Queue.class, received.getJMSReplyTo());
            assertEquals(replyQueue.getQueueName(), replyTo.getQueueName());
        }
    }

    @Test
    @DisplayName("3.4.6 JMSReplyTo carries a topic")
    void replyToTopic() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Topic replyTopic = link.session.createTopic(Tck.uniqueName("reply"));
            Message message = link.session.createMessage();
            message.setJMSReplyTo(replyTopic);
            Message received = link.sendAndReceive(message, Message.class);
            Topic replyTo = assertInstanceOf(Topic.class, received.getJMSReplyTo());
            assertEquals(replyTopic.getTopicName(), replyTo.getTopicName());
        }
    }

    @Test
    @DisplayName("3.4.6 JMSReplyTo carries a temporary queue, and a reply sent to it arrives")
    void replyToTemporaryQueue() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            TemporaryQueue replyQueue = link.session.createTemporaryQueue();
            MessageConsumer replies = link.session.createConsumer(replyQueue);
            TextMessage request = link.session.createTextMessage("ping");
            request.setJMSReplyTo(replyQueue);
            Message received = link.sendAndReceive(request, Message.class);

            TemporaryQueue replyTo = assertInstanceOf(TemporaryQueue.class, received.getJMSReplyTo());
            assertEquals(replyQueue.getQueueName(), replyTo.getQueueName());
            MessageProducer replier = link.session.createProducer(replyTo);
            replier.send(link.session.createTextMessage("pong"));
            TextMessage reply = assertInstanceOf(TextMessage.class, replies.receive(Tck.RECEIVE_TIMEOUT_MS));
            assertEquals("pong", reply.getText());
        }
    }

    @Test
    @DisplayName("3.4.7 JMSRedelivered is false on first delivery and true after Session.recover; JMSXDeliveryCount 1 then 2 (3.5.11)")
    void redeliveredAfterRecover() throws Exception {
        try (QueueLink link = QueueLink.open(Session.CLIENT_ACKNOWLEDGE)) {
            link.producer.send(link.session.createTextMessage("again"));
            Message first = link.receive();
            assertFalse(first.getJMSRedelivered(), "first delivery");
            assertEquals(1, first.getIntProperty("JMSXDeliveryCount"), "JMSXDeliveryCount on first delivery");

            link.session.recover();
            Message second = link.receive();
            assertEquals(first.getJMSMessageID(), second.getJMSMessageID(), "the same message comes again");
            assertTrue(second.getJMSRedelivered(), "JMSRedelivered after recover");
            assertEquals(2, second.getIntProperty("JMSXDeliveryCount"), "JMSXDeliveryCount after one redelivery");
            second.acknowledge();
        }
    }

    @Test
    @DisplayName("3.4.7 JMSRedelivered 'has no meaning on send': a value set by the application does not reach the consumer")
    void redeliveredIsNotTakenFromTheApplication() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setJMSRedelivered(true);
            return message;
        });
        assertFalse(received.getJMSRedelivered());
        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("3.4.8 JMSType is set by the application and carried to the consumer; null by default")
    void typeRoundTrip() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message typed = link.session.createMessage();
            typed.setJMSType("car");
            assertEquals("car", link.sendAndReceive(typed, Message.class).getJMSType());
            assertNull(link.sendAndReceive(link.session.createMessage(), Message.class).getJMSType());
        }
    }

    @Test
    @DisplayName("3.4.9 JMSExpiration is 0 when the time to live is 0 (the default)")
    void expirationZeroWithoutTimeToLive() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            Message received = link.sendAndReceive(sent, Message.class);
            assertEquals(0, sent.getJMSExpiration(), "sent message after send");
            assertEquals(0, received.getJMSExpiration(), "received message");
        }
    }

    @Test
    @DisplayName("3.4.9 JMSExpiration is the send time plus the time to live, the same on both sides")
    void expirationIsSendTimePlusTimeToLive() throws Exception {
        long ttl = 600_000;
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            long before = System.currentTimeMillis();
            link.producer.send(sent, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, ttl);
            long after = System.currentTimeMillis();
            assertBetween(before + ttl, sent.getJMSExpiration(), after + ttl, "JMSExpiration");
            Message received = link.receive();
            assertEquals(sent.getJMSExpiration(), received.getJMSExpiration());
            // the send time is what JMSTimestamp records (3.4.4)
            assertEquals(received.getJMSTimestamp() + ttl, received.getJMSExpiration(),
                    "JMSExpiration = JMSTimestamp + time to live");
        }
    }

    @Test
    @DisplayName("3.4.10 JMSPriority is 4 by default (Message.DEFAULT_PRIORITY)")
    void priorityDefaultsToFour() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            Message received = link.sendAndReceive(sent, Message.class);
            assertEquals(4, Message.DEFAULT_PRIORITY);
            assertEquals(4, sent.getJMSPriority(), "sent message after send");
            assertEquals(4, received.getJMSPriority(), "received message");
        }
    }

    @Test
    @DisplayName("3.4.10 JMSPriority holds the priority of the send method or the producer (0..9)")
    void priorityFromSendOrProducer() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            link.producer.send(sent, DeliveryMode.PERSISTENT, 7, 0);
            assertEquals(7, sent.getJMSPriority());
            assertEquals(7, link.receive().getJMSPriority());

            link.producer.setPriority(0);
            link.producer.send(link.session.createMessage());
            assertEquals(0, link.receive().getJMSPriority());

            link.producer.send(link.session.createMessage(), DeliveryMode.PERSISTENT, 9, 0);
            assertEquals(9, link.receive().getJMSPriority());
        }
    }

    @Test
    @DisplayName("3.4.11 fields set by the send method overwrite what the application set on the message")
    void sendOverwritesProviderSetFields() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Queue elsewhere = link.session.createQueue(Tck.uniqueName("elsewhere"));
            Message message = link.session.createMessage();
            message.setJMSDestination(elsewhere);
            message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
            message.setJMSPriority(9);
            message.setJMSExpiration(1234L);
            message.setJMSMessageID("ID:chosen-by-the-application");
            message.setJMSTimestamp(1L);
            message.setJMSDeliveryTime(1L);

            long before = System.currentTimeMillis();
            link.producer.send(message); // PERSISTENT, priority 4, no time to live, no delay
            long after = System.currentTimeMillis();
            Message received = link.receive();

            for (Message m : new Message[] {message, received}) {
                String side = m == message ? "sent message after send: " : "received message: ";
                assertEquals(link.queue.getQueueName(), ((Queue) m.getJMSDestination()).getQueueName(), side + "JMSDestination");
                assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode(), side + "JMSDeliveryMode");
                assertEquals(4, m.getJMSPriority(), side + "JMSPriority");
                assertEquals(0, m.getJMSExpiration(), side + "JMSExpiration");
                assertNotEquals("ID:chosen-by-the-application", m.getJMSMessageID(), side + "JMSMessageID");
                assertBetween(before, m.getJMSTimestamp(), after, side + "JMSTimestamp");
                assertBetween(before, m.getJMSDeliveryTime(), after, side + "JMSDeliveryTime");
            }
            assertEquals(message.getJMSMessageID(), received.getJMSMessageID());
        }
    }

    @Test
    @DisplayName("3.4.11 fields set by the client application (JMSCorrelationID, JMSReplyTo, JMSType) all reach the consumer")
    void clientSetFieldsAreCarried() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Queue replyQueue = link.session.createQueue(Tck.uniqueName("reply"));
            Message message = link.session.createMessage();
            message.setJMSCorrelationID("corr-1");
            message.setJMSReplyTo(replyQueue);
            message.setJMSType("invoice");
            Message received = link.sendAndReceive(message, Message.class);
            assertEquals("corr-1", received.getJMSCorrelationID());
            assertEquals(replyQueue.getQueueName(), ((Queue) received.getJMSReplyTo()).getQueueName());
            assertEquals("invoice", received.getJMSType());
        }
    }

    @Test
    @DisplayName("3.4.13 JMSDeliveryTime without delivery delay is the send time, the same on both sides")
    void deliveryTimeWithoutDelay() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message sent = link.session.createMessage();
            long before = System.currentTimeMillis();
            link.producer.send(sent);
            long after = System.currentTimeMillis();
            assertBetween(before, sent.getJMSDeliveryTime(), after, "JMSDeliveryTime");
            assertEquals(sent.getJMSDeliveryTime(), link.receive().getJMSDeliveryTime());
        }
    }

    @Test
    @DisplayName("3.4.13 JMSDeliveryTime is the send time plus the delivery delay, and the message is not received before it")
    void deliveryTimeWithDelay() throws Exception {
        long delay = 700;
        try (QueueLink link = QueueLink.open()) {
            link.producer.setDeliveryDelay(delay);
            Message sent = link.session.createMessage();
            long before = System.currentTimeMillis();
            link.producer.send(sent);
            long after = System.currentTimeMillis();
            assertBetween(before + delay, sent.getJMSDeliveryTime(), after + delay, "JMSDeliveryTime");

            Message received = link.receive();
            long receivedAt = System.currentTimeMillis();
            long deliveryTime = received.getJMSDeliveryTime();
            assertEquals(sent.getJMSDeliveryTime(), deliveryTime);
            assertTrue(receivedAt >= deliveryTime,
                    () -> "received at " + receivedAt + ", before its delivery time " + deliveryTime);
        }
    }

    @Test
    @DisplayName("3.10 header fields of a received message can be changed (only properties and body are read-only)")
    void receivedHeadersAreWritable() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, Session::createMessage);
        received.setJMSCorrelationID("changed");
        received.setJMSType("changed-type");
        received.setJMSPriority(8);
        assertEquals("changed", received.getJMSCorrelationID());
        assertEquals("changed-type", received.getJMSType());
        assertEquals(8, received.getJMSPriority());
    }

    @Test
    @DisplayName("3.4.1 the header is transmitted on a topic too: JMSDestination of a subscriber's message is the topic")
    void topicDestinationHeader() throws Exception {
        Connection connection = Tck.connectionFactory().createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(Tck.uniqueName("ch03"));
            MessageConsumer subscriber = session.createConsumer(topic);
            connection.start();
            TextMessage sent = session.createTextMessage("news");
            sent.setJMSType("bulletin");
            session.createProducer(topic).send(sent);
            Message received = subscriber.receive(Tck.RECEIVE_TIMEOUT_MS);
            assertNotNull(received, "no message on the topic subscriber");
            assertEquals(topic.getTopicName(), assertInstanceOf(Topic.class, received.getJMSDestination()).getTopicName());
            assertEquals(sent.getJMSMessageID(), received.getJMSMessageID());
            assertEquals("bulletin", received.getJMSType());
        } finally {
            connection.close();
        }
    }

    static void assertBetween(long low, long actual, long high, String what) {
        assertTrue(low <= actual && actual <= high,
                () -> what + " must lie in [" + low + ", " + high + "] but is " + actual);
    }
}
