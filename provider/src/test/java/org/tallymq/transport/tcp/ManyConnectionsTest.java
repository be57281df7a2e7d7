package org.tallymq.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.SessionMode;
import org.tallymq.server.TallyServer;

/**
 * Load on one broker (issue 6 item 7): many concurrent client connections with one consumer each;
 * every consumer gets its message while two slow consumers hold on: a JMS client whose listener
 * blocks, and a raw socket that subscribes with a large prefetch to a full queue and never reads.
 *
 * <p>1,000 connections by default (about 6 s on two busy cores);
 * {@code -Dtally.load.connections=N} to change that, and {@code -Dtally.load.forkBroker=true}
 * to run the broker in its own JVM with {@code -Xmx512m} (the memory claim), reporting its heap
 * with jcmd. Counts, times and heap are printed.
 */
class ManyConnectionsTest {

    private static final int CONNECTIONS = Integer.getInteger("tally.load.connections", 1000);
    private static final boolean FORK_BROKER = Boolean.getBoolean("tally.load.forkBroker");
    /** A bound for waiting, so a broken broker fails the test instead of hanging it; not a timing assertion. */
    private static final long WAIT_S = 45;
    private static final int STUCK_MESSAGES = 500;
    private static final int STUCK_MESSAGE_BYTES = 4096;

