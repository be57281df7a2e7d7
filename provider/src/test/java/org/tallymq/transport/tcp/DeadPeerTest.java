package org.tallymq.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.client.ConnectionOptions;
import org.tallymq.client.TallyConnection;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.TallyServer;

/**
 * Dead peers (issue 6 items 2 and 3): heartbeats find a peer that stopped answering, on either
 * side, and the broker returns a dead connection's unacknowledged messages to their queue.
 *
 * <p>These tests open {@link TallyConnection} with a TCP connector whose heartbeat is 500 ms (the URL
 * option {@code heartbeat=} does the same for applications). The client proposes that period when it
 * connects and the broker agrees to it (protocol version 2, {@link HeartbeatNegotiationTest}), so both
 * ends beat every 500 ms and declare the other dead after 1.5 s of silence. Waits are bounded generously;
 * nothing asserts how fast.
 */
class DeadPeerTest {

    /** The clients' heartbeat period, which the broker agrees to (see the class comment). */
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final long WAIT_S = 30;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private static TallyConnection open(int port) throws JMSException {
        TcpOptions tcp = TcpOptions.defaults().withHeartbeat(HEARTBEAT);
        return TallyConnection.open(ConnectionOptions.parse("tcp://127.0.0.1:" + port), client -> {
            try {
                return TcpConnector.connect("127.0.0.1", port, client, tcp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, null, null);
    }

    private TallyServer server(TcpOptions options) throws IOException {
        TallyServer s = TallyServer.start(BrokerConfig.builder("dead-peer").dataDir(Files.createTempDirectory("tally-dead")).build(),
                new InetSocketAddress("127.0.0.1", 0), options);
        cleanup.add(s);
        return s;
    }

    @Test
    @DisplayName("a 'broker' that accepts and never answers: CONNECT fails with JMSException after a few heartbeat periods")
    void connectToABrokerThatNeverAnswersFails() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(silent.accept()); // and never a byte back
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    return open(silent.getLocalPort());
                } catch (JMSException e) {
                    return e;
                }
            });
            Object result = outcome.get(WAIT_S, TimeUnit.SECONDS);
            JMSException e = assertInstanceOf(JMSException.class, result, "opening a connection to a silent broker fails");
            assertTrue(e.getMessage().contains("lost") || e.getMessage().contains("timeout"),
                    "the exception says the broker went silent: " + e.getMessage());
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    @DisplayName("a broker that stops answering mid-connection: ExceptionListener called, the pending send fails"
            + " with JMSException (spec 6.1.8 ExceptionListener)")
    void brokerThatStopsAnsweringIsDetected() throws Exception {
        TallyServer server = server(TcpOptions.defaults().withHeartbeat(HEARTBEAT));
        FreezingProxy proxy = new FreezingProxy(server.address());
        cleanup.add(proxy);
        TallyConnection c = open(proxy.port());
        cleanup.add(c);
        CompletableFuture<JMSException> listened = new CompletableFuture<>();
        c.setExceptionListener(listened::complete);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue("dead.broker"));
        p.send(s.createTextMessage("before"));
        Thread.sleep(HEARTBEAT.toMillis() * 6); // idle for two dead-peer timeouts: heartbeats keep it alive
        p.send(s.createTextMessage("still connected after being idle"));
        assertTrue(!listened.isDone(), "an idle, healthy connection is not declared dead: " + listened.getNow(null));

        proxy.freeze(); // the broker's host is gone: no bytes either way, no FIN, no RST
        CompletableFuture<Object> pending = CompletableFuture.supplyAsync(() -> {
            try {
                p.send(s.createTextMessage("into the void"));
                return "sent";
            } catch (JMSException e) {
                return e;
            }
        });
        JMSException fromListener = listened.get(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(fromListener, "the ExceptionListener is called");
        Object sendOutcome = pending.get(WAIT_S, TimeUnit.SECONDS);
        assertInstanceOf(JMSException.class, sendOutcome, "the send that was waiting for the broker fails");
        System.out.println("DeadPeerTest: listener got: " + fromListener.getMessage() + "; pending send got: "
                + ((JMSException) sendOutcome).getMessage());
    }

    @Test
    @DisplayName("a client JVM killed with SIGKILL holding unacked CLIENT_ACKNOWLEDGE messages: another client gets them,"
            + " JMSRedelivered=true (spec 6.2.10, 3.5.11)")
    void unackedMessagesOfAKilledClientAreRedelivered() throws Exception {
        TallyServer server = server(TcpOptions.defaults());
        Set<String> sent = sendPersistent(server, "dead.client", 5);
        Process holder = startHolder(server, "dead.client", 5, 10_000);
        holder.destroyForcibly(); // SIGKILL: the kernel closes its socket
        assertTrue(holder.waitFor(WAIT_S, TimeUnit.SECONDS));
        assertRedelivered(server, "dead.client", sent);
    }

