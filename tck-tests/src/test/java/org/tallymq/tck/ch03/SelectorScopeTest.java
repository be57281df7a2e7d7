package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tallymq.tck.Tck;

/**
 * Spec 3.8 beyond a single queue consumer: header values only known after a send, browsers, topic
 * subscriptions, the empty selector, and syntactically wrong selectors, which every method taking a
 * selector must refuse with {@link InvalidSelectorException} ("Jakarta Messaging providers are
 * required to verify the syntactic correctness of a message selector at the time it is presented").
 */
@Timeout(60)
class SelectorScopeTest {

    /** Each one breaks the grammar of 3.8.1.1; none depends on optional semantic checking. */
    private static final String[] MALFORMED = {
        "a =",
        "= 1",
        "a = 1 AND",
        "(a = 1",
        "a = 1)",
        "a == 1",
        "a = 'unterminated",
        "a LIKE",
        "a LIKE 5",
        "a IN ()",
        "a IN ('x',)",
        "a BETWEEN 1",
        "a BETWEEN 1 OR 2",
        "a IS",
        "a IS NOT",
        "a = 1 b = 2",
        "AND = 1",
        "a = 1 AND OR b = 2",
        "a LIKE 'x' ESCAPE",
        "a ! 1",
        "1 +",
        "a # 1",
    };

    static Stream<String> malformed() {
        return Stream.of(MALFORMED);
    }

