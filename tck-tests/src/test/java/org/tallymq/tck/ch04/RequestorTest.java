package org.tallymq.tck.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicRequestor;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;

/**
 * Spec 4.1.7 "QueueRequestor" and 4.2.10 "TopicRequestor" (2.16 "Request/reply"): the API's helper classes work on
 * the provider's temporary destinations and JMSReplyTo.
 */
@DisplayName("4.1.7/4.2.10 Request/reply helpers")
class RequestorTest extends ClassicSupport {

    @Test
    @DisplayName("4.1.7 QueueRequestor.request gets the reply sent to JMSReplyTo (a TemporaryQueue)")
    void queueRequestor() throws Exception {
        QueueConnection c = queueConnection();
        QueueSession serverSession = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue service = newQueue(serverSession);
        MessageProducer replier = serverSession.createProducer(null);
        serverSession.createReceiver(service).setMessageListener(request -> {
            try {
                assertNotNull(request.getJMSReplyTo(), "the requestor sets JMSReplyTo");
                Message reply = serverSession.createTextMessage("re:" + text(request));
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replier.send(request.getJMSReplyTo(), reply);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        c.start();
        QueueSession clientSession = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(clientSession, service);
        Message reply = requestor.request(clientSession.createTextMessage("ping"));
        assertNotNull(reply, "no reply");
        assertEquals("re:ping", text(reply));
        requestor.close();
    }

    @Test
    @DisplayName("4.2.10 TopicRequestor.request gets the reply sent to JMSReplyTo (a TemporaryTopic)")
    void topicRequestor() throws Exception {
        TopicConnection c = topicConnection();
        TopicSession serverSession = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic service = newTopic(serverSession);
        MessageProducer replier = serverSession.createProducer(null);
        serverSession.createSubscriber(service).setMessageListener(request -> {
            try {
                replier.send(request.getJMSReplyTo(), serverSession.createTextMessage("re:" + text(request)));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        c.start();
        TopicSession clientSession = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor requestor = new TopicRequestor(clientSession, service);
        Message reply = requestor.request(clientSession.createTextMessage("ping"));
        assertNotNull(reply, "no reply");
        assertEquals("re:ping", text(reply));
        requestor.close();
    }
}
