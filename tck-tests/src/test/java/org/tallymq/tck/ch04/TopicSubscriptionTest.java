package org.tallymq.tck.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;

/** Spec 4.2.2 "Topic semantics" and 8.3.1 "Unshared non-durable subscriptions". */
@DisplayName("4.2.2/8.3.1 Topics and non-durable subscriptions")
class TopicSubscriptionTest extends ClassicSupport {

    @Test
    @DisplayName("4.2.2 A subscription receives only messages sent after it was created")
    void onlyMessagesAfterCreation() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        sendTexts(s, t, "before");
        MessageConsumer subscriber = s.createConsumer(t);
        sendTexts(s, t, "after");
        assertEquals("after", receiveText(subscriber));
        assertNoMessage(subscriber);
    }

    @Test
    @DisplayName("4.2.2 Every subscriber receives its own copy of every message")
    void everySubscriberGetsEveryMessage() throws JMSException {
        Connection c = startedConnection();
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s3 = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s1);
        MessageConsumer a = s1.createConsumer(t);
        MessageConsumer b = s2.createConsumer(t);
        MessageConsumer d = s3.createConsumer(t);
        String[] texts = numbered("m", 5);
        sendTexts(connection(), t, texts);
        for (MessageConsumer sub : List.of(a, b, d)) {
            assertEquals(Arrays.asList(texts), receiveTexts(sub, texts.length));
            assertNoMessage(sub);
        }
    }

    @Test
    @DisplayName("4.2.2 Each copy is separate: acknowledging one does not acknowledge another (CLIENT_ACKNOWLEDGE + recover)")
    void copiesAreIndependent() throws JMSException {
        Connection c = startedConnection();
        Session acking = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Session recovering = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Topic t = newTopic(acking);
        MessageConsumer a = acking.createConsumer(t);
        MessageConsumer b = recovering.createConsumer(t);
        sendTexts(connection(), t, "x");
        receiveOrFail(a).acknowledge();
        Message first = receiveOrFail(b);
        assertFirstDelivery(first);
        recovering.recover();
        Message again = receiveOrFail(b);
        assertEquals("x", text(again));
        assertRedelivered(again, 2);
        acking.recover();
        assertNoMessage(a);
    }

    @Test
    @DisplayName("8.3.1 A non-durable subscription ends when its consumer closes: a new consumer misses messages sent in between")
    void subscriptionEndsWithConsumer() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer first = s.createConsumer(t);
        sendTexts(s, t, "one");
        assertEquals("one", receiveText(first));
        first.close();
        sendTexts(s, t, "lost");
        MessageConsumer second = s.createConsumer(t);
        sendTexts(s, t, "two");
        assertEquals("two", receiveText(second));
        assertNoMessage(second);
    }

    @Test
    @DisplayName("8.3.1 noLocal=true: messages published by the subscriber's own connection are not delivered; others are")
    void noLocal() throws JMSException {
        Connection own = startedConnection();
        Session s = own.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer noLocal = s.createConsumer(t, null, true);
        MessageConsumer local = s.createConsumer(t, null, false);
        // from another session of the *same* connection: still local
        sendTexts(own.createSession(false, Session.AUTO_ACKNOWLEDGE), t, "local");
        sendTexts(connection(), t, "remote");
        assertEquals("remote", receiveText(noLocal));
        assertNoMessage(noLocal);
        assertEquals(List.of("local", "remote"), receiveTexts(local, 2));
    }

    @Test
    @DisplayName("8.3.1 TopicSession.createSubscriber(topic, selector, noLocal=true) drops local publications")
    void noLocalTopicSession() throws JMSException {
        TopicConnection own = topicConnection();
        own.start();
        TopicSession s = own.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        TopicSubscriber subscriber = s.createSubscriber(t, null, true);
        assertEquals(true, subscriber.getNoLocal());
        assertEquals(t, subscriber.getTopic());
        s.createPublisher(t).publish(s.createTextMessage("local"));
        sendTexts(connection(), t, "remote");
        assertEquals("remote", receiveText(subscriber));
        assertNoMessage(subscriber);
    }

    @Test
    @DisplayName("4.2.2 A topic with no subscriber drops messages; publishing to it succeeds")
    void publishWithoutSubscribers() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        sendTexts(s, t, "nobody listens");
        MessageConsumer late = s.createConsumer(t);
        assertNoMessage(late);
    }
}
