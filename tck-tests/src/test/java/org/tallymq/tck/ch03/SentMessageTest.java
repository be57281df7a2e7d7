package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tallymq.tck.Tck;

/**
 * Spec 3.9 "Access to sent messages" (the sender may change or resend a message after send without
 * affecting what was sent), 3.10 (a redelivered message is the original even if the consumer changed
 * its copy) and 3.12 (a provider must accept a message implementation that is not its own).
 */
@Timeout(30)
class SentMessageTest {

    @Test
    @DisplayName("3.9 changing a TextMessage's body, properties and headers after send changes nothing delivered")
    void textChangedAfterSend() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Queue replyA = link.session.createQueue(Tck.uniqueName("replyA"));
            TextMessage message = link.session.createTextMessage("original");
            message.setStringProperty("p", "original");
            message.setIntProperty("n", 1);
            message.setJMSType("original-type");
            message.setJMSCorrelationID("original-correlation");
            message.setJMSReplyTo(replyA);
            link.producer.send(message);

            message.setText("changed");
            message.setStringProperty("p", "changed");
            message.setIntProperty("added", 2);
            message.setJMSType("changed-type");
            message.setJMSCorrelationID("changed-correlation");
            message.setJMSReplyTo(link.session.createQueue(Tck.uniqueName("replyB")));

