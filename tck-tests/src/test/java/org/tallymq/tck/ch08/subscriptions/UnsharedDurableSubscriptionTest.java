package org.tallymq.tck.ch08.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Jms2Support;

/**
 * Spec 8.3.3 "Unshared durable subscriptions" and the javadoc of {@code Session.createDurableSubscriber},
 * {@code createDurableConsumer} and {@code unsubscribe}. Every test uses its own topic, subscription name and client
 * ID; reconnecting means a new connection with the same client ID after the old one is closed.
 */
@DisplayName("8.3.3 Unshared durable subscriptions (classic API)")
class UnsharedDurableSubscriptionTest extends Jms2Support {

    /** Creates the subscription, closes its connection, and returns the topic it is on. */
    private Topic subscribeAndDisconnect(String clientId, String name, String selector, boolean noLocal)
            throws JMSException {
        Connection c = connection(clientId);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createDurableConsumer(topic, name, selector, noLocal);
        c.close();
        return topic;
    }

    @Test
    @DisplayName("8.3.3 createDurableSubscriber: messages published while no consumer is active are kept and delivered on reconnect")
    void durableSubscriberKeepsMessages() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection c1 = connection(cid);
        Session s1 = c1.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        TopicSubscriber subscriber = s1.createDurableSubscriber(topic, name);
        assertEquals(topic.getTopicName(), subscriber.getTopic().getTopicName(), "TopicSubscriber.getTopic");
        c1.close();

        sendTexts(connection(), topic, "a", "b", "c");

