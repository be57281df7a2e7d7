package org.tallymq.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyQueue;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.Frame;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.ProtocolException;
import org.tallymq.server.TallyServer;

/**
 * Bad input from the wire at a live broker (issue 6, item 5): at least 100,000 random and mutated
 * frames over raw sockets, many connections, each ended by a broken frame. The broker must close
 * each offending connection with a logged reason that names the remote address, and afterwards a
 * normal client still works and every persistent message sent before the attack is still there.
 *
 * <p>Seeded: {@code -Dtally.fuzz.seed=N} replays a run, {@code -Dtally.fuzz.frames=N} changes its
 * size. The seed and the counts are printed.
 */
class WireFuzzTest {

    private static final long SEED = Long.getLong("tally.fuzz.seed", 0x7A11_F022L);
    private static final int FRAMES = Integer.getInteger("tally.fuzz.frames", 100_000);
    private static final int WORKERS = 4;
    /** At most this many frames per connection, 80 on average: about 1,250 connections for 100,000 frames. */
    private static final int FRAMES_PER_CONNECTION = 160;
    private static final int PRECIOUS = 200;
    private static final int MAX_FRAME = TcpOptions.DEFAULT_MAX_FRAME_BYTES;

    /** What the workers saw, summed. */
    private static final class Tally {
        final AtomicLong connections = new AtomicLong();
        final AtomicLong frames = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong closedWithLoggedReason = new AtomicLong();
        final AtomicLong closedAtOurEnd = new AtomicLong();
        final AtomicLong resets = new AtomicLong();
        final AtomicLong repliesRead = new AtomicLong();
        final Map<FrameFuzzer.Attack, AtomicLong> attacks = new EnumMap<>(FrameFuzzer.Attack.class);
        final List<String> missingReasons = Collections.synchronizedList(new ArrayList<>());

        Tally() {
            for (FrameFuzzer.Attack a : FrameFuzzer.Attack.values()) {
                attacks.put(a, new AtomicLong());
            }
        }
    }

