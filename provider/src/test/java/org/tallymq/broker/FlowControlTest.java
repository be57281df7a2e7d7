package org.tallymq.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;
import org.tallymq.server.TallyServer;
import org.tallymq.transport.tcp.TcpOptions;

/**
 * Issue 6 item 2: when the queued messages exceed the broker's memory budget, a producer waits;
 * it proceeds when a consumer makes room, and gets ResourceAllocationException after the block
 * timeout. Nothing is dropped. Over both transports.
 */
@Timeout(60)
class FlowControlTest {

    private static final int BUDGET = 64 * 1024;

    @TempDir
    Path dir;

    private interface Broker extends AutoCloseable {
        TallyConnectionFactory factory();

        long queuedBytes();

        @Override
        void close();
    }

    private Broker start(String transport, long blockTimeoutMs) throws Exception {
        if (transport.equals("vm")) {
            String name = "flow-" + blockTimeoutMs;
            TallyConnectionFactory f = new TallyConnectionFactory("vm://" + name + "?dataDir=" + dir + "&memoryBudget=" + BUDGET
                    + "&blockTimeout=" + blockTimeoutMs);
            f.createConnection().close(); // starts it
            return new Broker() {
                public TallyConnectionFactory factory() {
                    return f;
                }

                public long queuedBytes() {
                    return EmbeddedBrokers.get(name).queuedBytes();
                }

                public void close() {
                    EmbeddedBrokers.stop(name);
                }
            };
        }
        TallyServer server = TallyServer.start(BrokerConfig.builder("flow-tcp").dataDir(dir).memoryBudget(BUDGET)
                .blockTimeoutMillis(blockTimeoutMs).build(), new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
        TallyConnectionFactory f = new TallyConnectionFactory("tcp://127.0.0.1:" + server.address().getPort());
        return new Broker() {
            public TallyConnectionFactory factory() {
                return f;
            }

            public long queuedBytes() {
                return server.broker().queuedBytes();
            }

            public void close() {
                server.close();
            }
        };
    }

    private static BytesMessage kib(Session s, int i) throws Exception {
        BytesMessage m = s.createBytesMessage();
        m.writeBytes(new byte[1024]);
        m.setIntProperty("i", i);
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vm", "tcp"})
    void aProducerOverTheBudgetGetsResourceAllocationExceptionAfterTheTimeout(String transport) throws Exception {
        try (Broker broker = start(transport, 300); Connection c = broker.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("full"));
            p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            int sent = 0;
            ResourceAllocationException refused = null;
            while (refused == null && sent < 1000) {
                try {
                    p.send(kib(s, sent));
                    sent++;
                } catch (ResourceAllocationException e) {
                    refused = e;
                }
            }
            assertNotNull(refused, "a send over the budget must fail, not grow the broker without bound");
            assertTrue(refused.getMessage().contains("memory budget"), refused.getMessage());
            assertTrue(sent >= BUDGET / 2048 && sent < 1000, "sent " + sent + " before the budget stopped the producer");
            assertTrue(broker.queuedBytes() <= BUDGET + 4096, "queued " + broker.queuedBytes());
            // nothing that was accepted is lost
            MessageConsumer consumer = s.createConsumer(s.createQueue("full"));
            c.start();
            for (int i = 0; i < sent; i++) {
                BytesMessage m = (BytesMessage) consumer.receive(5_000);
                assertNotNull(m, "message " + i + " of " + sent);
                assertEquals(i, m.getIntProperty("i"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vm", "tcp"})
    void aWaitingProducerProceedsWhenAConsumerMakesRoom(String transport) throws Exception {
        try (Broker broker = start(transport, 20_000); Connection c = broker.factory().createConnection();
             Connection cc = broker.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("drain"));
            p.setDeliveryMode(DeliveryMode.NON_PERSISTENT); // persistent ones would be paged to the journal instead
            int total = 300; // about 5 times the budget
            CompletableFuture<Integer> producer = CompletableFuture.supplyAsync(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        p.send(kib(s, i));
                    }
                    return total;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Session cs = cc.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = cs.createQueue("drain");
            // let the producer hit the budget first
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (broker.queuedBytes() < BUDGET && System.nanoTime() < waitUntil) {
                Thread.sleep(20);
            }
            assertTrue(broker.queuedBytes() >= BUDGET, "the producer filled the budget");
            assertTrue(!producer.isDone(), "the producer waits while the budget is full");
            MessageConsumer consumer = cs.createConsumer(q);
            cc.start();
            for (int i = 0; i < total; i++) {
                BytesMessage m = (BytesMessage) consumer.receive(10_000);
                assertNotNull(m, "message " + i);
                assertEquals(i, m.getIntProperty("i"), "order kept through the waiting");
            }
            assertEquals(total, producer.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vm"})
    void blockTimeoutZeroFailsAtOnce(String transport) throws Exception {
        try (Broker broker = start(transport, 0); Connection c = broker.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("zero"));
            p.setDeliveryMode(DeliveryMode.NON_PERSISTENT); // persistent ones would be paged instead
            assertThrows(ResourceAllocationException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    p.send(kib(s, i));
                }
            });
        }
    }
}
