package org.tallymq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.broker.Broker;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;
import org.tallymq.server.TallyServer;

/**
 * Persistence end to end (issue 4), through the public JMS API only: a broker is SIGKILLed (or
 * closed) under {@link CrashWorkload}, a new broker is started on the same data directory, and what it
 * holds is compared with what the application was promised before the crash (Jakarta Messaging 3.1
 * section 4.7 "message delivery mode": a PERSISTENT message is delivered once-and-only-once, it is not
 * lost if the provider fails; section 6.2.10 acknowledgement; 6.2.6 transactions; 8.3 durable
 * subscriptions; JMSRedelivered 3.4.7 and JMSXDeliveryCount 3.5.11).
 *
 * <p>After the restart:
 * <ul>
 *   <li>every PERSISTENT send that returned is there exactly once, in the queue or among the messages
 *       whose {@code acknowledge()} returned before the crash; an acknowledged message never comes back;</li>
 *   <li>a message the application received and did not acknowledge that comes back has JMSRedelivered=true
 *       and JMSXDeliveryCount &ge; 2 (checked separately, reported apart from the other checks);</li>
 *   <li>a transaction is all or nothing: a batch whose commit returned is whole, a batch never committed
 *       (rolled back, or still being sent) left no trace;</li>
 *   <li>the durable subscription exists and holds every publish that returned, exactly once;</li>
 *   <li>no NON_PERSISTENT message survives.</li>
 * </ul>
 * Every wait is bounded; nothing asserts how fast.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokerCrashTest {

    private static final Pattern READY = Pattern.compile("ready on ([^:\\s]+):(\\d+)");

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final List<String> embedded = new ArrayList<>();
    private final Map<Process, Path> errFiles = new HashMap<>();

    @AfterEach
    void cleanUp() {
        for (Process p : children) {
            p.toHandle().destroyForcibly();
        }
        for (String name : embedded) {
            EmbeddedBrokers.stop(name);
        }
    }

    // ---- the tests ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("in-VM broker SIGKILLed at a random moment under load: every promise holds after restart (JMS 3.1 §4.7, §6.2.10, §6.2.6, §8.3)")
    void sigkillEmbeddedBroker(long seed) throws Exception {
        crashEmbedded(seed, false);
    }

    @Test
    @DisplayName("in-VM broker SIGKILLed: a received, unacknowledged message comes back with JMSRedelivered=true, JMSXDeliveryCount >= 2 (JMS 3.1 §3.4.7, §3.5.11)")
    void sigkillKeepsRedeliveryFlags() throws Exception {
        untilSomethingToCheck(attempt -> crashEmbedded(4 + attempt, true, "data-" + attempt));
    }

    /** A run whose stop fell right after an acknowledge has nothing to check: try another stop point (at most 5). */
    private interface Attempt {
        void run(int attempt) throws Exception;
    }

    private static final class NothingToCheck extends AssertionError {
        private static final long serialVersionUID = 1L;

        NothingToCheck(String message) {
            super(message);
        }
    }

    private static void untilSomethingToCheck(Attempt a) throws Exception {
        NothingToCheck last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                a.run(attempt);
                return;
            } catch (NothingToCheck e) {
                last = e;
            }
        }
        throw last;
    }

    private void crashEmbedded(long seed, boolean checkRedeliveryFlags) throws Exception {
        crashEmbedded(seed, checkRedeliveryFlags, "data");
    }

    private void crashEmbedded(long seed, boolean checkRedeliveryFlags, String dataDir) throws Exception {
        Path data = dir.resolve(dataDir);
        Process p = spawn(BrokerCrashChild.class.getName(), data.toString());
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        int killAfter = 400 + new Random(seed).nextInt(1500);
        CompletableFuture<Void> reader = readLines(p.getInputStream(), lines::add, killAfter, p);
        // the kill comes from the reader after killAfter lines, or here if the child is slow to get there
        if (!p.waitFor(25, TimeUnit.SECONDS)) {
            p.toHandle().destroyForcibly();
        }
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the child JVM died after SIGKILL");
        reader.get(10, TimeUnit.SECONDS);
        Observed o = new Observed(lines);
        assertTrue(o.ready, "the child started its workload; its output: " + lines + "; stderr: " + stderr(p));
        assertTrue(o.errors.isEmpty(), "the workload ran without errors until the kill: " + o.errors);
        verifyAfterRestart(o, data, "crash-verify-" + seed, checkRedeliveryFlags);
    }

    @Test
    @DisplayName("clean restart: broker closed normally under load, reopened on the same data directory; every promise holds")
    void cleanRestart() throws Exception {
        cleanRestart("crash-clean", false);
    }

    @Test
    @DisplayName("clean restart: a received, unacknowledged message comes back with JMSRedelivered=true, JMSXDeliveryCount >= 2 (JMS 3.1 §3.4.7, §3.5.11)")
    void cleanRestartKeepsRedeliveryFlags() throws Exception {
        untilSomethingToCheck(attempt -> cleanRestart("crash-clean-flags-" + attempt, true, "data-" + attempt));
    }

    private void cleanRestart(String name, boolean checkRedeliveryFlags) throws Exception {
        cleanRestart(name, checkRedeliveryFlags, "data");
    }

    private void cleanRestart(String name, boolean checkRedeliveryFlags, String dataDir) throws Exception {
        Path data = dir.resolve(dataDir);
        embedded.add(name);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CrashWorkload w = new CrashWorkload(new TallyConnectionFactory("vm://" + name + "?dataDir=" + data), lines::add);
        w.start();
        waitForLines(lines, 800, 20);
        EmbeddedBrokers.stop(name); // closes every connection under the running workload
        w.stop();
        Observed o = new Observed(lines);
        verifyAfterRestart(o, data, name + "-verify", checkRedeliveryFlags);
    }

    @Test
    @DisplayName("TCP: TallyServer child SIGKILLed while a client in this JVM drives the workload; every promise holds after restart")
    void sigkillTcpServer() throws Exception {
        Path data = dir.resolve("data");
        Process p = spawn(TallyServer.class.getName(), "--data-dir", data.toString(), "--bind", "127.0.0.1:0", "--name", "crash-tcp");
        CompletableFuture<String> port = new CompletableFuture<>();
        StringBuffer serverLog = new StringBuffer();
        readLines(p.getErrorStream(), line -> {
            serverLog.append(line).append('\n');
            Matcher m = READY.matcher(line);
            if (m.find()) {
                port.complete(m.group(2));
            }
        }, -1, p);
        String url = "tcp://127.0.0.1:" + port.get(30, TimeUnit.SECONDS);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CrashWorkload w = new CrashWorkload(new TallyConnectionFactory(url), lines::add);
        try {
            w.start();
            waitForLines(lines, 400 + new Random(7).nextInt(1500), 20);
            p.toHandle().destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the server JVM died after SIGKILL");
        } finally {
            w.stop();
        }
        List<String> before = new ArrayList<>(lines);
        Observed o = new Observed(before);
        assertTrue(o.ready, "the workload started: " + before + "; server log: " + serverLog);
        verifyAfterRestart(o, data, "crash-tcp-verify", false);
    }

    // ---- verification --------------------------------------------------------------------------------

    /** What one message looked like after the restart. */
    private record Seen(String id, boolean redelivered, int deliveryCount) {
    }

    private void verifyAfterRestart(Observed o, Path data, String name, boolean checkRedeliveryFlags) throws Exception {
        assertTrue(o.subscribed && !o.sent.isEmpty() && !o.published.isEmpty() && !o.committed.isEmpty(),
                "the workload made progress before the broker died: " + o.summary());
        embedded.add(name);
        TallyConnectionFactory cf = new TallyConnectionFactory("vm://" + name + "?dataDir=" + data);
        List<String> problems = new ArrayList<>();
        List<String> redelivery = new ArrayList<>();
        int redeliveredCandidates = 0;
        try (Connection c = cf.createConnection()) {
            Broker broker = EmbeddedBrokers.get(name);
            c.start();
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);

            Map<String, Seen> queue = drainQueue(s, CrashWorkload.QUEUE, broker.queueDepth(CrashWorkload.QUEUE), problems);
            for (String id : o.sent) {
                // an acknowledge() in flight at the crash (ACKING without ACKED) may or may not have taken effect
                if (!queue.containsKey(id) && !o.acked.contains(id) && !o.acking.contains(id)) {
                    problems.add("message " + id + ": send() returned, it was not acknowledged, and it is gone");
                }
            }
            for (Seen m : queue.values()) {
                if (o.acked.contains(m.id)) {
                    problems.add("message " + m.id + ": acknowledge() returned for it, and it came back");
                }
                if (o.nonPersistent.contains(m.id)) {
                    problems.add("NON_PERSISTENT message " + m.id + " survived the restart");
                }
                if (o.received.contains(m.id)) {
                    redeliveredCandidates++;
                }
                if (o.received.contains(m.id) && !(m.redelivered && m.deliveryCount >= 2)) {
                    redelivery.add("message " + m.id + " was received and not acknowledged before the broker stopped; it came back"
                            + " with JMSRedelivered=" + m.redelivered + ", JMSXDeliveryCount=" + m.deliveryCount
                            + " (expected true and >= 2)");
                }
            }

            Map<String, Seen> tx = drainQueue(s, CrashWorkload.TX_QUEUE, broker.queueDepth(CrashWorkload.TX_QUEUE), problems);
            Map<Integer, Integer> perBatch = new HashMap<>();
            for (String id : tx.keySet()) {
                perBatch.merge(Integer.parseInt(id.substring(1, id.indexOf('-'))), 1, Integer::sum);
            }
            for (int b : o.committed) {
                if (perBatch.getOrDefault(b, 0) != CrashWorkload.BATCH) {
                    problems.add("batch " + b + ": commit() returned, but " + perBatch.getOrDefault(b, 0) + " of "
                            + CrashWorkload.BATCH + " messages are there");
                }
            }
            for (Map.Entry<Integer, Integer> e : perBatch.entrySet()) {
                int b = e.getKey();
                if (!o.committing.contains(b)) {
                    problems.add("batch " + b + " was never committed" + (o.rolledBack.contains(b) ? " (rolled back)" : "")
                            + ", yet " + e.getValue() + " of its messages are there");
                } else if (e.getValue() != CrashWorkload.BATCH) {
                    problems.add("batch " + b + " is partial: " + e.getValue() + " of " + CrashWorkload.BATCH);
                }
            }
            s.close();
        }

        try (Connection c = cf.createConnection()) {
            c.setClientID(CrashWorkload.CLIENT_ID);
            c.start();
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer sub = s.createDurableSubscriber(s.createTopic(CrashWorkload.TOPIC), CrashWorkload.SUBSCRIPTION);
            Map<String, Seen> got = new HashMap<>();
            int missing = o.published.size();
            while (missing > 0) {
                Message m = sub.receive(10_000);
                if (m == null) {
                    break;
                }
                missing -= record(m, got, "subscription " + CrashWorkload.SUBSCRIPTION, problems) && o.published.contains(id(m)) ? 1 : 0;
            }
            Message extra;
            while ((extra = sub.receive(500)) != null) { // publishes in flight at the crash may be there too
                record(extra, got, "subscription " + CrashWorkload.SUBSCRIPTION, problems);
            }
            for (String id : o.published) {
                if (!got.containsKey(id)) {
                    problems.add("publish " + id + " returned, and durable subscription " + CrashWorkload.SUBSCRIPTION
                            + " does not hold it" + (got.isEmpty() ? " (the subscription holds nothing: was it lost?)" : ""));
                }
            }
            for (String id : got.keySet()) {
                if (o.nonPersistentPublished.contains(id)) {
                    problems.add("NON_PERSISTENT publish " + id + " survived the restart in the durable subscription");
                }
            }
            s.close();
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " broken promises after restart (" + o.summary() + "):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(40, problems.size()))));
        }
        if (checkRedeliveryFlags && redeliveredCandidates == 0) {
            throw new NothingToCheck("nothing to check: no message was received and left unacknowledged when the broker"
                    + " stopped (the stop fell right after an acknowledge); this run proves nothing about redelivery flags");
        }
        if (checkRedeliveryFlags && !redelivery.isEmpty()) {
            fail(redelivery.size() + " redelivered messages not marked so (JMS 3.1 §3.4.7, §3.5.11; " + o.summary() + "):\n  "
                    + String.join("\n  ", redelivery.subList(0, Math.min(20, redelivery.size()))));
        }
    }

    /** Receives exactly {@code depth} messages (the restarted broker's count) and acknowledges them. */
    private Map<String, Seen> drainQueue(Session s, String queue, int depth, List<String> problems) throws JMSException {
        Map<String, Seen> got = new HashMap<>();
        try (MessageConsumer c = s.createConsumer(s.createQueue(queue))) {
            for (int i = 0; i < depth; i++) {
                Message m = c.receive(10_000);
                if (m == null) {
                    problems.add("queue " + queue + ": the broker counts " + depth + " messages, only " + i + " were delivered");
                    break;
                }
                record(m, got, "queue " + queue, problems);
            }
            Message last = c.receiveNoWait();
            if (last != null) {
                record(last, got, "queue " + queue, problems);
                problems.add("queue " + queue + ": more messages than its depth " + depth);
            }
        }
        return got;
    }

    private static String id(Message m) throws JMSException {
        return m.getStringProperty("id");
    }

    /** Adds a received message; false (and a problem) for a duplicate. */
    private static boolean record(Message m, Map<String, Seen> got, String where, List<String> problems) throws JMSException {
        Seen seen = new Seen(id(m), m.getJMSRedelivered(), m.getIntProperty("JMSXDeliveryCount"));
        if (got.putIfAbsent(seen.id, seen) != null) {
            problems.add(where + ": message " + seen.id + " delivered twice after the restart");
            return false;
        }
        return true;
    }

    // ---- processes ---------------------------------------------------------------------------------

    private Process spawn(String main, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp, main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CLASSPATH", cp);
        Path err = null;
        if (!main.equals(TallyServer.class.getName())) {
            err = Files.createTempFile(dir, "child", ".err");
            pb.redirectError(err.toFile());
        }
        Process p = pb.start();
        children.add(p);
        if (err != null) {
            errFiles.put(p, err);
        }
        return p;
    }

    private String stderr(Process p) throws IOException {
        Path err = errFiles.get(p);
        return err == null ? "(not captured)" : Files.readString(err);
    }

    /**
     * Reads complete lines (a torn last line of a killed process is dropped) on a thread of its own;
     * SIGKILLs {@code p} after {@code killAfter} lines (never when negative).
     */
    private static CompletableFuture<Void> readLines(InputStream in, Consumer<String> sink, int killAfter, Process p) {
        return CompletableFuture.runAsync(() -> {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringBuilder line = new StringBuilder();
                int n = 0;
                int ch;
                while ((ch = r.read()) >= 0) {
                    if (ch != '\n') {
                        line.append((char) ch);
                        continue;
                    }
                    sink.accept(line.toString());
                    line.setLength(0);
                    if (++n == killAfter) {
                        // SIGKILL through the handle: Process.destroyForcibly() would also close our end of
                        // the pipe and lose lines the child printed just before it died
                        p.toHandle().destroyForcibly();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "crash-reader");
            t.setDaemon(true);
            t.start();
        });
    }

    private static void waitForLines(List<String> lines, int n, int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (lines.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
