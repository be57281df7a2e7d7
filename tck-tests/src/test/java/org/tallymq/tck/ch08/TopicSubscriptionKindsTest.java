package org.tallymq.tck.ch08;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/**
 * Spec 8.3.2 "Shared non-durable subscriptions", 8.3.3 "Unshared durable subscriptions", 8.3.4 "Shared durable
 * subscriptions" as far as the classic API's exceptions and lifecycle go. Every test uses its own topic, client ID
 * and subscription name, and deletes the durable subscriptions it created.
 */
@DisplayName("8.3.2-8.3.4 Shared and durable subscriptions")
class TopicSubscriptionKindsTest extends ClassicSupport {

    private Connection withClientId() throws JMSException {
        Connection c = connection();
        c.setClientID(Tck.uniqueName("durable-client"));
        c.start();
        return c;
    }

    @Test
    @DisplayName("8.3.3 createDurableConsumer/createDurableSubscriber without a client identifier → IllegalStateException (javadoc)")
    void unsharedDurableNeedsClientId() throws JMSException {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        assertThrows(IllegalStateException.class, () -> s.createDurableConsumer(t, "d"));
        assertThrows(IllegalStateException.class, () -> s.createDurableSubscriber(t, "d"));
    }

    @Test
    @DisplayName("8.3.3 A durable subscription keeps the messages sent while it has no consumer")
    void durableKeepsMessagesWhileInactive() throws JMSException {
        Connection c = withClientId();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        s.createDurableConsumer(t, "keep").close();
        sendTexts(connection(), t, "while-away");
        MessageConsumer resumed = s.createDurableConsumer(t, "keep");
        assertEquals("while-away", receiveText(resumed));
        resumed.close();
        s.unsubscribe("keep");
    }

    @Test
    @DisplayName("8.3.3 A second active consumer on an unshared durable subscription → JMSException")
    void secondActiveConsumer() throws JMSException {
        Connection c = withClientId();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer first = s.createDurableConsumer(t, "single");
        Session other = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(JMSException.class, () -> other.createDurableConsumer(t, "single"));
        first.close();
        s.unsubscribe("single");
    }

    @Test
    @DisplayName("8.3.3 unsubscribe while the durable subscription has an active consumer → JMSException")
    void unsubscribeWithActiveConsumer() throws JMSException {
        Connection c = withClientId();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer consumer = s.createDurableConsumer(t, "busy");
        assertThrows(JMSException.class, () -> s.unsubscribe("busy"));
        consumer.close();
        s.unsubscribe("busy");
    }

    @Test
    @DisplayName("8.3.3 unsubscribe of a name with no durable subscription → InvalidDestinationException (javadoc unsubscribe)")
    void unsubscribeUnknown() throws JMSException {
        Session s = withClientId().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe(Tck.uniqueName("no-such-subscription")));
    }

    @Test
    @DisplayName("8.3.3 After unsubscribe, messages are no longer kept: a new subscription of that name starts empty")
    void unsubscribeDeletesState() throws JMSException {
        Connection c = withClientId();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        s.createDurableConsumer(t, "gone").close();
        sendTexts(c, t, "kept-then-deleted");
        s.unsubscribe("gone");
        MessageConsumer fresh = s.createDurableConsumer(t, "gone");
        assertNoMessage(fresh);
        fresh.close();
        s.unsubscribe("gone");
    }

    @Test
    @DisplayName("8.3.3 Re-creating an inactive durable subscription with another selector replaces it (old messages dropped)")
    void changedSelectorReplacesSubscription() throws JMSException {
        Connection c = withClientId();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        s.createDurableConsumer(t, "change", null, false).close();
        sendTexts(c, t, "old");
        MessageConsumer changed = s.createDurableConsumer(t, "change", "JMSPriority >= 0", false);
        assertNoMessage(changed);
        changed.close();
        s.unsubscribe("change");
    }

    @Test
    @DisplayName("8.3.2 A shared non-durable subscription gives each message to exactly one of its consumers")
    void sharedNonDurable() throws JMSException {
        Connection c = startedConnection();
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s1);
        MessageConsumer a = s1.createSharedConsumer(t, "shared");
        MessageConsumer b = s2.createSharedConsumer(t, "shared");
        String[] texts = numbered("s", 10);
        sendTexts(connection(), t, texts);
        List<String> got = new ArrayList<>();
        for (MessageConsumer consumer : List.of(a, b)) {
            Message m;
            while ((m = consumer.receive(Tck.NO_MESSAGE_MS)) != null) {
                got.add(text(m));
            }
        }
        assertEquals(texts.length, got.size(), "each message exactly once across the consumers: " + got);
        assertEquals(new TreeSet<>(List.of(texts)), new TreeSet<>(got));
    }

    @Test
    @DisplayName("8.3.2 An extra consumer on an active shared subscription with a different selector → JMSException")
    void sharedNonDurableDifferentSelector() throws JMSException {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        s.createSharedConsumer(t, "sel", "a = 1");
        assertThrows(JMSException.class, () -> s.createSharedConsumer(t, "sel", "a = 2"));
    }

    @Test
    @DisplayName("8.3.4 A shared durable subscription needs no client identifier and keeps messages while inactive")
    void sharedDurable() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        String name = Tck.uniqueName("shared-durable");
        s.createSharedDurableConsumer(t, name).close();
        sendTexts(c, t, "kept");
        MessageConsumer resumed = s.createSharedDurableConsumer(t, name);
        assertEquals("kept", receiveText(resumed));
        resumed.close();
        s.unsubscribe(name);
    }

    @Test
    @DisplayName("8.3.3 createDurableConsumer with the name of an existing shared durable subscription → JMSException")
    void sharedAndUnsharedNamesClash() throws JMSException {
        Connection c = withClientId();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer shared = s.createSharedDurableConsumer(t, "clash");
        assertThrows(JMSException.class, () -> s.createDurableConsumer(t, "clash"));
        shared.close();
        s.unsubscribe("clash");
    }
}
