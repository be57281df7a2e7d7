package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * The client and the broker together: the paths every other test builds on (the conformance suite
 * in tck-tests covers the specification chapter by chapter). Runs over each transport through the
 * subclasses.
 */
abstract class EndToEndTestBase {

    abstract TallyConnectionFactory factory();

    private TallyConnectionFactory factory;
    private Connection connection;
    private Queue queue;

    @BeforeEach
    void open() throws Exception {
        factory = factory();
        connection = factory.createConnection();
        queue = new org.tallymq.jms.TallyQueue("e2e." + UUID.randomUUID());
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private void send(Session s, String... texts) throws Exception {
        MessageProducer p = s.createProducer(queue);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
    }

    private static String text(Message m) throws Exception {
        assertNotNull(m, "expected a message");
        return ((TextMessage) m).getText();
    }

    @Test
    void sendThenReceive() throws Exception {
        Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        send(s, "a", "b");
        MessageConsumer c = s.createConsumer(queue);
        connection.start();
        assertEquals("a", text(c.receive(2000)));
        assertEquals("b", text(c.receive(2000)));
        assertNull(c.receiveNoWait());
    }

    @Test
    void receiveNoWaitFindsAMessageSentBeforeTheConsumerExisted() throws Exception {
        Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        send(s, "x");
        MessageConsumer c = s.createConsumer(queue);
        connection.start();
        assertEquals("x", text(c.receiveNoWait()));
    }

    @Test
    void clientAcknowledgeRecoverRedeliversInOrderWithCount() throws Exception {
        Session s = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        send(s, "1", "2", "3");
        MessageConsumer c = s.createConsumer(queue);
        connection.start();
        Message m1 = c.receive(2000);
        assertEquals("1", text(m1));
        assertEquals("2", text(c.receive(2000)));
        s.recover();
        Message again = c.receive(2000);
        assertEquals("1", text(again));
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        Message two = c.receive(2000);
        assertEquals("2", text(two));
        Message three = c.receive(2000);
        assertEquals("3", text(three));
        assertFalse(three.getJMSRedelivered(), "3 was only prefetched before recover, never consumed");
        three.acknowledge();
        s.recover();
        assertNull(c.receive(200), "acknowledge() acknowledged every consumed message");
    }

    @Test
    void transactedRollbackRedeliversAndCommitConsumes() throws Exception {
        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        send(tx, "t1");
        MessageConsumer c = tx.createConsumer(queue);
        connection.start();
        assertNull(c.receive(200), "an uncommitted send is invisible");
        tx.commit();
        assertEquals("t1", text(c.receive(2000)));
        tx.rollback();
        Message again = c.receive(2000);
        assertEquals("t1", text(again));
        assertTrue(again.getJMSRedelivered());
        tx.commit();
        tx.rollback();
        assertNull(c.receive(200));
    }

    @Test
    void unacknowledgedMessagesOfAClosedSessionComeBack() throws Exception {
        Session s = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        send(s, "keep");
        MessageConsumer c = s.createConsumer(queue);
        connection.start();
        assertEquals("keep", text(c.receive(2000)));
        s.close();
        Session s2 = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message m = s2.createConsumer(queue).receive(2000);
        assertEquals("keep", text(m));
        assertTrue(m.getJMSRedelivered());
    }

    @Test
    void higherPriorityWaitingMessagesComeFirst() throws Exception {
        Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        p.send(s.createTextMessage("low"), jakarta.jms.DeliveryMode.NON_PERSISTENT, 1, 0);
        p.send(s.createTextMessage("high"), jakarta.jms.DeliveryMode.NON_PERSISTENT, 9, 0);
        MessageConsumer c = s.createConsumer(queue);
        connection.start();
        assertEquals("high", text(c.receive(2000)));
        assertEquals("low", text(c.receive(2000)));
    }

    @Test
    void listenerGetsMessagesOneAtATime() throws Exception {
        Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        List<String> got = new ArrayList<>();
        CountDownLatch latch = new CountDownLatch(3);
        c.setMessageListener(m -> {
            try {
                got.add(((TextMessage) m).getText());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            latch.countDown();
        });
        connection.start();
        Session ps = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        send(ps, "a", "b", "c");
        assertTrue(latch.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b", "c"), got);
    }

    @Test
    void topicSubscribersEachGetEveryMessageAndNoLocalFilters() throws Exception {
        Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic("e2e.topic." + UUID.randomUUID());
        MessageConsumer a = s.createConsumer(t);
        MessageConsumer b = s.createConsumer(t);
        MessageConsumer local = s.createConsumer(t, null, true);
        s.createProducer(t).send(s.createTextMessage("news"));
        connection.start();
        assertEquals("news", text(a.receive(2000)));
        assertEquals("news", text(b.receive(2000)));
        assertNull(local.receive(200));
    }

    @Test
    void duplicateClientIdIsRefused() throws Exception {
        connection.setClientID("e2e-dup");
        try (Connection other = factory.createConnection()) {
            assertThrows(InvalidClientIDException.class, () -> other.setClientID("e2e-dup"));
        }
    }

    @Test
    void temporaryQueueBelongsToItsConnection() throws Exception {
        Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.TemporaryQueue tq = s.createTemporaryQueue();
        try (Connection other = factory.createConnection()) {
            Session os = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThrows(jakarta.jms.InvalidDestinationException.class, () -> os.createConsumer(tq));
            os.createProducer(tq).send(os.createTextMessage("reply"));
        }
        MessageConsumer c = s.createConsumer(tq);
        connection.start();
        assertEquals("reply", text(c.receive(2000)));
        assertThrows(jakarta.jms.JMSException.class, tq::delete, "a consumer is open");
        c.close();
        tq.delete();
    }
}