        Session s2 = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertReceivesExactly(s2.createDurableSubscriber(topic, name), "a", "b", "c");
    }

    @Test
    @DisplayName("8.3.3 createDurableConsumer: messages published while no consumer is active are kept and delivered on reconnect")
    void durableConsumerKeepsMessages() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic topic = subscribeAndDisconnect(cid, name, null, false);

        sendTexts(connection(), topic, "a", "b", "c");

        Session s2 = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertReceivesExactly(s2.createDurableConsumer(topic, name), "a", "b", "c");
    }

    @Test
    @DisplayName("8.3.3 Messages acknowledged by a consumer are not delivered again to the next consumer on the subscription")
    void acknowledgedMessagesAreGone() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic topic = subscribeAndDisconnect(cid, name, null, false);
        sendTexts(connection(), topic, "a", "b");

        Connection c2 = connection(cid);
        assertReceivesExactly(c2.createSession(false, Session.AUTO_ACKNOWLEDGE).createDurableConsumer(topic, name),
                "a", "b");
        c2.close();

        sendTexts(connection(), topic, "c");
        Session s3 = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertReceivesExactly(s3.createDurableConsumer(topic, name), "c");
    }

    @Test
    @DisplayName("8.3.3 A message selector limits what is added to the durable subscription, also while it is inactive")
    void selector() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        String selector = "color = 'red'";
        Topic topic = subscribeAndDisconnect(cid, name, selector, false);

        Connection publisher = connection();
        sendColored(publisher, topic, "red", "r1");
        sendColored(publisher, topic, "blue", "b1");
        sendColored(publisher, topic, "red", "r2");

        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertReceivesExactly(s.createDurableConsumer(topic, name, selector, false), "r1", "r2");
    }

    @Test
    @DisplayName("8.3.3 createDurableSubscriber with a selector: only matching messages are kept")
    void durableSubscriberSelector() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        String selector = "color = 'red'";
        Connection c1 = connection(cid);
        Session s1 = c1.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        TopicSubscriber sub = s1.createDurableSubscriber(topic, name, selector, false);
        assertEquals(selector, sub.getMessageSelector(), "getMessageSelector");
        c1.close();

        Connection publisher = connection();
        sendColored(publisher, topic, "blue", "b1");
        sendColored(publisher, topic, "red", "r1");

        Session s2 = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertReceivesExactly(s2.createDurableSubscriber(topic, name, selector, false), "r1");
    }

    @Test
    @DisplayName("8.3.3 noLocal=true (createDurableConsumer): messages published by the subscriber's own connection are not added")
    void noLocalDurableConsumer() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection own = connection(cid);
        Session s = own.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer consumer = s.createDurableConsumer(topic, name, null, true);

        sendTexts(own, topic, "local");
        sendTexts(connection(), topic, "remote");

        assertReceivesExactly(consumer, "remote");
    }

    @Test
    @DisplayName("8.3.3 noLocal=true (createDurableSubscriber): a local publication is not kept for the inactive subscription either")
    void noLocalDurableSubscriberWhileInactive() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection own = connection(cid);
        Session s = own.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createDurableSubscriber(topic, name, null, true).close();

        sendTexts(own, topic, "local");
        sendTexts(connection(), topic, "remote");

        assertReceivesExactly(s.createDurableSubscriber(topic, name, null, true), "remote");
    }

    @Test
    @DisplayName("8.3.3 noLocal=true also drops messages published by another connection with the same client ID")
    void noLocalCoversSameClientId() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic topic = subscribeAndDisconnect(cid, name, null, true);

        Connection sameId = connection(cid);
        sendTexts(sameId, topic, "same-client-id");
        sameId.close();
        sendTexts(connection(), topic, "other");

        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertReceivesExactly(s.createDurableConsumer(topic, name, null, true), "other");
    }

    @Test
    @DisplayName("8.3.3 Messages published before the durable subscription was created are not delivered to it")
    void onlyMessagesAfterCreation() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        Connection publisher = connection();
        sendTexts(publisher, topic, "before");
        MessageConsumer consumer = s.createDurableConsumer(topic, name);
        sendTexts(publisher, topic, "after");
        assertReceivesExactly(consumer, "after");
    }

    @Test
    @DisplayName("8.3.3/javadoc All four unshared durable methods need a client ID: without one → IllegalStateException")
    void clientIdRequired() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        String name = newSubscriptionName();
        assertThrows(IllegalStateException.class, () -> s.createDurableSubscriber(topic, name),
                "createDurableSubscriber(topic, name) without client ID");
        assertThrows(IllegalStateException.class, () -> s.createDurableSubscriber(topic, name, null, false),
                "createDurableSubscriber(topic, name, selector, noLocal) without client ID");
        assertThrows(IllegalStateException.class, () -> s.createDurableConsumer(topic, name),
                "createDurableConsumer(topic, name) without client ID");
        assertThrows(IllegalStateException.class, () -> s.createDurableConsumer(topic, name, null, false),
                "createDurableConsumer(topic, name, selector, noLocal) without client ID");
    }

    @Test
    @DisplayName("8.3.3 A second active consumer on an unshared durable subscription → JMSException; the first keeps working")
    void secondActiveConsumerRejected() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection c = connection(cid);
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s1);
        MessageConsumer first = s1.createDurableConsumer(topic, name);

        assertThrows(JMSException.class, () -> s2.createDurableConsumer(topic, name),
                "createDurableConsumer on a subscription with an active consumer");
        assertThrows(JMSException.class, () -> s2.createDurableSubscriber(topic, name),
                "createDurableSubscriber on a subscription with an active consumer");
        assertThrows(JMSException.class, () -> s1.createDurableConsumer(topic, name),
                "createDurableConsumer from the consumer's own session");

        sendTexts(connection(), topic, "x");
        assertReceivesExactly(first, "x");
    }

    @Test
    @DisplayName("8.3.3 After the active consumer is closed, a new consumer may be created on the same subscription")
    void newConsumerAfterClose() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection c = connection(cid);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createDurableConsumer(topic, name).close();
        sendTexts(c, topic, "x");
        assertReceivesExactly(s.createDurableConsumer(topic, name), "x");
    }

    @Test
    @DisplayName("8.3.3 A consumer with a different selector replaces the inactive subscription: old messages are dropped")
    void changingSelectorReplaces() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic topic = subscribeAndDisconnect(cid, name, null, false);
        Connection publisher = connection();
        sendColored(publisher, topic, "red", "old-red");

        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer replaced = s.createDurableConsumer(topic, name, "color = 'red'", false);
        assertNoMessage(replaced);
        sendColored(publisher, topic, "blue", "new-blue");
        sendColored(publisher, topic, "red", "new-red");
        assertReceivesExactly(replaced, "new-red");
    }

    @Test
    @DisplayName("8.3.3 A consumer on a different topic replaces the inactive subscription: old messages are dropped")
    void changingTopicReplaces() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic oldTopic = subscribeAndDisconnect(cid, name, null, false);
        Connection publisher = connection();
        sendTexts(publisher, oldTopic, "old");

        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic newTopic = newTopic(s);
        MessageConsumer replaced = s.createDurableConsumer(newTopic, name);
        assertNoMessage(replaced);
        sendTexts(publisher, oldTopic, "old-topic-again");
        sendTexts(publisher, newTopic, "new-topic");
        assertReceivesExactly(replaced, "new-topic");
    }

    @Test
    @DisplayName("8.3.3 A consumer with a different noLocal value replaces the inactive subscription: old messages are dropped")
    void changingNoLocalReplaces() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic topic = subscribeAndDisconnect(cid, name, null, false);
        sendTexts(connection(), topic, "old");

        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer replaced = s.createDurableConsumer(topic, name, null, true);
        assertNoMessage(replaced);
    }

    @Test
    @DisplayName("8.3.3 Same topic, selector and noLocal: the existing subscription is reused, its messages are kept")
    void sameParametersReuse() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        String selector = "color = 'red'";
        Topic topic = subscribeAndDisconnect(cid, name, selector, true);
        sendColored(connection(), topic, "red", "kept");

        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertReceivesExactly(s.createDurableConsumer(topic, name, selector, true), "kept");
    }

    @Test
    @DisplayName("8.3.3 An empty selector means no selector: reconnecting with \"\" after null reuses the subscription (javadoc)")
    void emptySelectorIsNoSelector() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic topic = subscribeAndDisconnect(cid, name, null, false);
        sendTexts(connection(), topic, "kept");
        Connection c = connection(cid);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer again = s.createDurableConsumer(topic, name, "", false);
        assertReceivesExactly(again, "kept");
        again.close();
        sendTexts(connection(), topic, "kept-too");
        assertReceivesExactly(s.createDurableSubscriber(topic, name, null, false), "kept-too");
    }

    @Test
    @DisplayName("8.3.3 A subscription belongs to its client ID: the same name under another client ID is another subscription")
    void identifiedByClientId() throws JMSException {
        String cidA = newClientId();
        String cidB = newClientId();
        String name = newSubscriptionName();
        durable(cidA, name);
        durable(cidB, name);
        Topic topic = subscribeAndDisconnect(cidA, name, null, false);
        sendTexts(connection(), topic, "for-A");

        Session sb = connection(cidB).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNoMessage(sb.createDurableConsumer(topic, name));
        Session sa = connection(cidA).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertReceivesExactly(sa.createDurableConsumer(topic, name), "for-A");
    }

    @Test
    @DisplayName("8.3.3 An invalid selector → InvalidSelectorException (javadoc createDurableConsumer/createDurableSubscriber)")
    void invalidSelector() throws JMSException {
        Session s = connection(newClientId()).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        assertThrows(InvalidSelectorException.class,
                () -> s.createDurableConsumer(topic, newSubscriptionName(), "color = ", false));
        assertThrows(InvalidSelectorException.class,
                () -> s.createDurableSubscriber(topic, newSubscriptionName(), "color = ", false));
    }

    @Test
    @DisplayName("8.3.3 A null topic → InvalidDestinationException (javadoc: 'if an invalid topic is specified')")
    void nullTopic() throws JMSException {
        Session s = connection(newClientId()).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createDurableConsumer(null, newSubscriptionName()));
        assertThrows(InvalidDestinationException.class, () -> s.createDurableSubscriber(null, newSubscriptionName()));
    }

    @Test
    @DisplayName("8.3.3 unsubscribe deletes the subscription: messages kept for it are dropped, later ones are not kept")
    void unsubscribeDeletes() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic topic = subscribeAndDisconnect(cid, name, null, false);
        Connection publisher = connection();
        sendTexts(publisher, topic, "before-unsubscribe");

        Connection c = connection(cid);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.unsubscribe(name);
        sendTexts(publisher, topic, "after-unsubscribe");

        MessageConsumer fresh = s.createDurableConsumer(topic, name);
        assertNoMessage(fresh);
        sendTexts(publisher, topic, "after-resubscribe");
        assertReceivesExactly(fresh, "after-resubscribe");
    }

    @Test
    @DisplayName("8.3.3 unsubscribe of a name with no subscription → InvalidDestinationException (javadoc unsubscribe)")
    void unsubscribeUnknown() throws JMSException {
        Session s = connection(newClientId()).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe(newSubscriptionName()));
    }

    @Test
    @DisplayName("8.3.3 unsubscribe while a consumer is active is erroneous → JMSException; the subscription survives")
    void unsubscribeWithActiveConsumer() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection c = connection(cid);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer active = s.createDurableConsumer(topic, name);

        Session other = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(JMSException.class, () -> other.unsubscribe(name), "unsubscribe with an active consumer");

        sendTexts(connection(), topic, "still-subscribed");
        assertReceivesExactly(active, "still-subscribed");
    }

    @Test
    @DisplayName("8.3.3 unsubscribe after the consumer is closed succeeds (javadoc JMSContext.unsubscribe: close renders it inactive)")
    void unsubscribeAfterClose() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection c = connection(cid);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createDurableConsumer(topic, name).close();
        s.unsubscribe(name);
        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe(name), "second unsubscribe of the same name");
    }

    @Test
    @DisplayName("8.3.3/6.2.10 CLIENT_ACKNOWLEDGE: unacknowledged messages come back after reconnect with JMSRedelivered, JMSXDeliveryCount 2")
    void clientAcknowledgeRedeliveredAfterReconnect() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic topic = subscribeAndDisconnect(cid, name, null, false);
        sendTexts(connection(), topic, "a", "b");

        Connection c1 = connection(cid);
        MessageConsumer first = c1.createSession(false, Session.CLIENT_ACKNOWLEDGE).createDurableConsumer(topic, name);
        Message a = receiveOrFail(first);
        Message b = receiveOrFail(first);
        assertFirstDelivery(a);
        assertFirstDelivery(b);
        c1.close(); // without acknowledge

        Connection c2 = connection(cid);
        MessageConsumer second = c2.createSession(false, Session.CLIENT_ACKNOWLEDGE).createDurableConsumer(topic, name);
        Message a2 = receiveOrFail(second);
        Message b2 = receiveOrFail(second);
        assertEquals("a", text(a2));
        assertEquals("b", text(b2));
        assertRedelivered(a2, 2);
        assertRedelivered(b2, 2);
        b2.acknowledge();
        c2.close();

        MessageConsumer third = connection(cid).createSession(false, Session.CLIENT_ACKNOWLEDGE)
                .createDurableConsumer(topic, name);
        assertNoMessage(third);
    }

    @Test
    @DisplayName("8.3.3/6.2.7 Transacted: a consumed but uncommitted message comes back to the next consumer on the subscription")
    void transactedRollbackOnClose() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Topic topic = subscribeAndDisconnect(cid, name, null, false);
        sendTexts(connection(), topic, "t");

        Connection c1 = connection(cid);
        Session tx = c1.createSession(true, Session.SESSION_TRANSACTED);
        assertEquals("t", text(receiveOrFail(tx.createDurableConsumer(topic, name))));
        c1.close(); // no commit: rolled back

        Session s2 = connection(cid).createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer again = s2.createDurableConsumer(topic, name);
        Message m = receiveOrFail(again);
        assertEquals("t", text(m));
        assertRedelivered(m, 2);
        s2.commit();
        assertNoMessage(again);
    }

    @Test
    @DisplayName("8.3.3 Legacy pub/sub API: TopicSession.createDurableSubscriber keeps messages; TopicSession.unsubscribe deletes")
    void topicSessionDurableSubscriber() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        jakarta.jms.TopicConnection tc1 = track(org.tallymq.tck.Tck.topicConnectionFactory().createTopicConnection());
        tc1.setClientID(cid);
        jakarta.jms.TopicSession ts1 = tc1.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(ts1);
        ts1.createDurableSubscriber(topic, name).close();
        tc1.close();

        sendTexts(connection(), topic, "kept");

        jakarta.jms.TopicConnection tc2 = track(org.tallymq.tck.Tck.topicConnectionFactory().createTopicConnection());
        tc2.setClientID(cid);
        tc2.start();
        jakarta.jms.TopicSession ts2 = tc2.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicSubscriber sub = ts2.createDurableSubscriber(topic, name);
        assertReceivesExactly(sub, "kept");
        sub.close();
        ts2.unsubscribe(name);
        assertThrows(InvalidDestinationException.class, () -> ts2.unsubscribe(name), "the subscription is gone");
    }

    @Test
    @DisplayName("8.3.3 Topic publishing reaches both an active durable consumer and an ordinary subscriber")
    void durableAndNonDurableBothReceive() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer durableConsumer = s.createDurableConsumer(topic, name);
        MessageConsumer plain = s.createConsumer(topic);
        Session ps = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(topic);
        p.send(ps.createTextMessage("both"));
        assertReceivesExactly(durableConsumer, "both");
        assertReceivesExactly(plain, "both");
    }
}