    @Test
    @DisplayName("3.8.1.1 JMSMessageID in a selector: 'JMSMessageID = <id>' selects exactly that message")
    void messageIdSelector() throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            Message first = labelled(link.session, "first");
            link.producer.send(first);
            link.producer.send(labelled(link.session, "second"));
            MessageConsumer byId = link.session.createConsumer(link.queue, "JMSMessageID = '" + first.getJMSMessageID() + "'");
            assertEquals(Set.of("first"), SelectorCase.receiveLabels(byId, 1, true));
        }
    }

    @Test
    @DisplayName("3.8.1.1 / 3.8.1.3 JMSTimestamp in a selector is the long millisecond value")
    void timestampSelector() throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            Message sent = labelled(link.session, "only");
            link.producer.send(sent);
            long timestamp = sent.getJMSTimestamp();

            MessageConsumer before = link.session.createConsumer(link.queue, "JMSTimestamp < " + timestamp);
            assertNull(before.receive(Tck.NO_MESSAGE_MS), "JMSTimestamp < its own timestamp must not match");
            before.close();
            MessageConsumer exact = link.session.createConsumer(link.queue,
                    "JMSTimestamp = " + timestamp + " AND JMSTimestamp BETWEEN " + (timestamp - 1) + " AND " + (timestamp + 1));
            assertEquals(Set.of("only"), SelectorCase.receiveLabels(exact, 1, true));
        }
    }

    @ParameterizedTest(name = "3.8.1.1 selector [{0}] means no selector: every message is received")
    @NullAndEmptySource
    @DisplayName("3.8.1.1 an empty (or null) selector means no selector; getMessageSelector then returns null")
    void emptySelectorSelectsAll(String selector) throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            MessageConsumer consumer = link.session.createConsumer(link.queue, selector);
            assertNull(consumer.getMessageSelector(), "MessageConsumer.getMessageSelector for an empty/null selector");
            for (String label : new String[] {"a", "b", "c"}) {
                link.producer.send(labelled(link.session, label));
            }
            assertEquals(Set.of("a", "b", "c"), SelectorCase.receiveLabels(consumer, 3, true));
        }
    }

    @Test
    @DisplayName("3.8.1 getMessageSelector returns the selector given to createConsumer and createBrowser")
    void selectorIsReported() throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            assertEquals("a > 1", link.session.createConsumer(link.queue, "a > 1").getMessageSelector());
            assertEquals("b = 'x'", link.session.createBrowser(link.queue, "b = 'x'").getMessageSelector());
        }
    }

    @Test
    @DisplayName("3.8.1 / 4.1.6 a QueueBrowser with a selector enumerates only matching messages and removes none")
    void browserWithSelector() throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            for (int n = 1; n <= 4; n++) {
                Message message = labelled(link.session, "n" + n);
                message.setIntProperty("n", n);
                link.producer.send(message);
            }
            QueueBrowser browser = link.session.createBrowser(link.queue, "n > 2");
            Set<String> browsed = new TreeSet<>();
            Enumeration<?> messages = browser.getEnumeration();
            for (Object message : Collections.list(messages)) {
                browsed.add(((Message) message).getStringProperty(SelectorCase.LABEL));
            }
            assertEquals(Set.of("n3", "n4"), browsed);
            browser.close();

            MessageConsumer everything = link.session.createConsumer(link.queue);
            assertEquals(Set.of("n1", "n2", "n3", "n4"), SelectorCase.receiveLabels(everything, 4, true),
                    "browsing removed nothing");
        }
    }

    @Test
    @DisplayName("3.8.1 / 4.2.2 on a topic, a subscription with a selector gets only matching messages; one without gets all")
    void topicConsumerWithSelector() throws Exception {
        Connection connection = Tck.connectionFactory().createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(Tck.uniqueName("ch03"));
            MessageConsumer red = session.createConsumer(topic, "color = 'red'");
            MessageConsumer all = session.createConsumer(topic);
            connection.start();
            MessageProducer producer = session.createProducer(topic);
            for (String color : new String[] {"red", "blue", "red2"}) {
                Message message = labelled(session, color);
                message.setStringProperty("color", color.startsWith("red") ? "red" : color);
                producer.send(message);
            }
            assertEquals(Set.of("red", "red2"), SelectorCase.receiveLabels(red, 2, true));
            assertEquals(Set.of("red", "blue", "red2"), SelectorCase.receiveLabels(all, 3, true));
        } finally {
            connection.close();
        }
    }

    @Test
    @DisplayName("3.8.1 TopicSession.createSubscriber(topic, selector, noLocal) filters the subscription")
    void topicSubscriberWithSelector() throws Exception {
        TopicConnection connection = Tck.topicConnectionFactory().createTopicConnection();
        try {
            TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(Tck.uniqueName("ch03"));
            TopicSubscriber subscriber = session.createSubscriber(topic, "JMSPriority >= 5 AND kind IN ('alert')", false);
            assertEquals("JMSPriority >= 5 AND kind IN ('alert')", subscriber.getMessageSelector());
            connection.start();
            MessageProducer publisher = session.createPublisher(topic);
            for (int priority : new int[] {9, 1}) {
                for (String kind : new String[] {"alert", "info"}) {
                    Message message = labelled(session, kind + priority);
                    message.setStringProperty("kind", kind);
                    publisher.send(message, Message.DEFAULT_DELIVERY_MODE, priority, 0);
                }
            }
            assertEquals(Set.of("alert9"), SelectorCase.receiveLabels(subscriber, 1, true));
        } finally {
            connection.close();
        }
    }

    @Test
    @DisplayName("3.5.9 JMSXDeliveryCount may be referenced in a selector (its effect is undefined, but it is valid syntax)")
    void deliveryCountSelectorIsAccepted() throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            assertDoesNotThrow(() -> link.session.createConsumer(link.queue, "JMSXDeliveryCount >= 1"));
            assertDoesNotThrow(() -> link.session.createConsumer(link.queue, "JMSXDeliveryCount IS NULL OR JMSXAppID IS NULL"));
        }
    }

    @ParameterizedTest(name = "3.8.1.1 Session.createConsumer(queue, \"{0}\") throws InvalidSelectorException")
    @MethodSource("malformed")
    @DisplayName("3.8.1.1 a syntactically incorrect selector gives InvalidSelectorException from createConsumer on a queue")
    void invalidSelectorOnQueueConsumer(String selector) throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            assertThrows(InvalidSelectorException.class, () -> link.session.createConsumer(link.queue, selector));
        }
    }

    @Test
    @DisplayName("3.8.1.1 every malformed selector gives InvalidSelectorException from createBrowser")
    void invalidSelectorOnBrowser() throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            for (String selector : MALFORMED) {
                assertThrows(InvalidSelectorException.class, () -> link.session.createBrowser(link.queue, selector),
                        () -> "createBrowser(queue, \"" + selector + "\")");
            }
        }
    }

    @Test
    @DisplayName("3.8.1.1 every malformed selector gives InvalidSelectorException from QueueSession.createReceiver and createBrowser")
    void invalidSelectorOnQueueSession() throws Exception {
        QueueConnection connection = Tck.queueConnectionFactory().createQueueConnection();
        try {
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Queue queue = session.createQueue(Tck.uniqueName("ch03"));
            for (String selector : MALFORMED) {
                assertThrows(InvalidSelectorException.class, () -> session.createReceiver(queue, selector),
                        () -> "createReceiver(queue, \"" + selector + "\")");
                assertThrows(InvalidSelectorException.class, () -> session.createBrowser(queue, selector),
                        () -> "QueueSession.createBrowser(queue, \"" + selector + "\")");
            }
        } finally {
            connection.close();
        }
    }

    @Test
    @DisplayName("3.8.1.1 every malformed selector gives InvalidSelectorException from createConsumer and createSharedConsumer on a topic")
    void invalidSelectorOnTopicConsumer() throws Exception {
        Connection connection = Tck.connectionFactory().createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(Tck.uniqueName("ch03"));
            for (String selector : MALFORMED) {
                assertThrows(InvalidSelectorException.class, () -> session.createConsumer(topic, selector),
                        () -> "createConsumer(topic, \"" + selector + "\")");
                assertThrows(InvalidSelectorException.class, () -> session.createConsumer(topic, selector, true),
                        () -> "createConsumer(topic, \"" + selector + "\", noLocal)");
                assertThrows(InvalidSelectorException.class,
                        () -> session.createSharedConsumer(topic, Tck.uniqueName("shared"), selector),
                        () -> "createSharedConsumer(topic, name, \"" + selector + "\")");
            }
        } finally {
            connection.close();
        }
    }

    @Test
    @DisplayName("3.8.1.1 every malformed selector gives InvalidSelectorException from TopicSession.createSubscriber")
    void invalidSelectorOnTopicSubscriber() throws Exception {
        TopicConnection connection = Tck.topicConnectionFactory().createTopicConnection();
        try {
            TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(Tck.uniqueName("ch03"));
            for (String selector : MALFORMED) {
                assertThrows(InvalidSelectorException.class, () -> session.createSubscriber(topic, selector, false),
                        () -> "createSubscriber(topic, \"" + selector + "\", false)");
            }
        } finally {
            connection.close();
        }
    }

    @Test
    @DisplayName("3.8.1.1 a refused selector leaves the session usable")
    void sessionUsableAfterInvalidSelector() throws Exception {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            assertThrows(InvalidSelectorException.class, () -> link.session.createConsumer(link.queue, "a = = 1"));
            MessageConsumer consumer = link.session.createConsumer(link.queue, "a = 1");
            Message message = labelled(link.session, "ok");
            message.setIntProperty("a", 1);
            link.producer.send(message);
            assertEquals(Set.of("ok"), SelectorCase.receiveLabels(consumer, 1, true));
        }
    }

    private static Message labelled(Session session, String label) throws Exception {
        Message message = session.createMessage();
        message.setStringProperty(SelectorCase.LABEL, label);
        return message;
    }
}
