package org.tallymq.tck.simplified;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Tck;

/**
 * Consumers on topic subscriptions (spec 8.3), browsers, destinations and the exceptions these
 * methods of JMSContext name (InvalidDestinationRuntimeException, InvalidSelectorRuntimeException,
 * JMSRuntimeException).
 */
class SubscriptionsAndDestinationsTest extends SimplifiedTestSupport {

    private static final String BAD_SELECTOR = "color = = 'red'";

    private JMSContext withClientId() {
        JMSContext c = context();
        c.setClientID("simplified-" + UUID.randomUUID());
        return c;
    }

    private static Topic freshTopic(JMSContext c) {
        return c.createTopic(Tck.uniqueName("simplified-topic"));
    }

    @Test
    @DisplayName("createSharedConsumer: consumers on one shared subscription split the messages (8.3.2)")
    void sharedConsumer() throws Exception {
        JMSContext c = context();
        Topic t = freshTopic(c);
        JMSConsumer a = c.createSharedConsumer(t, "shared");
        JMSConsumer b = track(c.createContext(JMSContext.AUTO_ACKNOWLEDGE)).createSharedConsumer(t, "shared");
        for (int i = 0; i < 10; i++) {
            c.createProducer().send(t, "m" + i);
        }
        Set<String> got = new HashSet<>();
        int count = 0;
        for (JMSConsumer consumer : List.of(a, b)) {
            Message m;
            while ((m = consumer.receive(Tck.NO_MESSAGE_MS)) != null) {
                got.add(text(m));
                count++;
            }
        }
        assertEquals(10, count, "each message goes to exactly one consumer of the subscription");
        assertEquals(10, got.size());
    }