            TextMessage received = link.receive(TextMessage.class);
            assertEquals("original", received.getText());
            assertEquals("original", received.getStringProperty("p"));
            assertEquals(1, received.getIntProperty("n"));
            assertFalse(received.propertyExists("added"));
            assertEquals("original-type", received.getJMSType());
            assertEquals("original-correlation", received.getJMSCorrelationID());
            assertEquals(replyA.getQueueName(), ((Queue) received.getJMSReplyTo()).getQueueName());
        }
    }

    @Test
    @DisplayName("3.9 clearing a message's body and properties after send changes nothing delivered (Map, Bytes, Stream, Object)")
    void otherBodiesClearedAfterSend() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            MapMessage map = link.session.createMapMessage();
            map.setString("k", "v");
            map.setStringProperty("p", "x");
            BytesMessage bytes = link.session.createBytesMessage();
            bytes.writeBytes(new byte[] {1, 2, 3});
            StreamMessage stream = link.session.createStreamMessage();
            stream.writeInt(42);
            ArrayList<String> list = new ArrayList<>(List.of("a"));
            ObjectMessage object = link.session.createObjectMessage(list);
            for (Message m : List.of(map, bytes, stream, object)) {
                link.producer.send(m);
            }
            for (Message m : List.of(map, bytes, stream, object)) {
                m.clearBody();
                m.clearProperties();
            }
            map.setString("k", "changed");
            bytes.writeBytes(new byte[] {9});
            stream.writeInt(-1);
            object.setObject("changed");
            list.add("b");

            MapMessage receivedMap = link.receive(MapMessage.class);
            assertEquals("v", receivedMap.getString("k"));
            assertEquals("x", receivedMap.getStringProperty("p"));
            BytesMessage receivedBytes = link.receive(BytesMessage.class);
            assertEquals(3, receivedBytes.getBodyLength());
            assertEquals(42, link.receive(StreamMessage.class).readInt());
            assertEquals(List.of("a"), link.receive(ObjectMessage.class).getObject());
        }
    }

    @Test
    @DisplayName("3.9 the same message object sent twice gives two messages with different IDs, each with the content of its send")
    void sameObjectSentTwice() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            TextMessage message = link.session.createTextMessage("first");
            link.producer.send(message);
            String firstId = message.getJMSMessageID();
            message.setText("second");
            link.producer.send(message, DeliveryMode.NON_PERSISTENT, 6, 0);
            String secondId = message.getJMSMessageID();
            assertNotEquals(firstId, secondId, "each send assigns a new JMSMessageID");
            assertEquals(DeliveryMode.NON_PERSISTENT, message.getJMSDeliveryMode(), "headers of the latest send");
            assertEquals(6, message.getJMSPriority());

            // both wait in the queue, so the priority-6 one may come first (spec 3.4.10): match by ID
            TextMessage a = link.receive(TextMessage.class);
            TextMessage b = link.receive(TextMessage.class);
            TextMessage first = firstId.equals(a.getJMSMessageID()) ? a : b;
            TextMessage second = first == a ? b : a;
            assertEquals("first", first.getText());
            assertEquals(firstId, first.getJMSMessageID());
            assertEquals(DeliveryMode.PERSISTENT, first.getJMSDeliveryMode());
            assertEquals("second", second.getText());
            assertEquals(secondId, second.getJMSMessageID());
            assertEquals(6, second.getJMSPriority());
        }
    }

    @Test
    @DisplayName("3.10 a received message changed by the consumer (after clearBody/clearProperties) is redelivered as the original")
    void redeliveredIsTheOriginal() throws Exception {
        try (QueueLink link = QueueLink.open(Session.CLIENT_ACKNOWLEDGE)) {
            TextMessage sent = link.session.createTextMessage("original");
            sent.setStringProperty("p", "original");
            link.producer.send(sent);

            TextMessage received = link.receive(TextMessage.class);
            received.clearBody();
            received.setText("changed by the consumer");
            received.clearProperties();
            received.setStringProperty("p", "changed by the consumer");
            link.session.recover();

            TextMessage again = link.receive(TextMessage.class);
            assertTrue(again.getJMSRedelivered());
            assertEquals("original", again.getText());
            assertEquals("original", again.getStringProperty("p"));
            again.acknowledge();
        }
    }

    @Test
    @DisplayName("3.12 a foreign TextMessage implementation is sent; the provider sets its send-time headers through its setters")
    void foreignMessageIsSent() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            ForeignTextMessage foreign = new ForeignTextMessage("from elsewhere");
            foreign.setBooleanProperty("bool", true);
            foreign.setByteProperty("byte", (byte) -3);
            foreign.setShortProperty("short", (short) 300);
            foreign.setIntProperty("int", 70_000);
            foreign.setLongProperty("long", 1L << 40);
            foreign.setFloatProperty("float", 1.5f);
            foreign.setDoubleProperty("double", -2.5);
            foreign.setStringProperty("string", "s");
            foreign.setJMSType("foreign-type");
            foreign.setJMSCorrelationID("foreign-correlation");

            long before = System.currentTimeMillis();
            link.producer.send(foreign, DeliveryMode.NON_PERSISTENT, 7, 0);
            long after = System.currentTimeMillis();
            assertNotNull(foreign.getJMSMessageID(), "JMSMessageID set on the foreign message");
            assertTrue(foreign.getJMSMessageID().startsWith("ID:"));
            assertEquals(link.queue.getQueueName(), ((Queue) foreign.getJMSDestination()).getQueueName());
            assertEquals(DeliveryMode.NON_PERSISTENT, foreign.getJMSDeliveryMode());
            assertEquals(7, foreign.getJMSPriority());
            HeaderFieldTest.assertBetween(before, foreign.getJMSTimestamp(), after, "JMSTimestamp of the foreign message");

            TextMessage received = link.receive(TextMessage.class);
            assertEquals("from elsewhere", received.getText());
            assertEquals(foreign.getJMSMessageID(), received.getJMSMessageID());
            assertEquals(Boolean.TRUE, received.getObjectProperty("bool"));
            assertEquals((byte) -3, received.getObjectProperty("byte"));
            assertEquals((short) 300, received.getObjectProperty("short"));
            assertEquals(70_000, received.getObjectProperty("int"));
            assertEquals(1L << 40, received.getObjectProperty("long"));
            assertEquals(1.5f, received.getObjectProperty("float"));
            assertEquals(-2.5d, received.getObjectProperty("double"));
            assertEquals("s", received.getObjectProperty("string"));
            assertEquals("foreign-type", received.getJMSType());
            assertEquals("foreign-correlation", received.getJMSCorrelationID());
            assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
            assertEquals(7, received.getJMSPriority());
            assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
        }
    }

    @Test
    @DisplayName("3.12 a foreign message carries a JMSReplyTo of the provider's own destination, and a selector sees its properties")
    void foreignMessageReplyToAndSelector() throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            Queue replyQueue = link.session.createQueue(Tck.uniqueName("reply"));
            MessageConsumer selective = link.session.createConsumer(link.queue, "origin = 'foreign' AND JMSType = 't'");
            ForeignTextMessage foreign = new ForeignTextMessage("select me");
            foreign.setStringProperty("origin", "foreign");
            foreign.setJMSType("t");
            foreign.setJMSReplyTo(replyQueue);
            ForeignTextMessage other = new ForeignTextMessage("not me");
            other.setStringProperty("origin", "elsewhere");
            other.setJMSType("t");
            link.producer.send(other);
            link.producer.send(foreign);

            TextMessage received = assertInstanceOf(TextMessage.class, selective.receive(Tck.RECEIVE_TIMEOUT_MS));
            assertEquals("select me", received.getText());
            assertEquals(replyQueue.getQueueName(), assertInstanceOf(Queue.class, received.getJMSReplyTo()).getQueueName());
            assertNull(selective.receive(Tck.NO_MESSAGE_MS), "the non-matching foreign message is not selected");
        }
    }

    @Test
    @DisplayName("3.12 a foreign message sent twice, changed in between, gives two messages with their own content")
    void foreignMessageSentTwice() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            ForeignTextMessage foreign = new ForeignTextMessage("one");
            link.producer.send(foreign);
            String firstId = foreign.getJMSMessageID();
            foreign.setText("two");
            link.producer.send(foreign);
            assertNotEquals(firstId, foreign.getJMSMessageID());
            assertEquals("one", link.receive(TextMessage.class).getText());
            assertEquals("two", link.receive(TextMessage.class).getText());
            assertEquals("two", foreign.getText(), "sending leaves the foreign message's body alone");
        }
    }
}
