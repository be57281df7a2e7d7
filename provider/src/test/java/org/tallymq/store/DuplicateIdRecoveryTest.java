package org.tallymq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyProperties;
import org.tallymq.protocol.BodyType;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.MessageData;
import org.tallymq.server.EmbeddedBrokers;

/**
 * The crash window between a message's record and its duplicate id's record (DuplicateDetector, "what is
 * stored"): a journal holding a message with a TallyDuplicateId but no DUPLICATE_ID record, as a crash right
 * after the message's record leaves it, must still make the broker drop a resend of that id, and remember the
 * id after the message was consumed.
 */
class DuplicateIdRecoveryTest {

    @TempDir
    Path dir;

    private static final String NAME = "dup-recovery";

    @AfterEach
    void stop() {
        EmbeddedBrokers.stop(NAME);
    }

    /** A loader that ignores every callback (whatever callbacks the interface has by now). */
    private static MessageStore.Loader ignoreEverything() {
        return (MessageStore.Loader) java.lang.reflect.Proxy.newProxyInstance(MessageStore.Loader.class.getClassLoader(),
                new Class<?>[]{MessageStore.Loader.class}, (proxy, method, args) -> null);
    }

    @Test
    @DisplayName("a stored message whose id record was lost: its id is recovered from the message itself")
    void idRecoveredFromLiveMessage() throws Exception {
        try (JournalStore store = JournalStore.open(dir.resolve("journal"), BrokerConfig.DEFAULT_SEGMENT_BYTES, false)) {
            store.load(ignoreEverything()); // an empty journal; load must come before the first write
            MessageData m = new MessageData(BodyType.MESSAGE, "ID:original", 1, null, null, DestinationRef.queue("orders"),
                    null, MessageData.PERSISTENT, 4, 0, 0, null, Map.of(TallyProperties.DUPLICATE_ID, "order-1", "n", 1), null);
            store.addMessage(1, new QueueKey.Queue("orders"), m).join();
        }
        TallyConnectionFactory cf = new TallyConnectionFactory("vm://" + NAME + "?dataDir=" + dir.toUri().getPath());
        try (Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message resend = s.createMessage();
            resend.setStringProperty(TallyProperties.DUPLICATE_ID, "order-1");
            resend.setIntProperty("n", 2);
            s.createProducer(s.createQueue("orders")).send(resend);
            MessageConsumer consumer = s.createConsumer(s.createQueue("orders"));
            Message got = consumer.receive(10_000);
            assertNotNull(got);
            assertEquals(1, got.getIntProperty("n"), "the stored original");
            assertNull(consumer.receiveNoWait(), "the resend was dropped");
        }
        EmbeddedBrokers.stop(NAME); // the original was consumed: only the id record written at the last start remembers it
        try (Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message resend = s.createMessage();
            resend.setStringProperty(TallyProperties.DUPLICATE_ID, "order-1");
            s.createProducer(s.createQueue("orders")).send(resend);
            assertNull(s.createConsumer(s.createQueue("orders")).receiveNoWait(), "still a duplicate after another restart");
        }
    }
}
