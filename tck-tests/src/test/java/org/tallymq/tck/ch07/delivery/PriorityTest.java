package org.tallymq.tck.ch07.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Jms2Support;

/**
 * Spec 3.4.10 "JMSPriority": "Jakarta Messaging does not require that a provider strictly implement priority ordering
 * of messages; however, it should do its best to deliver expedited messages ahead of normal messages." The
 * ordering tests are therefore tagged {@code should}; they let all messages wait before a consumer exists, so that
 * the provider has the chance to order them. Within one priority, 6.2.9.1 message order applies.
 */
@DisplayName("3.4.10 Priority of waiting messages")
class PriorityTest extends Jms2Support {

    private static void sendWithPriorities(Session s, jakarta.jms.Destination d, int... priorities)
            throws JMSException {
        MessageProducer p = s.createProducer(d);
        for (int i = 0; i < priorities.length; i++) {
            p.send(s.createTextMessage("p" + priorities[i] + "-" + i), DeliveryMode.NON_PERSISTENT, priorities[i], 0);
        }
    }

    private static List<Integer> receivePriorities(MessageConsumer c, int count) throws JMSException {
        List<Integer> priorities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            priorities.add(receiveOrFail(c).getJMSPriority());
        }
        assertNoMessage(c);
        return priorities;
    }

    @Test
    @Tag("should")
    @DisplayName("3.4.10 (should) Waiting expedited messages (5-9) are delivered ahead of waiting normal ones (0-4)")
    void expeditedAheadOfNormal() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendWithPriorities(s, q, 1, 2, 0, 4, 7, 9, 5, 8);
        List<Integer> got = receivePriorities(s.createConsumer(q), 8);
        for (int i = 0; i < 4; i++) {
            int p = got.get(i);
            assertTrue(p >= 5, () -> "the first four messages must be the expedited ones, got " + got);
        }
    }

    @Test
    @Tag("should")
    @DisplayName("3.4.10 (should) Waiting messages of all ten priorities come highest first")
    void strictOrderWhenWaiting() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendWithPriorities(s, q, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(List.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0), receivePriorities(s.createConsumer(q), 10));
    }

    @Test
    @Tag("should")
    @DisplayName("3.4.10 (should) Priority order also applies to the messages kept for an inactive durable subscription")
    void durableSubscriptionPriority() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection sub = connection(cid);
        Session ss = sub.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(ss);
        ss.createDurableConsumer(t, name).close();
        sendWithPriorities(connection().createSession(false, Session.AUTO_ACKNOWLEDGE), t, 1, 9, 3, 8);
        assertEquals(List.of(9, 8, 3, 1), receivePriorities(ss.createDurableConsumer(t, name), 4));
    }

    @Test
    @DisplayName("6.2.9.1 Within one priority, waiting messages keep their send order")
    void fifoWithinPriority() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendWithPriorities(s, q, 6, 6, 6, 6, 6);
        List<String> texts = new ArrayList<>();
        MessageConsumer c = s.createConsumer(q);
        for (int i = 0; i < 5; i++) {
            Message m = receiveOrFail(c);
            texts.add(text(m));
        }
        assertEquals(List.of("p6-0", "p6-1", "p6-2", "p6-3", "p6-4"), texts);
    }
}
