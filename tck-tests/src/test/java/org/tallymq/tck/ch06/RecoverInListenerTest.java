package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.tck.Tck;

/**
 * 6.2.10 / Session.recover javadoc: recover() called by an AUTO_ACKNOWLEDGE listener from inside
 * onMessage redelivers the message being processed (it is not acknowledged until onMessage
 * returns). Found by the official TCK (autoAckMsgListenerQueueTest / ...TopicTest): recover
 * acknowledged the current message first, so it never came back.
 */
@Timeout(30)
class RecoverInListenerTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"queue", "topic"})
    @DisplayName("6.2.10 recover() inside an AUTO_ACKNOWLEDGE onMessage redelivers the current message, marked redelivered")
    void recoverInsideAutoAckListenerRedeliversTheCurrentMessage(String kind) throws Exception {
        try (Connection c = Tck.connectionFactory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Destination d = kind.equals("queue") ? s.createQueue(Tck.uniqueName("recover.listener"))
                    : s.createTopic(Tck.uniqueName("recover.listener"));
            MessageConsumer consumer = s.createConsumer(d);
            List<String> seen = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            consumer.setMessageListener(m -> {
                try {
                    boolean last = m.getBooleanProperty("last");
                    seen.add((last ? "second" : "first") + (m.getJMSRedelivered() ? "-redelivered" : ""));
                    if (last && !m.getJMSRedelivered()) {
                        s.recover();
                    } else if (last) {
                        done.countDown();
                    }
                } catch (JMSException e) {
                    seen.add("error " + e);
                    done.countDown();
                }
            });
            MessageProducer p = s.createProducer(d);
            Message m = s.createMessage();
            m.setBooleanProperty("last", false);
            p.send(m);
            m.setBooleanProperty("last", true);
            p.send(m);
            c.start();
            assertTrue(done.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS), "the second message did not come back: " + seen);
            assertEquals(List.of("first", "second", "second-redelivered"), seen,
                    "the first message was acknowledged when its onMessage returned; only the second comes back");
        }
    }
}