    @Test
    @DisplayName("issue 6 item 7: many connections with one consumer each all get their message; slow consumers stall no one")
    void everyConsumerGetsItsMessageWhileSlowConsumersHoldOn() throws Exception {
        Path dir = Files.createTempDirectory("tally-load");
        Broker broker = FORK_BROKER ? Broker.forked(dir) : Broker.inThisJvm(dir);
        List<Connection> connections = new ArrayList<>();
        ExecutorService opener = Executors.newFixedThreadPool(8);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        try (LogCapture quiet = new LogCapture(java.util.logging.Level.WARNING).quiet()) {
            TallyConnectionFactory cf = new TallyConnectionFactory("tcp://127.0.0.1:" + broker.port());

            // slow consumer 1: a raw client that takes 500 messages of 4 KiB into its window and never reads
            fill(cf, "load.stuck", STUCK_MESSAGES, STUCK_MESSAGE_BYTES);
            RawConnection stuck = RawConnection.connect(new InetSocketAddress("127.0.0.1", broker.port()));
            assertInstanceOf(Command.Reply.Connected.class,
                    stuck.call(1, new Command.Connect(Codec.PROTOCOL_VERSION, null, null, null)));
            assertInstanceOf(Command.Reply.Ok.class, stuck.call(2, new Command.CreateSession(1, SessionMode.CLIENT_ACKNOWLEDGE)));
            stuck.send(3, new Command.CreateConsumer(1, 1, DestinationRef.queue("load.stuck"), null, false, null,
                    false, false, STUCK_MESSAGES));
            // from here on it reads nothing: the broker's writes to it pile up in its send buffer

            // slow consumer 2: a JMS listener that blocks until the end of the test
            Connection slow = cf.createConnection();
            connections.add(slow);
            CountDownLatch slowEntered = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger slowCalls = new java.util.concurrent.atomic.AtomicInteger();
            Session slowSession = slow.createSession(false, Session.AUTO_ACKNOWLEDGE);
            slowSession.createConsumer(slowSession.createQueue("load.slow")).setMessageListener(m -> {
                slowCalls.incrementAndGet();
                slowEntered.countDown();
                try {
                    releaseSlow.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            slow.start();

            // the crowd: one connection, session and listening consumer each, on a queue of its own
            long t0 = System.nanoTime();
            CountDownLatch received = new CountDownLatch(CONNECTIONS);
            ConcurrentHashMap<Integer, String> got = new ConcurrentHashMap<>();
            List<Future<Connection>> opening = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                int n = i;
                opening.add(opener.submit(() -> {
                    Connection c = cf.createConnection();
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    s.createConsumer(s.createQueue("load.q" + n)).setMessageListener(m -> {
                        try {
                            got.put(n, ((TextMessage) m).getText());
                        } catch (JMSException e) {
                            got.put(n, "unreadable: " + e);
                        }
                        received.countDown();
                    });
                    c.start();
                    return c;
                }));
            }
            for (Future<Connection> f : opening) {
                connections.add(f.get(WAIT_S, TimeUnit.SECONDS));
            }
            long opened = System.nanoTime();

            try (Connection producerConnection = cf.createConnection()) {
                Session s = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(null);
                p.send(s.createQueue("load.slow"), s.createTextMessage("block"));
                p.send(s.createQueue("load.slow"), s.createTextMessage("waits behind the blocked one"));
                assertTrue(slowEntered.await(WAIT_S, TimeUnit.SECONDS), "the slow listener is running (and blocks)");
                for (int i = 0; i < CONNECTIONS; i++) {
                    p.send(s.createQueue("load.q" + i), s.createTextMessage("for " + i));
                }
            }
            boolean all = received.await(WAIT_S, TimeUnit.SECONDS);
            long delivered = System.nanoTime();
            assertTrue(all, (CONNECTIONS - received.getCount()) + " of " + CONNECTIONS + " consumers got their message"
                    + " while the slow consumers held on");
            for (int i = 0; i < CONNECTIONS; i++) {
                assertEquals("for " + i, got.get(i), "consumer " + i + " got its own message");
            }
            assertEquals(1, slowCalls.get(), "the slow listener is still blocked in its first message");

            System.gc();
            long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("ManyConnectionsTest: %d connections (+1 blocked listener, +1 raw consumer not reading %d x %d B),"
                            + " broker %s; opened in %d ms, all %d messages delivered %d ms later; test JVM heap after GC"
                            + " %d MiB (max %d MiB), live threads %d%n%s",
                    CONNECTIONS, STUCK_MESSAGES, STUCK_MESSAGE_BYTES, FORK_BROKER ? "in its own JVM -Xmx512m" : "in this JVM",
                    (opened - t0) / 1_000_000, CONNECTIONS, (delivered - opened) / 1_000_000, heapUsed >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, Thread.activeCount(), broker.heapReport());
            stuck.close();
        } finally {
            releaseSlow.countDown();
            List<Future<?>> closing = new ArrayList<>();
            for (Connection c : connections) {
                closing.add(opener.submit(() -> {
                    c.close();
                    return null;
                }));
            }
            for (Future<?> f : closing) {
                try {
                    f.get(WAIT_S, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // closing is best effort here; the broker goes away next
                }
            }
            opener.shutdownNow();
            broker.close();
        }
    }

    private static void fill(TallyConnectionFactory cf, String queue, int count, int bytes) throws JMSException {
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT);
            byte[] body = new byte[bytes];
            for (int i = 0; i < count; i++) {
                jakarta.jms.BytesMessage m = s.createBytesMessage();
                m.writeBytes(body);
                p.send(m);
            }
        }
    }

    /** The broker under load: in this JVM, or in its own with -Xmx512m. */
    private interface Broker extends AutoCloseable {
        int port();

        String heapReport() throws IOException, InterruptedException;

        @Override
        void close() throws Exception;

        static Broker inThisJvm(Path dir) throws IOException {
            TallyServer server = TallyServer.start(BrokerConfig.builder("load").dataDir(dir).build(),
                    new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
            return new Broker() {
                public int port() {
                    return server.address().getPort();
                }

                public String heapReport() {
                    return "";
                }

                public void close() {
                    server.close();
                }
            };
        }

        static Broker forked(Path dir) throws IOException, InterruptedException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", cp, TallyServer.class.getName(), "--bind",
                    "127.0.0.1:" + port, "--data-dir", dir.toString(), "--name", "load").redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.contains("ready on")) {
                    break;
                }
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the broker JVM did not start:\n" + seen);
            }
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe from filling
                    }
                } catch (IOException ignored) {
                    // gone
                }
            });
            drain.setDaemon(true);
            drain.start();
            return new Broker() {
                public int port() {
                    return port;
                }

                public String heapReport() throws IOException, InterruptedException {
                    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
                    new ProcessBuilder(jcmd, String.valueOf(p.pid()), "GC.run").start().waitFor(30, TimeUnit.SECONDS);
                    Process q = new ProcessBuilder(jcmd, String.valueOf(p.pid()), "GC.heap_info").redirectErrorStream(true).start();
                    String info = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    q.waitFor(30, TimeUnit.SECONDS);
                    return "broker JVM (pid " + p.pid() + ", -Xmx512m) after GC:\n" + info;
                }

                public void close() throws InterruptedException {
                    p.toHandle().destroy();
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            };
        }
    }
}