    @Test
    @DisplayName("issue 6 item 5: 100,000 random and mutated frames; every bad connection closed with a logged"
            + " reason naming its address; the broker carries on and loses no persistent message")
    void brokerSurvivesFuzzedFrames() throws Exception {
        try (LogCapture logs = new LogCapture(Level.WARNING, r -> r.getLevel().intValue() >= Level.SEVERE.intValue()
                || String.valueOf(r.getMessage()).contains("bad frame from")
                || String.valueOf(r.getMessage()).contains("unexpected error")
                || String.valueOf(r.getMessage()).contains("unexpected failure")).quiet();
             TallyServer server = TallyServer.start(
                     BrokerConfig.builder("fuzz").dataDir(Files.createTempDirectory("tally-fuzz")).build(),
                     new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults())) {
            InetSocketAddress address = server.address();
            TallyConnectionFactory cf = new TallyConnectionFactory("tcp://127.0.0.1:" + address.getPort());
            Queue precious = new TallyQueue(FrameFuzzer.PROTECTED_QUEUE);
            Set<String> sent = sendPersistent(cf, precious);

            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            Tally tally = new Tally();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    long seed = SEED + w;
                    done.add(pool.submit(() -> {
                        attack(address, new FrameFuzzer(new Random(seed), MAX_FRAME), FRAMES / WORKERS + 1, tally, logs);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            long cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
            System.out.printf("WireFuzzTest seed %d: %d frames (%d bytes) on %d connections in %d ms (JVM CPU %d ms); closed by the broker"
                            + " with a logged reason: %d, closed after our end of stream: %d (of which reset: %d);"
                            + " replies read: %d; last frames: %s%n",
                    SEED, tally.frames.get(), tally.bytes.get(), tally.connections.get(), millis, cpuMillis,
                    tally.closedWithLoggedReason.get(), tally.closedAtOurEnd.get(), tally.resets.get(),
                    tally.repliesRead.get(), tally.attacks);

            assertTrue(tally.frames.get() >= FRAMES, "sent " + tally.frames.get() + " frames");
            assertTrue(tally.missingReasons.isEmpty(), () -> tally.missingReasons.size() + " connections ended by a"
                    + " frame the broker must reject were closed without a logged 'bad frame from <address>' reason,"
                    + " e.g. " + tally.missingReasons.subList(0, Math.min(5, tally.missingReasons.size())));
            assertTrue(tally.closedWithLoggedReason.get() > tally.connections.get() / 2,
                    "most connections end in a bad frame: " + tally.closedWithLoggedReason.get());
            List<String> known = new ArrayList<>();
            List<String> unexpected = unexpectedFailures(logs, known);
            new java.util.TreeSet<>(known).forEach(u -> System.out.println("KNOWN DEFECT " + u));
            assertTrue(unexpected.isEmpty(), () -> unexpected.size() + " unexpected failures logged (a bug, not bad"
                    + " input handled), e.g. " + unexpected.subList(0, Math.min(5, unexpected.size())));

            assertNormalClientWorks(cf);
            assertEquals(sent, receiveAll(cf, precious), "the persistent messages sent before the fuzzing");
        }
    }

    @Test
    @DisplayName("issue 6 item 5: a command out of sequence (SEND before CONNECT) closes the connection with a logged reason")
    void commandBeforeConnectClosesTheConnection() throws Exception {
        try (LogCapture logs = new LogCapture(Level.INFO);
             TallyServer server = TallyServer.start(
                     BrokerConfig.builder("fuzz-seq").dataDir(Files.createTempDirectory("tally-fuzz-seq")).build(),
                     new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
             Socket s = new Socket()) {
            s.connect(server.address(), 5000);
            s.setSoTimeout(10_000);
            MessageData m = new MessageData(org.tallymq.protocol.BodyType.TEXT, "ID:x", 0, null, null,
                    DestinationRef.queue("seq"), null, MessageData.PERSISTENT, 4, 0, 0, null, null, null);
            s.getOutputStream().write(Codec.encode(new Frame(1, new Command.Send(1, m))));
            // the broker may answer FAILED first; then it must close: read to the end of the stream
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // drain
            }
            String port = "127.0.0.1:" + s.getLocalPort();
            assertTrue(logs.messages(Level.INFO).stream().anyMatch(msg -> msg.contains(port)),
                    "a logged reason naming " + port + ": " + logs.messages(Level.INFO));
            assertEquals(0, server.broker().queueDepth("seq"), "a SEND before CONNECT must not be routed");
        }
    }

    // ---- the attack ------------------------------------------------------------------------

    private static void attack(InetSocketAddress broker, FrameFuzzer fuzzer, int frames, Tally tally, LogCapture logs)
            throws IOException {
        int sentHere = 0;
        while (sentHere < frames) {
            FrameFuzzer.Plan plan = fuzzer.next(FRAMES_PER_CONNECTION);
            one(broker, plan, tally, logs);
            sentHere += plan.frames();
        }
    }

    private static void one(InetSocketAddress broker, FrameFuzzer.Plan plan, Tally tally, LogCapture logs)
            throws IOException {
        try (Socket s = new Socket()) {
            s.connect(broker, 10_000);
            s.setSoTimeout(20_000);
            String me = "127.0.0.1:" + s.getLocalPort();
            boolean writeFailed = false;
            try {
                s.getOutputStream().write(plan.bytes());
                s.shutdownOutput();
            } catch (IOException closedWhileWriting) {
                writeFailed = true; // an earlier frame already made the broker close the connection
            }
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            boolean reset = false;
            byte[] buf = new byte[16 * 1024];
            InputStream in = s.getInputStream();
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (replies.size() < 1 << 20) {
                        replies.write(buf, 0, n);
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the broker neither answered nor closed the connection from " + me
                        + " within 20 s of its end of stream (last frame: " + plan.attack() + ")", e);
            } catch (IOException e) {
                reset = true; // the broker closed with our bytes unread: a reset, still a close
            }
            tally.connections.incrementAndGet();
            tally.frames.addAndGet(plan.frames());
            tally.bytes.addAndGet(plan.bytes().length);
            tally.attacks.get(plan.attack()).incrementAndGet();
            tally.repliesRead.addAndGet(countFrames(replies.toByteArray()));
            // The broker logs before it closes, and we saw the close: its reason, if any, is logged by now.
            // Taken (removed) at once, so that a later connection from the same port does not find it.
            List<LogRecord> reasons = logs.take(r -> String.valueOf(r.getMessage()).contains("bad frame from " + me + ":"));
            if (!reasons.isEmpty()) {
                tally.closedWithLoggedReason.incrementAndGet();
            } else {
                tally.closedAtOurEnd.incrementAndGet();
                if (plan.attack().fatal && !writeFailed) {
                    tally.missingReasons.add(me + " after " + plan.attack());
                }
            }
            if (reset) {
                tally.resets.incrementAndGet();
            }
        }
    }

    /** CPU time of this whole JVM (client and broker), for the printed summary; -1 when unknown. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** Frames in what the broker sent back (its output is well formed; stops at a frame cut by the close). */
    private static int countFrames(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int n = 0;
        while (buf.remaining() >= Codec.LENGTH_PREFIX_BYTES) {
            int len = buf.getInt(buf.position());
            if (len < 0 || buf.remaining() - Codec.LENGTH_PREFIX_BYTES < len) {
                break;
            }
            ByteBuffer body = buf.slice(buf.position() + Codec.LENGTH_PREFIX_BYTES, len);
            try {
                Codec.decode(body, Integer.MAX_VALUE);
            } catch (ProtocolException e) {
                throw new AssertionError("the broker sent a frame its own codec cannot read: " + e.getMessage(), e);
            }
            buf.position(buf.position() + Codec.LENGTH_PREFIX_BYTES + len);
            n++;
        }
        return n;
    }

    /**
     * Logged failures that are not the broker rejecting bad input: bugs found by the fuzzer. A
     * NullPointerException in the broker's handling of a well-framed command with a null field is a
     * known defect, pinned down by {@link NullFieldsFromTheWireTest} (disabled until the broker
     * checks them); those go to {@code known}, distinct, without connection names.
     */
    private static List<String> unexpectedFailures(LogCapture logs, List<String> known) {
        List<String> out = new ArrayList<>();
        for (LogRecord r : logs.records(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()
                || String.valueOf(r.getMessage()).contains("unexpected error")
                || String.valueOf(r.getMessage()).contains("unexpected failure"))) {
            String text = r.getLevel() + " " + r.getMessage() + (r.getThrown() == null ? "" : " -- " + r.getThrown());
            out.add(text); // null fields are rejected as protocol violations now; any failure here is a bug
        }
        return out;
    }

    // ---- the well-behaved client -------------------------------------------------------------

    private static Set<String> sendPersistent(TallyConnectionFactory cf, Queue q) throws Exception {
        Set<String> sent = new HashSet<>();
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(q);
            p.setDeliveryMode(jakarta.jms.DeliveryMode.PERSISTENT);
            for (int i = 0; i < PRECIOUS; i++) {
                String text = "precious-" + i;
                p.send(s.createTextMessage(text));
                sent.add(text);
            }
        }
        return sent;
    }

    private static void assertNormalClientWorks(TallyConnectionFactory cf) throws Exception {
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("fuzz.after");
            s.createProducer(q).send(s.createTextMessage("still here"));
            c.start();
            Message m = s.createConsumer(q).receive(10_000);
            assertNotNull(m, "a normal client receives its own message after the fuzzing");
            assertEquals("still here", ((TextMessage) m).getText());
        }
    }

    private static Set<String> receiveAll(TallyConnectionFactory cf, Queue q) throws Exception {
        Set<String> got = new HashSet<>();
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            int browsed = 0;
            QueueBrowser b = s.createBrowser(q);
            for (Enumeration<?> e = b.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                browsed++;
            }
            assertEquals(PRECIOUS, browsed, "messages a browser sees on " + q.getQueueName());
            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            Message last = null;
            for (int i = 0; i < PRECIOUS; i++) {
                Message m = consumer.receive(10_000);
                assertNotNull(m, "persistent message " + i + " of " + PRECIOUS + " is still on the queue");
                got.add(((TextMessage) m).getText());
                last = m;
            }
            last.acknowledge();
        }
        return got;
    }
}
