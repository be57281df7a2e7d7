package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tallymq.tck.Tck;

/**
 * 6.1.4/6.1.5: a connection that has not been started delivers nothing. A consumer of such a
 * connection must therefore not hold back messages that a consumer of a started connection on the
 * same queue is waiting for. Found by the official TCK (core20 jmsconsumertests queueReceive*): its
 * helper keeps an idle receiver on the test queue in a connection it never starts.
 */
@Timeout(30)
class StoppedConnectionConsumerTest {

    @Test
    @DisplayName("6.1.5 a consumer on a connection that was never started takes no messages from a started one")
    void idleConsumerOfAStoppedConnectionDoesNotHoldMessages() throws Exception {
        try (Connection idle = Tck.connectionFactory().createConnection();
             Connection active = Tck.connectionFactory().createConnection()) {
            Session idleSession = idle.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = idleSession.createQueue(Tck.uniqueName("stopped.consumer"));
            idleSession.createConsumer(q); // created first, never started
            Session s = active.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(q);
            active.start();
            MessageProducer p = s.createProducer(q);
            for (int i = 0; i < 5; i++) {
                p.send(s.createTextMessage("m" + i));
                TextMessage m = (TextMessage) consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
                assertNotNull(m, "message " + i + " went to the consumer of the stopped connection");
                assertEquals("m" + i, m.getText());
            }
        }
    }

    @Test
    @DisplayName("6.1.5 after stop(), new messages go to the consumers of started connections")
    void stoppedConnectionStopsTakingMessages() throws Exception {
        try (Connection paused = Tck.connectionFactory().createConnection();
             Connection active = Tck.connectionFactory().createConnection()) {
            Session ps = paused.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = ps.createQueue(Tck.uniqueName("stopped.later"));
            MessageConsumer pausedConsumer = ps.createConsumer(q);
            paused.start();
            paused.stop();
            Session s = active.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(q);
            active.start();
            MessageProducer p = s.createProducer(q);
            for (int i = 0; i < 3; i++) {
                p.send(s.createTextMessage("n" + i));
                assertNotNull(consumer.receive(Tck.RECEIVE_TIMEOUT_MS), "message " + i);
            }
            paused.start();
            assertEquals(null, pausedConsumer.receive(Tck.NO_MESSAGE_MS), "nothing was held back for the paused consumer");
        }
    }
}
