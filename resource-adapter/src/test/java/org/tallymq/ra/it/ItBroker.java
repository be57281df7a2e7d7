package org.tallymq.ra.it;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The standalone Tally broker the resource adapter in WildFly connects to over TCP: {@code TallyServer} in its own
 * JVM, started before the integration tests and stopped (SIGTERM, a clean stop) after them. It runs only when
 * failsafe sets {@code tally.it.port}, so unit tests (surefire) start nothing.
 */
public final class ItBroker implements LauncherSessionListener {

    private Process process;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("tally.it.port");
        if (port == null || process != null) {
            return;
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classpath, "org.tallymq.server.TallyServer", "--bind", "127.0.0.1:" + port,
                "--data-dir", System.getProperty("tally.it.dataDir"), "--name", "ra-it");
        File log = new File(System.getProperty("tally.it.brokerLog"));
        try {
            deleteTree(Path.of(System.getProperty("tally.it.dataDir"))); // every run starts with empty queues
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Tally broker for the WildFly tests: " + cmd, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Tally broker for the WildFly tests exited with status "
                        + process.exitValue() + "; see " + log.getAbsolutePath());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        stop();
        throw new IllegalStateException("the Tally broker did not listen on 127.0.0.1:" + port + " within 60 s; see "
                + log.getAbsolutePath());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    private synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
