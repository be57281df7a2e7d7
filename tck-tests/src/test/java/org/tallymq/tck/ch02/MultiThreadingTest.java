package org.tallymq.tck.ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 2.14 "Multi-threading": Connection supports concurrent use; each thread uses its own Session. */
@DisplayName("2.14 Multi-threading")
class MultiThreadingTest extends ClassicSupport {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 25;

    @Test
    @DisplayName("2.14 One Connection used by several threads at once, each with its own session, loses and mixes nothing")
    void connectionSupportsConcurrentUse() throws Exception {
        Connection c = startedConnection();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String prefix = "t" + t + "-";
                results.add(pool.submit(() -> roundTrip(c, prefix)));
            }
            for (int t = 0; t < THREADS; t++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < PER_THREAD; i++) {
                    expected.add("t" + t + "-" + i);
                }
                assertEquals(expected, results.get(t).get(Tck.RECEIVE_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Creates a session on the shared connection, sends to its own queue and receives everything back. */
    private static List<String> roundTrip(Connection c, String prefix) throws JMSException {
        try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue q = newQueue(s);
            MessageConsumer consumer = s.createConsumer(q);
            MessageProducer producer = s.createProducer(q);
            for (int i = 0; i < PER_THREAD; i++) {
                producer.send(s.createTextMessage(prefix + i));
            }
            return receiveTexts(consumer, PER_THREAD);
        }
    }
}
