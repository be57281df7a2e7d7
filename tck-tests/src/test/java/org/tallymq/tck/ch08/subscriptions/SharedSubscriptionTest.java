package org.tallymq.tck.ch08.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Jms2Support;
import org.tallymq.tck.Tck;

/**
 * Spec 8.3.2 "Shared non-durable subscriptions" and 8.3.4 "Shared durable subscriptions", with the javadoc of
 * {@code Session.createSharedConsumer} and {@code createSharedDurableConsumer}. The client ID is optional for both;
 * most tests use connections without one, from different connections, to show that the name alone identifies the
 * subscription then.
 */
@DisplayName("8.3.2/8.3.4 Shared subscriptions (classic API)")
class SharedSubscriptionTest extends Jms2Support {

    private static final int N = 40;

    /**
     * Receives from both consumers, alternating, until {@code expected} messages arrived in total or neither
     * delivers anything for {@link Tck#NO_MESSAGE_MS}; then checks that nothing more comes. Returns the texts
     * received by each consumer.
     */
    private static List<List<String>> drain(MessageConsumer c1, MessageConsumer c2, int expected)
            throws JMSException {
        List<String> got1 = new ArrayList<>();
        List<String> got2 = new ArrayList<>();
        long deadline = System.currentTimeMillis() + Tck.RECEIVE_TIMEOUT_MS;
        while (got1.size() + got2.size() < expected && System.currentTimeMillis() < deadline) {
            Message m1 = c1.receive(20);
            if (m1 != null) {
                got1.add(text(m1));
            }
            Message m2 = c2.receive(20);
            if (m2 != null) {
                got2.add(text(m2));
            }
        }
        Message extra1 = c1.receive(Tck.NO_MESSAGE_MS);
        Message extra2 = c2.receive(Tck.NO_MESSAGE_MS);
        assertNull(extra1, () -> "more than " + expected + " messages: first consumer also got " + describe(extra1));
        assertNull(extra2, () -> "more than " + expected + " messages: second consumer also got " + describe(extra2));
        return List.of(got1, got2);
    }

    /** The union of both lists is exactly the sent texts, and no text was delivered twice. */
    private static void assertExactlyOnce(List<List<String>> received, String[] sent) {
        List<String> all = new ArrayList<>(received.get(0));
        all.addAll(received.get(1));
        Set<String> distinct = new HashSet<>(all);
        assertEquals(all.size(), distinct.size(), () -> "a message was delivered to more than one consumer: " + received);
        assertEquals(Set.of(sent), distinct, () -> "the consumers together must get every message exactly once: "
                + received);
    }

    @Test
    @DisplayName("8.3.2 createSharedConsumer without client ID, two connections: each message goes to exactly one consumer")
    void sharedNonDurableEachMessageOnce() throws JMSException {
        String name = newSubscriptionName();
        Session s1 = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        MessageConsumer c1 = s1.createSharedConsumer(topic, name);
        MessageConsumer c2 = s2.createSharedConsumer(topic, name);

        String[] sent = numbered("m", N);
        sendTexts(connection(), topic, sent);

        assertExactlyOnce(drain(c1, c2, N), sent);
    }

    @Test
    @DisplayName("8.3.2 createSharedConsumer with the same client ID in two sessions: each message goes to exactly one consumer")
    void sharedNonDurableWithClientId() throws JMSException {
        String name = newSubscriptionName();
        Connection c = connection(newClientId());
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        MessageConsumer c1 = s1.createSharedConsumer(topic, name);
        MessageConsumer c2 = s2.createSharedConsumer(topic, name);

        String[] sent = numbered("m", N);
        sendTexts(connection(), topic, sent);

        assertExactlyOnce(drain(c1, c2, N), sent);
    }

    @Test
    @DisplayName("8.3.4 createSharedDurableConsumer without client ID, two connections: each message goes to exactly one consumer")
    void sharedDurableEachMessageOnce() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Session s1 = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        MessageConsumer c1 = s1.createSharedDurableConsumer(topic, name);
        MessageConsumer c2 = s2.createSharedDurableConsumer(topic, name);

        String[] sent = numbered("m", N);
        sendTexts(connection(), topic, sent);

