package org.tallymq.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;

/** Spec 3.4.9 / issue 3: an expired message is never delivered and leaves the store, consumer or not. */
class ExpiryTest {

    @TempDir
    Path dir;

    @Test
    void expiredPersistentMessageLeavesTheQueueAndTheJournalWithoutAConsumer() throws Exception {
        String url = "vm://expiry-test?dataDir=" + dir;
        TallyConnectionFactory cf = new TallyConnectionFactory(url);
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("short-lived"));
            p.send(s.createTextMessage("gone soon"), DeliveryMode.PERSISTENT, 4, 50);
            p.send(s.createTextMessage("stays"), DeliveryMode.PERSISTENT, 4, 0);
            Broker broker = EmbeddedBrokers.get("expiry-test");
            assertEquals(2, broker.queueDepth("short-lived"));
            Thread.sleep(120);
            broker.inspect(() -> {
                broker.expireAll();
                return null;
            });
            assertEquals(1, broker.queueDepth("short-lived"), "the sweep removed the expired message");
        }
        EmbeddedBrokers.stop("expiry-test");
        try (Connection c = cf.createConnection()) { // a new broker on the same journal
            assertEquals(1, EmbeddedBrokers.get("expiry-test").queueDepth("short-lived"),
                    "the journal no longer holds the expired message");
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = s.createConsumer(s.createQueue("short-lived"));
            c.start();
            assertEquals("stays", ((jakarta.jms.TextMessage) consumer.receive(5_000)).getText());
            assertNull(consumer.receive(200), "the expired message did not come back after the restart");
        } finally {
            EmbeddedBrokers.stop("expiry-test");
        }
    }
}