    @Test
    @DisplayName("a client that stops answering (SIGSTOP): the broker's heartbeat check closes it and its unacked"
            + " messages go to another client, JMSRedelivered=true")
    void unackedMessagesOfAStoppedClientAreRedelivered() throws Exception {
        // the broker declares a client dead after 3 s of silence; the client beats every 500 ms
        TallyServer server = server(TcpOptions.defaults().withHeartbeat(Duration.ofSeconds(1)));
        Set<String> sent = sendPersistent(server, "stopped.client", 5);
        Process holder = startHolder(server, "stopped.client", 5, HEARTBEAT.toMillis());
        try (LogCapture logs = new LogCapture(java.util.logging.Level.WARNING).quiet()) {
            Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(holder.pid())).start();
            assertEquals(0, stop.waitFor(), "kill -STOP");
            assertRedelivered(server, "stopped.client", sent);
            assertTrue(logs.messages(java.util.logging.Level.WARNING).stream()
                            .anyMatch(m -> m.contains("within the dead-peer timeout")),
                    "the broker logs why it closed the silent client: " + logs.messages(java.util.logging.Level.WARNING));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Set<String> sendPersistent(TallyServer server, String queue, int n) throws JMSException {
        Set<String> sent = new HashSet<>();
        try (Connection c = new TallyConnectionFactory("tcp://127.0.0.1:" + server.address().getPort()).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < n; i++) {
                p.send(s.createTextMessage(queue + "-" + i));
                sent.add(queue + "-" + i);
            }
        }
        return sent;
    }

    private Process startHolder(TallyServer server, String queue, int n, long heartbeatMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", cp, UnackedHolder.class.getName(),
                String.valueOf(server.address().getPort()), queue, String.valueOf(n), String.valueOf(heartbeatMillis))
                .redirectErrorStream(true).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> holding = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.startsWith("HOLDING")) {
                        return line;
                    }
                }
            } catch (IOException e) {
                seen.append(e);
            }
            return "exited:\n" + seen;
        });
        String line = holding.get(WAIT_S, TimeUnit.SECONDS);
        assertEquals("HOLDING " + n, line, "the client JVM holds the messages unacknowledged");
        return p;
    }

    private static void assertRedelivered(TallyServer server, String queue, Set<String> sent) throws JMSException {
        try (Connection c = new TallyConnectionFactory("tcp://127.0.0.1:" + server.address().getPort()).createConnection()) {
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            Set<String> got = new HashSet<>();
            Message last = null;
            for (int i = 0; i < sent.size(); i++) {
                Message m = consumer.receive(WAIT_S * 1000);
                assertNotNull(m, "message " + i + " of " + sent.size() + " came back to the queue");
                assertTrue(m.getJMSRedelivered(), "JMSRedelivered of " + ((TextMessage) m).getText());
                assertEquals(2, m.getIntProperty("JMSXDeliveryCount"), "JMSXDeliveryCount");
                got.add(((TextMessage) m).getText());
                last = m;
            }
            last.acknowledge();
            assertEquals(sent, got);
        }
    }

    /**
     * Forwards one TCP connection to the broker until {@link #freeze}: then it forwards nothing more
     * and keeps both sockets open, as a broker host that vanished from the network looks.
     */
    private static final class FreezingProxy implements AutoCloseable {
        private final ServerSocket listener;
        private final CountDownLatch frozen = new CountDownLatch(1);
        private volatile boolean isFrozen;
        private final List<Socket> sockets = new ArrayList<>();

        FreezingProxy(InetSocketAddress target) throws IOException {
            listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    Socket client = listener.accept();
                    Socket broker = new Socket(target.getAddress(), target.getPort());
                    synchronized (sockets) {
                        sockets.add(client);
                        sockets.add(broker);
                    }
                    pump(client.getInputStream(), broker.getOutputStream());
                    pump(broker.getInputStream(), client.getOutputStream());
                } catch (IOException ignored) {
                    // closed
                }
            }, "proxy-accept");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        void freeze() {
            isFrozen = true;
        }

        private void pump(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        if (isFrozen) {
                            frozen.await(); // swallow this and everything after it
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException ignored) {
                    // closed
                }
            }, "proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