    @Test
    @DisplayName("createSharedConsumer with a selector: only matching messages are added (8.3.2)")
    void sharedConsumerWithSelector() throws Exception {
        JMSContext c = context();
        Topic t = freshTopic(c);
        JMSConsumer consumer = c.createSharedConsumer(t, "sel", "n > 1");
        c.createProducer().setProperty("n", 1).send(t, "one");
        c.createProducer().setProperty("n", 2).send(t, "two");
        assertEquals("two", text(receive(consumer)));
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS));
    }

    @Test
    @DisplayName("createDurableConsumer: messages published while it is closed are kept; unsubscribe deletes (8.3.3)")
    void durableConsumer() throws Exception {
        JMSContext c = withClientId();
        Topic t = freshTopic(c);
        c.createDurableConsumer(t, "dur").close();
        c.createProducer().send(t, "while away");
        JMSConsumer again = c.createDurableConsumer(t, "dur");
        assertEquals("while away", text(receive(again)));
        again.close();
        c.unsubscribe("dur");
        assertThrows(InvalidDestinationRuntimeException.class, () -> c.unsubscribe("dur"), "already deleted");
    }

    @Test
    @DisplayName("createDurableConsumer with selector and noLocal (8.3.3)")
    void durableConsumerWithSelectorAndNoLocal() throws Exception {
        JMSContext c = withClientId();
        Topic t = freshTopic(c);
        JMSConsumer consumer = c.createDurableConsumer(t, "dur2", "n = 2", true);
        c.createProducer().setProperty("n", 2).send(t, "own connection");
        JMSContext other = context();
        other.createProducer().setProperty("n", 1).send(t, "no match");
        other.createProducer().setProperty("n", 2).send(t, "match");
        assertEquals("match", text(receive(consumer)));
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS));
        consumer.close();
        c.unsubscribe("dur2");
    }

    @Test
    @DisplayName("A second active consumer on an unshared durable subscription -> JMSRuntimeException (8.3.3)")
    void durableAlreadyActive() {
        JMSContext c = withClientId();
        Topic t = freshTopic(c);
        c.createDurableConsumer(t, "busy");
        assertThrows(JMSRuntimeException.class, () -> c.createDurableConsumer(t, "busy"));
    }

    @Test
    @DisplayName("createSharedDurableConsumer: kept while no consumer is open; shared by consumers (8.3.4)")
    void sharedDurableConsumer() throws Exception {
        JMSContext c = context();
        Topic t = freshTopic(c);
        c.createSharedDurableConsumer(t, "sd").close();
        c.createProducer().send(t, "kept");
        JMSConsumer a = c.createSharedDurableConsumer(t, "sd");
        JMSConsumer b = c.createSharedDurableConsumer(t, "sd", null);
        assertEquals("kept", text(receive(a)));
        assertNull(b.receive(Tck.NO_MESSAGE_MS), "a message of a shared subscription goes to one consumer");
        a.close();
        b.close();
        c.unsubscribe("sd");
    }

    @Test
    @DisplayName("Unsubscribe while a consumer is active -> JMSRuntimeException (JMSContext.unsubscribe)")
    void unsubscribeActive() {
        JMSContext c = context();
        Topic t = freshTopic(c);
        JMSConsumer consumer = c.createSharedDurableConsumer(t, "active");
        assertThrows(JMSRuntimeException.class, () -> c.unsubscribe("active"));
        consumer.close();
        c.unsubscribe("active");
    }

    @Test
    @DisplayName("unsubscribe of an unknown name -> InvalidDestinationRuntimeException (JMSContext.unsubscribe)")
    void unsubscribeUnknown() {
        JMSContext c = context();
        assertThrows(InvalidDestinationRuntimeException.class, () -> c.unsubscribe("no-such-" + UUID.randomUUID()));
    }

    @Test
    @DisplayName("A durable and a shared non-durable subscription may have the same name: separate (8.3.4 javadoc)")
    void durableAndSharedNonDurableWithSameName() throws Exception {
        // JMSContext.createSharedDurableConsumer: "There is no restriction on durable subscriptions and shared
        // non-durable subscriptions having the same name and clientId. Such subscriptions would be completely separate."
        JMSContext c = context();
        Topic t = freshTopic(c);
        JMSConsumer durable = c.createSharedDurableConsumer(t, "same-name");
        JMSConsumer nonDurable = c.createSharedConsumer(t, "same-name");
        c.createProducer().send(t, "to both");
        assertEquals("to both", text(receive(durable)));
        assertEquals("to both", text(receive(nonDurable)), "separate subscriptions each get a copy");
        durable.close();
        c.unsubscribe("same-name");
    }

    @Test
    @DisplayName("An invalid selector -> InvalidSelectorRuntimeException from every consumer factory (3.8)")
    void invalidSelector() {
        JMSContext c = withClientId();
        Queue q = freshQueue(c);
        Topic t = freshTopic(c);
        assertThrows(InvalidSelectorRuntimeException.class, () -> c.createConsumer(q, BAD_SELECTOR));
        assertThrows(InvalidSelectorRuntimeException.class, () -> c.createConsumer(t, BAD_SELECTOR, true));
        assertThrows(InvalidSelectorRuntimeException.class, () -> c.createSharedConsumer(t, "s", BAD_SELECTOR));
        assertThrows(InvalidSelectorRuntimeException.class, () -> c.createSharedDurableConsumer(t, "sd", BAD_SELECTOR));
        assertThrows(InvalidSelectorRuntimeException.class, () -> c.createDurableConsumer(t, "d", BAD_SELECTOR, false));
        assertThrows(InvalidSelectorRuntimeException.class, () -> c.createBrowser(q, BAD_SELECTOR));
    }

    @Test
    @DisplayName("A null destination -> InvalidDestinationRuntimeException from every consumer factory")
    void nullDestination() {
        JMSContext c = withClientId();
        assertThrows(InvalidDestinationRuntimeException.class, () -> c.createConsumer(null));
        assertThrows(InvalidDestinationRuntimeException.class, () -> c.createConsumer(null, "a = 1"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> c.createSharedConsumer(null, "s"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> c.createSharedDurableConsumer(null, "sd"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> c.createDurableConsumer(null, "d"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> c.createBrowser(null));
    }

    @Test
    @DisplayName("createBrowser: shows the messages in order without consuming them (5.9, JMSContext.createBrowser)")
    void browser() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        c.createProducer().setProperty("n", 1).send(q, "a");
        c.createProducer().setProperty("n", 2).send(q, "b");
        QueueBrowser all = c.createBrowser(q);
        assertEquals(q, all.getQueue());
        List<String> seen = new ArrayList<>();
        for (Message m : Collections.list(castEnumeration(all.getEnumeration()))) {
            seen.add(text(m));
        }
        assertEquals(List.of("a", "b"), seen);
        QueueBrowser filtered = c.createBrowser(q, "n = 2");
        assertEquals("n = 2", filtered.getMessageSelector());
        List<String> matching = new ArrayList<>();
        for (Message m : Collections.list(castEnumeration(filtered.getEnumeration()))) {
            matching.add(text(m));
        }
        assertEquals(List.of("b"), matching);
        assertEquals(List.of("a", "b"), drainTexts(q), "browsing consumed nothing");
    }

    @SuppressWarnings("unchecked")
    private static Enumeration<Message> castEnumeration(Enumeration<?> e) {
        return (Enumeration<Message>) e;
    }

    @Test
    @DisplayName("createQueue / createTopic keep the name; an empty or null name is refused (6.2.3)")
    void destinations() throws Exception {
        JMSContext c = context();
        assertEquals("orders", c.createQueue("orders").getQueueName());
        assertEquals("prices", c.createTopic("prices").getTopicName());
        assertThrows(JMSRuntimeException.class, () -> c.createQueue(null));
        assertThrows(JMSRuntimeException.class, () -> c.createTopic(""));
    }

    @Test
    @DisplayName("createTemporaryTopic: a consumer on it gets what is published (6.2.2)")
    void temporaryTopic() throws Exception {
        JMSContext c = context();
        TemporaryTopic t = c.createTemporaryTopic();
        assertNotNull(t.getTopicName());
        JMSConsumer consumer = c.createConsumer(t);
        c.createProducer().send(t, "tmp");
        assertEquals("tmp", text(receive(consumer)));
        consumer.close();
        t.delete();
    }

    @Test
    @DisplayName("A consumer of one context does not see a queue's messages twice; two contexts share the queue")
    void twoContextsOnOneQueue() throws Exception {
        JMSContext a = context();
        JMSContext b = context();
        Queue q = freshQueue(a);
        JMSConsumer ca = a.createConsumer(q);
        JMSConsumer cb = b.createConsumer(q);
        a.createProducer().send(q, "only once");
        Message first = ca.receive(Tck.RECEIVE_TIMEOUT_MS);
        Message second = cb.receive(first == null ? Tck.RECEIVE_TIMEOUT_MS : Tck.NO_MESSAGE_MS);
        assertTrue(first == null ^ second == null, "exactly one consumer of the queue gets the message");
        assertFalse(first != null && second != null);
    }
}
