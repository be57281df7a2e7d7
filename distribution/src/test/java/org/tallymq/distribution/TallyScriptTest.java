package org.tallymq.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * The packaged broker as an operator starts it (issue 6 item 1): {@code bin/tally server} on the
 * shaded jar logs its ready line, a client connects over TCP, a second server on the same data
 * directory fails with the lock message, and SIGTERM stops the first one cleanly.
 *
 * <p>Runs in the integration-test phase (after package builds the jar); paths come from the pom.
 */
class TallyScriptTest {

    private static final long START_TIMEOUT_S = 60; // a generous bound on a busy machine, not a timing assertion

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    @Test
    void scriptStartsServerClientConnectsLockRefusesSecondSigtermStops() throws Exception {
        Path script = Path.of(System.getProperty("tally.script", "bin/tally"));
        Path jar = Path.of(System.getProperty("tally.jar", "target/tally-all.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar " + jar + " exists (mvn package builds it)");
        Path work = Files.createDirectories(Path.of(System.getProperty("tally.test.dir", "target/script-test")));
        Path dataDir = Files.createTempDirectory(work, "data");
        int port = freePort();

        Output first = start(script, "server", "--data-dir", dataDir.toString(), "--bind", "127.0.0.1:" + port,
                "--name", "script-test");
        String ready = first.awaitLine("ready on", START_TIMEOUT_S);
        assertNotNull(ready, "the server logs its ready line; output so far:\n" + first.text());
        assertTrue(ready.contains("127.0.0.1:" + port) && ready.contains(dataDir.toAbsolutePath().toString()),
                "the ready line names the address and the data directory: " + ready);

        TallyConnectionFactory cf = new TallyConnectionFactory("tcp://127.0.0.1:" + port);
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("script.test");
            s.createProducer(q).send(s.createTextMessage("through the packaged server"));
            c.start();
            Message m = s.createConsumer(q).receive(10_000);
            assertNotNull(m, "a message sent through the packaged server comes back");
            assertEquals("through the packaged server", ((TextMessage) m).getText());
        }

        Output second = start(script, "server", "--data-dir", dataDir.toString(), "--bind", "127.0.0.1:" + freePort());
        assertTrue(second.process.waitFor(START_TIMEOUT_S, TimeUnit.SECONDS), "a second server on the same data directory exits");
        second.drained();
        assertEquals(1, second.process.exitValue(), "exit status of the second server; output:\n" + second.text());
        assertTrue(second.text().contains("is in use by another Tally broker"),
                "the second server says the data directory is locked:\n" + second.text());

        // SIGTERM to the JVM (the script exec'd it). Through the handle: Process.destroy() would also close
        // our end of its output pipe, and we would miss what it says while it stops.
        assertTrue(first.process.toHandle().destroy(), "SIGTERM sent");
        assertTrue(first.process.waitFor(START_TIMEOUT_S, TimeUnit.SECONDS), "the server stops on SIGTERM");
        first.drained();
        assertEquals(143, first.process.exitValue(), "exit status after SIGTERM (128 + 15); output:\n" + first.text());
        assertTrue(first.text().contains("stopping (signal received)") && first.text().contains("unlocked"),
                "the server says that it stops, and that it stopped:\n" + first.text());

        // the lock went with the process: a new server may use the directory
        Output third = start(script, "server", "--data-dir", dataDir.toString(), "--bind", "127.0.0.1:" + freePort());
        assertNotNull(third.awaitLine("ready on", START_TIMEOUT_S), "a server starts on the released data directory:\n"
                + third.text());
        third.process.toHandle().destroy();
        assertTrue(third.process.waitFor(START_TIMEOUT_S, TimeUnit.SECONDS));
    }

    private Output start(Path script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TALLY_JAR", System.getProperty("tally.jar", "target/tally-all.jar"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_OPTS", "-Xmx128m");
        Process p = pb.start();
        started.add(p);
        return new Output(p);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Collects a process's output lines on a thread of its own. */
    private static final class Output {
        final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        Output(Process process) {
            this.process = process;
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (this) {
                            lines.add(line);
                            notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "output of " + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        synchronized String awaitLine(String part, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                for (String l : lines) {
                    if (l.contains(part)) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return null;
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }

        void drained() throws InterruptedException {
            reader.join(10_000);
        }

        synchronized String text() {
            return String.join("\n", lines);
        }
    }
}
