package org.tallymq.tck.ch09;

import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/**
 * Spec 9.2 "Method inheritance across messaging domains", Table 9-1, and the class javadoc of {@code QueueSession},
 * {@code TopicSession} and {@code QueueConnection}: "If an application attempts to call any of the methods listed,
 * the Jakarta Messaging provider must throw an IllegalStateException."
 */
@DisplayName("9.2 Method inheritance across messaging domains")
class DomainMethodInheritanceTest extends ClassicSupport {

    @Test
    @DisplayName("9.2 QueueSession: createDurableSubscriber/DurableConsumer/SharedConsumer/SharedDurableConsumer, createTemporaryTopic, createTopic, unsubscribe → IllegalStateException")
    void queueSessionRejectsTopicMethods() throws JMSException {
        QueueConnection qc = queueConnection();
        QueueSession qs = qc.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = connection().createSession().createTopic(Tck.uniqueName("domain.t"));
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("createDurableSubscriber(topic, name)", () -> qs.createDurableSubscriber(t, "sub"));
        calls.put("createDurableSubscriber(topic, name, selector, noLocal)",
                () -> qs.createDurableSubscriber(t, "sub", null, false));
        calls.put("createDurableConsumer(topic, name)", () -> qs.createDurableConsumer(t, "sub"));
        calls.put("createDurableConsumer(topic, name, selector, noLocal)",
                () -> qs.createDurableConsumer(t, "sub", null, false));
        calls.put("createSharedConsumer(topic, name)", () -> qs.createSharedConsumer(t, "sub"));
        calls.put("createSharedConsumer(topic, name, selector)", () -> qs.createSharedConsumer(t, "sub", null));
        calls.put("createSharedDurableConsumer(topic, name)", () -> qs.createSharedDurableConsumer(t, "sub"));
        calls.put("createSharedDurableConsumer(topic, name, selector)",
                () -> qs.createSharedDurableConsumer(t, "sub", null));
        calls.put("createTemporaryTopic", qs::createTemporaryTopic);
        calls.put("createTopic", () -> qs.createTopic(Tck.uniqueName("domain.t")));
        calls.put("unsubscribe", () -> qs.unsubscribe("sub"));
        assertAllIllegalState("QueueSession", calls);
    }

    @Test
    @DisplayName("9.2 TopicSession: createBrowser, createQueue, createTemporaryQueue → IllegalStateException")
    void topicSessionRejectsQueueMethods() throws JMSException {
        TopicSession ts = topicConnection().createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = connection().createSession().createQueue(Tck.uniqueName("domain.q"));
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("createBrowser(queue)", () -> ts.createBrowser(q));
        calls.put("createBrowser(queue, selector)", () -> ts.createBrowser(q, "a = 1"));
        calls.put("createQueue", () -> ts.createQueue(Tck.uniqueName("domain.q")));
        calls.put("createTemporaryQueue", ts::createTemporaryQueue);
        assertAllIllegalState("TopicSession", calls);
    }

    @Test
    @DisplayName("9.2 QueueConnection: createSharedConnectionConsumer, createDurableConnectionConsumer, createSharedDurableConnectionConsumer → IllegalStateException")
    void queueConnectionRejectsTopicMethods() throws JMSException {
        // Table 9-1 leaves no choice here, even though connection consumers are an optional facility.
        // (ActiveMQ Artemis 2.40 fails this: it accepts createSharedConnectionConsumer on a QueueConnection.)
        QueueConnection qc = queueConnection();
        Topic t = connection().createSession().createTopic(Tck.uniqueName("domain.t"));
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("createSharedConnectionConsumer",
                () -> qc.createSharedConnectionConsumer(t, "sub", null, null, 1));
        calls.put("createDurableConnectionConsumer",
                () -> qc.createDurableConnectionConsumer(t, "sub", null, null, 1));
        calls.put("createSharedDurableConnectionConsumer",
                () -> qc.createSharedDurableConnectionConsumer(t, "sub", null, null, 1));
        assertAllIllegalState("QueueConnection", calls);
    }

    @Test
    @DisplayName("9.2 The domain sessions still support their own domain (QueueSession queues, TopicSession topics)")
    void ownDomainWorks() throws JMSException {
        QueueConnection qc = queueConnection();
        qc.start();
        QueueSession qs = qc.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = qs.createQueue(Tck.uniqueName("domain.own.q"));
        qs.createSender(q).send(qs.createTextMessage("q"));
        org.junit.jupiter.api.Assertions.assertEquals("q", receiveText(qs.createReceiver(q)));
        qs.createTemporaryQueue().delete();

        var tc = topicConnection();
        tc.start();
        TopicSession ts = tc.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = ts.createTopic(Tck.uniqueName("domain.own.t"));
        var sub = ts.createSubscriber(t);
        ts.createPublisher(t).publish(ts.createTextMessage("t"));
        org.junit.jupiter.api.Assertions.assertEquals("t", receiveText(sub));
        ts.createTemporaryTopic().delete();
    }

    private static void assertAllIllegalState(String type, Map<String, Executable> calls) {
        for (Map.Entry<String, Executable> call : calls.entrySet()) {
            assertThrows(IllegalStateException.class, call.getValue(),
                    type + "." + call.getKey() + " must throw IllegalStateException (spec 9.2, Table 9-1)");
        }
    }
}