        assertExactlyOnce(drain(c1, c2, N), sent);
    }

    @Test
    @DisplayName("8.3.2 Shared consumers and an ordinary subscriber: the subscription gets one copy, the subscriber its own")
    void sharedSubscriptionIsOneSubscription() throws JMSException {
        String name = newSubscriptionName();
        Session s1 = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        MessageConsumer c1 = s1.createSharedConsumer(topic, name);
        MessageConsumer c2 = s2.createSharedConsumer(topic, name);
        MessageConsumer plain = s1.createConsumer(topic);

        String[] sent = numbered("m", 10);
        sendTexts(connection(), topic, sent);

        assertReceivesExactly(plain, sent);
        assertExactlyOnce(drain(c1, c2, sent.length), sent);
    }

    @Test
    @DisplayName("8.3.2 A shared non-durable subscription lives while any consumer is open and is deleted with the last one")
    void sharedNonDurableLifetime() throws JMSException {
        String name = newSubscriptionName();
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        Connection publisher = connection();
        MessageConsumer c1 = s.createSharedConsumer(topic, name);
        MessageConsumer c2 = s.createSharedConsumer(topic, name);

        c1.close();
        sendTexts(publisher, topic, "while-one-open");
        assertReceivesExactly(c2, "while-one-open");

        c2.close();
        sendTexts(publisher, topic, "while-none-open");
        MessageConsumer c3 = s.createSharedConsumer(topic, name);
        assertNoMessage(c3);
        sendTexts(publisher, topic, "after-recreate");
        assertReceivesExactly(c3, "after-recreate");
    }

    @Test
    @DisplayName("8.3.4 A shared durable subscription keeps messages with no consumer until unsubscribed")
    void sharedDurableKeepsMessagesUntilUnsubscribed() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Connection c1 = connection();
        Session s1 = c1.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        s1.createSharedDurableConsumer(topic, name);
        c1.close();
        Connection publisher = connection();
        sendTexts(publisher, topic, "a", "b", "c");

        Connection c2 = connection();
        Session s2 = c2.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer again = s2.createSharedDurableConsumer(topic, name);
        assertReceivesExactly(again, "a", "b", "c");
        again.close();

        sendTexts(publisher, topic, "before-unsubscribe");
        s2.unsubscribe(name);
        sendTexts(publisher, topic, "after-unsubscribe");
        assertNoMessage(s2.createSharedDurableConsumer(topic, name));
    }

    @Test
    @DisplayName("8.3.4 A shared durable subscription is identified by name and client ID: another client ID means another subscription")
    void sharedDurableIdentifiedByClientId() throws JMSException {
        String name = newSubscriptionName();
        String cid = newClientId();
        durable(cid, name);
        durable(null, name);
        Connection withId = connection(cid);
        Session s1 = withId.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        s1.createSharedDurableConsumer(topic, name).close();
        sendTexts(connection(), topic, "for-cid");

        Session noId = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNoMessage(noId.createSharedDurableConsumer(topic, name));
        assertReceivesExactly(s1.createSharedDurableConsumer(topic, name), "for-cid");
    }

    @Test
    @DisplayName("8.3.2 A shared non-durable subscription is identified by name and client ID: another client ID means another subscription")
    void sharedNonDurableIdentifiedByClientId() throws JMSException {
        String name = newSubscriptionName();
        Session withId = connection(newClientId()).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session noId = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(withId);
        MessageConsumer a = withId.createSharedConsumer(topic, name);
        MessageConsumer b = noId.createSharedConsumer(topic, name);
        sendTexts(connection(), topic, "to-both");
        assertReceivesExactly(a, "to-both");
        assertReceivesExactly(b, "to-both");
    }

    @Test
    @DisplayName("8.3.4 unsubscribe finds a shared durable subscription by name and client ID: from another client ID → InvalidDestinationException")
    void unsubscribeSharedDurableNeedsSameClientId() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Connection noId = connection();
        Session s = noId.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createSharedDurableConsumer(topic, name).close();
        sendTexts(noId, topic, "kept");

        Session withId = connection(newClientId()).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> withId.unsubscribe(name));
        assertReceivesExactly(s.createSharedDurableConsumer(topic, name), "kept");
    }

    @Test
    @DisplayName("8.3.4 An empty selector means no selector: a consumer with \"\" joins a subscription created with null (javadoc)")
    void sharedDurableEmptySelectorIsNoSelector() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer active = s.createSharedDurableConsumer(topic, name, null);
        MessageConsumer joined = connection().createSession(false, Session.AUTO_ACKNOWLEDGE)
                .createSharedDurableConsumer(topic, name, "");
        String[] sent = numbered("m", 10);
        sendTexts(connection(), topic, sent);
        assertExactlyOnce(drain(active, joined, sent.length), sent);
    }

    @Test
    @DisplayName("8.3.2 createSharedConsumer with a selector: only matching messages are added")
    void sharedNonDurableSelector() throws JMSException {
        String name = newSubscriptionName();
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer c = s.createSharedConsumer(topic, name, "color = 'red'");
        assertEquals("color = 'red'", c.getMessageSelector(), "getMessageSelector of a shared consumer");
        Connection publisher = connection();
        sendColored(publisher, topic, "blue", "b");
        sendColored(publisher, topic, "red", "r");
        assertReceivesExactly(c, "r");
    }

    @Test
    @DisplayName("8.3.4 createSharedDurableConsumer with a selector: only matching messages are kept")
    void sharedDurableSelector() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createSharedDurableConsumer(topic, name, "color = 'red'").close();
        Connection publisher = connection();
        sendColored(publisher, topic, "blue", "b");
        sendColored(publisher, topic, "red", "r");
        assertReceivesExactly(s.createSharedDurableConsumer(topic, name, "color = 'red'"), "r");
    }

    @Test
    @DisplayName("8.3.2 Active shared non-durable consumer, new consumer with another selector → JMSException")
    void sharedNonDurableOtherSelectorWhileActive() throws JMSException {
        String name = newSubscriptionName();
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer active = s.createSharedConsumer(topic, name, "color = 'red'");
        assertThrows(JMSException.class, () -> s.createSharedConsumer(topic, name, "color = 'blue'"));
        assertThrows(JMSException.class, () -> s.createSharedConsumer(topic, name));
        sendColored(connection(), topic, "red", "r");
        assertReceivesExactly(active, "r");
    }

    @Test
    @DisplayName("8.3.2 Active shared non-durable consumer, new consumer on another topic → JMSException")
    void sharedNonDurableOtherTopicWhileActive() throws JMSException {
        String name = newSubscriptionName();
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createSharedConsumer(topic, name);
        Topic other = newTopic(s);
        assertThrows(JMSException.class, () -> s.createSharedConsumer(other, name));
    }

    @Test
    @DisplayName("8.3.4 Active shared durable consumer, new consumer with another selector or topic → JMSException")
    void sharedDurableOtherSelectorOrTopicWhileActive() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer active = s.createSharedDurableConsumer(topic, name, "color = 'red'");
        assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(topic, name, "color = 'blue'"),
                "other selector");
        assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(topic, name), "no selector");
        assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(newTopic(s), name, "color = 'red'"),
                "other topic");
        sendColored(connection(), topic, "red", "r");
        assertReceivesExactly(active, "r");
    }

    // (ActiveMQ Artemis 2.40 throws "AMQ229083 ... has a different filter" here and AMQ229082 in the next test,
    // instead of replacing the inactive subscription.)
    @Test
    @DisplayName("8.3.4 No active consumer, another selector: the shared durable subscription is replaced, old messages dropped")
    void sharedDurableOtherSelectorReplaces() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createSharedDurableConsumer(topic, name).close();
        Connection publisher = connection();
        sendColored(publisher, topic, "red", "old-red");

        MessageConsumer replaced = s.createSharedDurableConsumer(topic, name, "color = 'red'");
        assertNoMessage(replaced);
        sendColored(publisher, topic, "blue", "new-blue");
        sendColored(publisher, topic, "red", "new-red");
        assertReceivesExactly(replaced, "new-red");
    }

    @Test
    @DisplayName("8.3.4 No active consumer, another topic: the shared durable subscription is replaced, old messages dropped")
    void sharedDurableOtherTopicReplaces() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic oldTopic = newTopic(s);
        s.createSharedDurableConsumer(oldTopic, name).close();
        Connection publisher = connection();
        sendTexts(publisher, oldTopic, "old");

        Topic newTopic = newTopic(s);
        MessageConsumer replaced = s.createSharedDurableConsumer(newTopic, name);
        assertNoMessage(replaced);
        sendTexts(publisher, oldTopic, "old-again");
        sendTexts(publisher, newTopic, "new");
        assertReceivesExactly(replaced, "new");
    }

    @Test
    @DisplayName("8.3.4 unsubscribe of a shared durable subscription with an active consumer is erroneous → JMSException")
    void unsubscribeSharedDurableWithActiveConsumer() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer active = s.createSharedDurableConsumer(topic, name);
        Session other = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(JMSException.class, () -> other.unsubscribe(name));
        sendTexts(connection(), topic, "still-subscribed");
        assertReceivesExactly(active, "still-subscribed");
    }

    @Test
    @DisplayName("8.3.4 Unacknowledged messages of a closed shared durable consumer go to another consumer on the subscription, redelivered")
    void sharedDurableUnackedMoveToOtherConsumer() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Connection c1 = connection();
        Session s1 = c1.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        MessageConsumer first = s1.createSharedDurableConsumer(topic, name);
        sendTexts(connection(), topic, "a", "b");
        assertEquals(List.of("a", "b"), receiveTexts(first, 2));

        MessageConsumer second = connection().createSession(false, Session.AUTO_ACKNOWLEDGE)
                .createSharedDurableConsumer(topic, name);
        c1.close(); // without acknowledging
        Message a = receiveOrFail(second);
        Message b = receiveOrFail(second);
        assertEquals(Set.of("a", "b"), Set.of(text(a), text(b)));
        assertRedelivered(a, 2);
        assertRedelivered(b, 2);
        assertNoMessage(second);
    }

    @Test
    @DisplayName("8.3.2 Unacknowledged messages of a closed shared non-durable consumer go to a remaining consumer, redelivered")
    void sharedNonDurableUnackedMoveToOtherConsumer() throws JMSException {
        String name = newSubscriptionName();
        Connection c1 = connection();
        Session s1 = c1.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        MessageConsumer first = s1.createSharedConsumer(topic, name);
        sendTexts(connection(), topic, "a");
        assertEquals("a", text(receiveOrFail(first)));

        MessageConsumer second = connection().createSession(false, Session.AUTO_ACKNOWLEDGE)
                .createSharedConsumer(topic, name);
        c1.close(); // without acknowledging; the subscription lives on in the second consumer
        Message a = receiveOrFail(second);
        assertEquals("a", text(a));
        assertRedelivered(a, 2);
    }

    @Test
    @DisplayName("8.3.2/8.3.4 An invalid selector → InvalidSelectorException; a null topic → InvalidDestinationException")
    void invalidArguments() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        assertThrows(InvalidSelectorException.class, () -> s.createSharedConsumer(topic, newSubscriptionName(), "a = "));
        assertThrows(InvalidSelectorException.class,
                () -> s.createSharedDurableConsumer(topic, newSubscriptionName(), "a = "));
        assertThrows(InvalidDestinationException.class, () -> s.createSharedConsumer(null, newSubscriptionName()));
        assertThrows(InvalidDestinationException.class,
                () -> s.createSharedDurableConsumer(null, newSubscriptionName()));
    }

    @Test
    @DisplayName("8.3.4 CLIENT_ACKNOWLEDGE on a shared durable subscription: unacknowledged messages go back to the subscription")
    void sharedDurableUnackedComeBack() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Connection c1 = connection();
        Session s1 = c1.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        MessageConsumer first = s1.createSharedDurableConsumer(topic, name);
        sendTexts(connection(), topic, "u");
        assertFirstDelivery(receiveOrFail(first));
        c1.close();

        Session s2 = connection().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message m = receiveOrFail(s2.createSharedDurableConsumer(topic, name));
        assertEquals("u", text(m));
        assertRedelivered(m, 2);
        m.acknowledge();
    }
}
