package org.tallymq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;

/**
 * A disk error under a running broker (issue 4 item 7), injected without touching the journal: once
 * the broker runs, its journal directory is moved away and a plain file put in its place, so the
 * open segments still take writes but the next segment cannot be created (the same path as a disk
 * that is full when the journal rolls). The sends that need that segment must fail with a
 * JMSException (Jakarta Messaging 3.1 §7.3: a PERSISTENT send returns only once the message is
 * stored; javadoc of {@code MessageProducer.send}: JMSException if the provider fails to send the
 * message due to some internal error), never succeed silently; after the directory is put back, a
 * restarted broker holds every send that returned, exactly once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokerDiskFailureTest {

    private static final int SEGMENT = 256 << 10;
    private static final int MAX_SENDS = 20_000;

    @TempDir
    Path dir;

    private final List<String> brokers = new ArrayList<>();

    @AfterEach
    void stopBrokers() {
        for (String b : brokers) {
            EmbeddedBrokers.stop(b);
        }
    }

    @Test
    @DisplayName("the journal cannot roll to a new segment: sends fail with JMSException, every send that returned survives a restart")
    void sendsFailWhenTheJournalCannotGrow() throws Exception {
        Path data = dir.resolve("data");
        Path journal = data.resolve("journal");
        Path away = data.resolve("journal.away");
        brokers.add("diskfail");
        EmbeddedBrokers.getOrStart(BrokerConfig.builder("diskfail").dataDir(data).segmentBytes(SEGMENT).build());
        List<String> returned = new ArrayList<>();
        JMSException failure = null;
        int laterFailures = 0;
        try (Connection c = new TallyConnectionFactory("vm://diskfail").createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("disk.q"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            send(s, p, "before"); // the broker works and the journal exists
            returned.add("before");
            Files.move(journal, away);
            Files.writeString(journal, "not a directory: the journal cannot create segments here\n");
            for (int i = 0; i < MAX_SENDS && failure == null; i++) {
                try {
                    send(s, p, "m" + i);
                    returned.add("m" + i);
                } catch (JMSException e) {
                    failure = e;
                }
            }
            assertNotNull(failure, "a send failed once the journal could not grow (" + returned.size()
                    + " sends returned, " + (returned.size() * 1024L / SEGMENT) + " segments' worth)");
            for (int i = 0; i < 3; i++) {
                try {
                    send(s, p, "after" + i);
                    returned.add("after" + i);
                } catch (JMSException e) {
                    laterFailures++;
                }
            }
        }
        String why = failure.getMessage();
        assertTrue(why.contains("journal") || why.contains("store"), "the exception says the store failed: " + why);
        assertEquals(3, laterFailures, "the store refuses every write after a failure until it is reopened");
        EmbeddedBrokers.stop("diskfail");

        Files.delete(journal);
        Files.move(away, journal);
        brokers.add("diskfail-restart");
        try (Connection c = new TallyConnectionFactory("vm://diskfail-restart?dataDir=" + data).createConnection()) {
            int depth = EmbeddedBrokers.get("diskfail-restart").queueDepth("disk.q");
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("disk.q"));
            Set<String> got = new HashSet<>();
            for (int i = 0; i < depth; i++) {
                Message m = consumer.receive(10_000);
                assertNotNull(m, "message " + i + " of " + depth + " is delivered after the restart");
                assertTrue(got.add(m.getStringProperty("id")), "message " + m.getStringProperty("id") + " delivered twice");
            }
            List<String> lost = new ArrayList<>();
            for (String id : returned) {
                if (!got.contains(id)) {
                    lost.add(id);
                }
            }
            assertTrue(lost.isEmpty(), lost.size() + " sends returned and are gone after the restart: "
                    + lost.subList(0, Math.min(20, lost.size())) + "; the failure was: " + why);
        }
    }

    private static void send(Session s, MessageProducer p, String id) throws JMSException {
        BytesMessage m = s.createBytesMessage();
        m.writeBytes(new byte[1024]);
        m.setStringProperty("id", id);
        p.send(m);
    }
}
