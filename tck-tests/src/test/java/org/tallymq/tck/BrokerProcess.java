package org.tallymq.tck;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a broker in its own JVM before the suite runs and stops it afterwards, when the build asks
 * for one (the TCP pass). Provider-agnostic: the broker is any main class on the test classpath.
 *
 * <ul>
 *   <li>{@code tck.server.main}: the main class (nothing is started when unset)</li>
 *   <li>{@code tck.server.args}: its arguments, separated by spaces</li>
 *   <li>{@code tck.server.port}: the loopback port to wait for before tests start</li>
 *   <li>{@code tck.server.log}: where the broker's output goes</li>
 * </ul>
 */
public final class BrokerProcess implements LauncherSessionListener {

    private Process process;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String main = System.getProperty("tck.server.main");
        if (main == null || main.isBlank() || process != null) {
            return;
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, main));
        String args = System.getProperty("tck.server.args", "");
        if (!args.isBlank()) {
            cmd.addAll(Arrays.asList(args.trim().split("\\s+")));
        }
        int port = Integer.parseInt(System.getProperty("tck.server.port"));
        File log = new File(System.getProperty("tck.server.log", "target/tck-broker.log"));
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
            waitForPort(port, log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the broker for the suite: " + cmd, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    private void waitForPort(int port, File log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker for the suite exited with status " + process.exitValue()
                        + "; see " + log.getAbsolutePath());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
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
        throw new IllegalStateException("the broker for the suite did not listen on 127.0.0.1:" + port
                + " within 60 s; see " + log.getAbsolutePath());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    private synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: the broker shuts down cleanly
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
