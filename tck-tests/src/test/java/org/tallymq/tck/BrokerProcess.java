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
 *   <li>{@code tck.server.tls.dir}: when set, a TLS pass: {@code broker.p12} (a key pair for localhost and
 *       127.0.0.1, password {@value #TLS_KEY_PASSWORD}, made by the JDK's keytool) and {@code trust.p12} (its
 *       certificate, password {@value #TLS_TRUST_PASSWORD}) are made there before the broker starts; the
 *       arguments and the JNDI file name them</li>
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
        String tlsDir = System.getProperty("tck.server.tls.dir");
        if (tlsDir != null && !tlsDir.isBlank()) {
            makeKeyStores(Path.of(tlsDir));
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

    static final String TLS_KEY_PASSWORD = "tck-keys";
    static final String TLS_TRUST_PASSWORD = "tck-trust";

    /** Test-only key stores for a TLS pass, made afresh: nothing secret is checked in. */
    private static void makeKeyStores(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
            Path keys = dir.resolve("broker.p12");
            java.nio.file.Files.deleteIfExists(keys);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keys.toString(), "-storepass", TLS_KEY_PASSWORD, "-keypass", TLS_KEY_PASSWORD)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make " + keys + ": " + out);
            }
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(keys)) {
                ks.load(in, TLS_KEY_PASSWORD.toCharArray());
            }
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("broker", ks.getCertificate("broker"));
            try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(dir.resolve("trust.p12"))) {
                trust.store(o, TLS_TRUST_PASSWORD.toCharArray());
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("could not make the key stores of the TLS pass in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the key stores of the TLS pass", e);
        }
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
