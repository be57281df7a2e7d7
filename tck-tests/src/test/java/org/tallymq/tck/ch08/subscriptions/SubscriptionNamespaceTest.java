package org.tallymq.tck.ch08.subscriptions;

import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Jms2Support;

/**
 * Which subscription kinds share a name space (spec 8.3.3 and 8.3.4): shared and unshared durable subscriptions may
 * not have the same name and client identifier ("a JMSException ... will be thrown"); a durable subscription and a
 * shared non-durable subscription may ("There is no restriction ... Such subscriptions would be completely
 * separate").
 */
@DisplayName("8.3.2-8.3.4 Subscription names: which kinds clash and which are separate")
class SubscriptionNamespaceTest extends Jms2Support {

    @Test
    @DisplayName("8.3.3 Unshared durable on a name a shared durable subscription uses (same client ID) → JMSException")
    void unsharedOnSharedDurableName() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createSharedDurableConsumer(topic, name);
        assertThrows(JMSException.class, () -> s.createDurableConsumer(topic, name), "createDurableConsumer");
        assertThrows(JMSException.class, () -> s.createDurableSubscriber(topic, name), "createDurableSubscriber");
    }

    // (ActiveMQ Artemis 2.40 accepts this and the next case when the existing subscription has no active consumer.)
    @Test
    @DisplayName("8.3.3 Unshared durable on the name of an inactive shared durable subscription → JMSException")
    void unsharedOnInactiveSharedDurableName() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createSharedDurableConsumer(topic, name).close();
        assertThrows(JMSException.class, () -> s.createDurableConsumer(topic, name));
    }

    @Test
    @DisplayName("8.3.4 Shared durable on a name an unshared durable subscription uses (same client ID) → JMSException")
    void sharedOnUnsharedDurableName() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createDurableConsumer(topic, name).close();
        assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(topic, name),
                "inactive unshared durable subscription");
        s.createDurableConsumer(topic, name);
        assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(topic, name),
                "active unshared durable subscription");
    }

    @Test
    @DisplayName("8.3.2/8.3.3 A shared non-durable and an unshared durable subscription with the same name and client ID are separate")
    void sharedNonDurableAndUnsharedDurableSeparate() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Session s = connection(cid).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer durableConsumer = s.createDurableConsumer(topic, name);
        MessageConsumer shared = s.createSharedConsumer(topic, name);

        sendTexts(connection(), topic, "x");
        assertReceivesExactly(durableConsumer, "x");
        assertReceivesExactly(shared, "x");
    }

    @Test
    @DisplayName("8.3.2/8.3.4 A shared non-durable and a shared durable subscription with the same name are separate")
    void sharedNonDurableAndSharedDurableSeparate() throws JMSException {
        String name = durable(null, newSubscriptionName());
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        MessageConsumer durableConsumer = s.createSharedDurableConsumer(topic, name);
        MessageConsumer nonDurable = s.createSharedConsumer(topic, name);

        sendTexts(connection(), topic, "y");
        assertReceivesExactly(durableConsumer, "y");
        assertReceivesExactly(nonDurable, "y");

        // Closing the non-durable one deletes only it; the durable one keeps collecting.
        nonDurable.close();
        durableConsumer.close();
        sendTexts(connection(), topic, "z");
        assertReceivesExactly(s.createSharedDurableConsumer(topic, name), "z");
    }

    @Test
    @DisplayName("8.3.2 A shared non-durable subscription's name is not a durable subscription: unsubscribe of it → InvalidDestinationException")
    void unsubscribeSharedNonDurableName() throws JMSException {
        String cid = newClientId();
        String name = newSubscriptionName();
        Connection c = connection(cid);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(s);
        s.createSharedConsumer(topic, name).close();
        assertThrows(jakarta.jms.InvalidDestinationException.class, () -> s.unsubscribe(name));
    }
}
