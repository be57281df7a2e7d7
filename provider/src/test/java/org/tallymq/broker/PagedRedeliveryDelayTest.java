package org.tallymq.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;

/**
 * A redelivery delay and paging: a message waiting for its redelivery delay that comes, at replay, after more
 * than the paging threshold of other messages is kept whole (like a message waiting for its delivery time),
 * and still waits after the restart.
 */
class PagedRedeliveryDelayTest {

    private static final long BUDGET = 1 << 20;

    @TempDir
    Path dir;
    private String name;

    private void start() throws Exception {
        name = "paged-delay-" + dir.getFileName();
        DeliveryPolicies policies = new DeliveryPolicies(List.of(new DeliveryPolicies.Rule(new Authorizer.Pattern("delayed"),
                Map.of(DeliveryPolicies.Setting.REDELIVERY_DELAY, 600_000L, DeliveryPolicies.Setting.MAX_REDELIVERY_DELAY,
                        600_000L))));
        EmbeddedBrokers.getOrStart(BrokerConfig.builder(name).dataDir(dir).memoryBudget(BUDGET).segmentBytes(4 << 20)
                .policies(policies).build());
    }

    @AfterEach
    void stop() {
        if (name != null) {
            EmbeddedBrokers.stop(name);
        }
    }

    @Test
    @DisplayName("a message beyond the paging threshold at replay keeps its stored redelivery delay")
    void pagedMessageKeepsItsDelay() throws Exception {
        start();
        TallyConnectionFactory cf = new TallyConnectionFactory("vm://" + name + "?prefetch=10");
        try (Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer filler = s.createProducer(s.createQueue("filler"));
            byte[] body = new byte[1024];
            for (int i = 0; i < 1500; i++) { // about 1.7 MiB: more than the paging threshold (half the budget)
                BytesMessage m = s.createBytesMessage();
                m.writeBytes(body);
                filler.send(m);
            }
            s.createProducer(s.createQueue("delayed")).send(s.createTextMessage("later"));
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = tx.createConsumer(tx.createQueue("delayed"));
            assertNotNull(consumer.receive(10_000));
            tx.rollback(); // its redelivery delay (10 minutes) starts and is stored
            assertNull(consumer.receiveNoWait());
        }
        EmbeddedBrokers.stop(name);
        start(); // replay: the filler comes first and fills the threshold; the delayed message comes after it
        try (Connection c = new TallyConnectionFactory("vm://" + name + "?prefetch=10").createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("delayed"));
            // a paged message is read back asynchronously, so give it time to arrive if it (wrongly) would
            assertNull(consumer.receive(2_000), "after the restart, it still waits for its delay");
            assertEquals(1, EmbeddedBrokers.get(name).queueDepth("delayed"));
        }
    }
}
