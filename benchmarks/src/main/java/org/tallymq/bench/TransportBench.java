package org.tallymq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;
import org.tallymq.server.TallyServer;
import org.tallymq.transport.tcp.TcpOptions;
import org.tallymq.transport.tcp.TlsContext;
import org.tallymq.transport.tcp.TlsOptions;

/**
 * The transports compared (issue 6), in one run on one disk: in-VM, TCP and TLS (a TallyServer in
 * this JVM on a loopback port; TLS with a key pair made by keytool at start). For each transport:
 *
 * <ul>
 *   <li><b>persistent sync send</b>: one producer, 1 KiB PERSISTENT messages, each send returns after the
 *       broker forced it; msgs/s and send latency p50/p99;</li>
 *   <li><b>CLIENT_ACKNOWLEDGE consume</b>: one consumer drains what the sends wrote, acknowledging each
 *       message (each acknowledge waits for its journal force); msgs/s and receive+acknowledge p50/p99;</li>
 *   <li><b>4 producers + 4 consumers</b> on one queue, each on its own connection: persistent sync sends,
 *       AUTO_ACKNOWLEDGE receives; consumed msgs/s and send-to-receive latency p50/p99.</li>
 * </ul>
 *
 * Every measurement is repeated (default 3 times, transports interleaved within a repetition so drift
 * of the shared disk hits them alike); medians are printed with the TCP/in-VM and TLS/in-VM ratios
 * (medians of the per-repetition ratios).
 *
 * <pre>
 * mvn -q -B -pl benchmarks -am package -DskipTests
 * mvn -q -B -pl provider dependency:build-classpath -Dmdep.outputFile=/tmp/deps.txt
 * java -cp benchmarks/target/classes:provider/target/classes:$(cat /tmp/deps.txt) \
 *     org.tallymq.bench.TransportBench benchmarks/target/transport-bench 3 3
 * </pre>
 *
 * Arguments: data directory (deleted first and at the end), repetitions (3), seconds per timed window (3).
 */
public final class TransportBench {

    private static final int BODY = 1024;
    private static final String TRUST_PASSWORD = "bench-trust";
    private static final String KEY_PASSWORD = "bench-keys";

    private TransportBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "transport-bench").toAbsolutePath();
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double window = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        deleteTree(root);
        Files.createDirectories(root);
        System.out.printf("TransportBench: data in %s, %d repetitions, %.1f s windows, JVM %s, %d cores%n", root, reps,
                window, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        Path keys = makeKeys(root);
        Map<String, List<Double>> results = new LinkedHashMap<>();
        String[] transports = {"in-VM", "TCP", "TLS"};
        for (int r = 1; r <= reps; r++) {
            System.out.printf("--- repetition %d ---%n", r);
            put(results, "fsync limit of the disk, 1 KiB write + force (ops/s)", FsyncProbe.limit(root.resolve("fsync.dat"), 1));
            Map<String, Map<String, Double>> thisRep = new LinkedHashMap<>();
            for (String t : transports) {
                Path dir = root.resolve(t + "-" + r);
                TallyServer server = null;
                ConnectionFactory cf;
                String vmName = "bench-transport-" + r;
                if (t.equals("in-VM")) {
                    cf = new TallyConnectionFactory("vm://" + vmName + "?dataDir=" + dir);
                } else {
                    TcpOptions options = TcpOptions.defaults();
                    if (t.equals("TLS")) {
                        options = options.withTls(TlsContext.forBroker(TlsOptions.broker(
                                new TlsOptions.StoreFile(keys, KEY_PASSWORD.toCharArray(), "PKCS12"), null,
                                TlsOptions.ClientAuth.NONE)));
                    }
                    server = TallyServer.start(BrokerConfig.builder("bench-" + t + "-" + r).dataDir(dir).build(),
                            new InetSocketAddress("127.0.0.1", 0), options);
                    String url = "tcp://localhost:" + server.address().getPort();
                    if (t.equals("TLS")) {
                        url += "?ssl=true&trustStore=" + root.resolve("trust.p12") + "&trustStorePassword=" + TRUST_PASSWORD;
                    }
                    cf = new TallyConnectionFactory(url);
                }
                try {
                    Map<String, Double> m = new LinkedHashMap<>();
                    Measured send = sends(cf, "q.send", window);
                    record(results, m, t, "persistent sync send (msgs/s)", send.rate);
                    record(results, m, t, "persistent sync send p50 (us)", send.p50);
                    record(results, m, t, "persistent sync send p99 (us)", send.p99);
                    Measured consume = consume(cf, "q.send", send.count);
                    record(results, m, t, "CLIENT_ACKNOWLEDGE consume (msgs/s)", consume.rate);
                    record(results, m, t, "CLIENT_ACKNOWLEDGE receive+ack p50 (us)", consume.p50);
                    record(results, m, t, "CLIENT_ACKNOWLEDGE receive+ack p99 (us)", consume.p99);
                    Measured mixed = producersAndConsumers(cf, "q.mixed", 4, 4, window);
                    record(results, m, t, "4 producers + 4 consumers (msgs/s consumed)", mixed.rate);
                    record(results, m, t, "4+4 send-to-receive p50 (us)", mixed.p50);
                    record(results, m, t, "4+4 send-to-receive p99 (us)", mixed.p99);
                    thisRep.put(t, m);
                } finally {
                    if (server != null) {
                        server.close();
                    } else {
                        EmbeddedBrokers.stop(vmName);
                    }
                    deleteTree(dir);
                }
            }
            for (String metric : thisRep.get("in-VM").keySet()) {
                if (metric.contains("msgs/s")) {
                    double vm = thisRep.get("in-VM").get(metric);
                    put(results, "ratio TCP/in-VM: " + metric, thisRep.get("TCP").get(metric) / vm);
                    put(results, "ratio TLS/in-VM: " + metric, thisRep.get("TLS").get(metric) / vm);
                }
            }
        }
        System.out.printf("=== medians of %d repetitions ===%n", reps);
        results.forEach((k, v) -> System.out.printf(k.startsWith("ratio") ? "%-72s %10.2f%n" : "%-72s %,10.0f%n", k,
                median(v)));
        deleteTree(root);
        System.exit(0);
    }

    private record Measured(long count, double rate, double p50, double p99) {
    }

    private static void record(Map<String, List<Double>> results, Map<String, Double> rep, String transport, String metric,
                               double value) {
        rep.put(metric, value);
        put(results, transport + ": " + metric, value);
    }

    private static void put(Map<String, List<Double>> results, String key, double value) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        System.out.printf(key.startsWith("ratio") ? "%-72s %10.2f%n" : "%-72s %,10.0f%n", key, value);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Percentile of latencies in nanoseconds, in microseconds. */
    private static double percentileMicros(long[] nanos, int n, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] a = Arrays.copyOf(nanos, n);
        Arrays.sort(a);
        return a[Math.min(n - 1, (int) Math.ceil(p * n) - 1)] / 1000.0;
    }

    /** Latencies of one thread, grown as needed. */
    private static final class Latencies {
        long[] values = new long[1 << 16];
        int n;

        void add(long nanos) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = nanos;
        }

        static Latencies merge(List<Latencies> all) {
            Latencies m = new Latencies();
            for (Latencies l : all) {
                for (int i = 0; i < l.n; i++) {
                    m.add(l.values[i]);
                }
            }
            return m;
        }
    }

    private static BytesMessage message(Session s, byte[] body) throws JMSException {
        BytesMessage m = s.createBytesMessage();
        m.writeBytes(body);
        m.setLongProperty("sentNanos", System.nanoTime());
        return m;
    }

    private static Measured sends(ConnectionFactory cf, String queue, double window) throws JMSException {
        byte[] body = new byte[BODY];
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            Latencies lat = new Latencies();
            long start = System.nanoTime();
            long end = start + (long) (window * 1e9);
            long t;
            while ((t = System.nanoTime()) < end) {
                p.send(message(s, body));
                lat.add(System.nanoTime() - t);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Measured(lat.n, lat.n / seconds, percentileMicros(lat.values, lat.n, 0.5),
                    percentileMicros(lat.values, lat.n, 0.99));
        }
    }

    private static Measured consume(ConnectionFactory cf, String queue, long count) throws JMSException {
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            Latencies lat = new Latencies();
            long start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                long t = System.nanoTime();
                Message m = consumer.receive(30_000);
                if (m == null) {
                    throw new IllegalStateException(queue + ": " + i + " of " + count + " messages arrived");
                }
                m.acknowledge();
                lat.add(System.nanoTime() - t);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Measured(count, count / seconds, percentileMicros(lat.values, lat.n, 0.5),
                    percentileMicros(lat.values, lat.n, 0.99));
        }
    }

    /** Producers send for the window; consumers take everything sent; the rate counts consumed messages over the window. */
    private static Measured producersAndConsumers(ConnectionFactory cf, String queue, int producers, int consumers,
                                                  double window) throws Exception {
        byte[] body = new byte[BODY];
        List<Connection> conns = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Latencies> lats = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        long[] consumedInWindow = new long[consumers];
        long[] end = new long[1];
        for (int i = 0; i < consumers; i++) {
            Connection c = cf.createConnection();
            conns.add(c);
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            Latencies lat = new Latencies();
            lats.add(lat);
            int k = i;
            threads.add(new Thread(() -> {
                try {
                    go.await();
                    while (true) {
                        Message m = consumer.receive(producing.get() ? 5_000 : 500);
                        if (m == null) {
                            if (producing.get()) {
                                continue;
                            }
                            return; // drained
                        }
                        long now = System.nanoTime();
                        lat.add(now - m.getLongProperty("sentNanos"));
                        if (now < end[0]) {
                            consumedInWindow[k]++;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (int i = 0; i < producers; i++) {
            Connection c = cf.createConnection();
            conns.add(c);
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            threads.add(new Thread(() -> {
                try {
                    go.await();
                    while (System.nanoTime() < end[0]) {
                        p.send(message(s, body));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        threads.forEach(Thread::start);
        long start = System.nanoTime();
        end[0] = start + (long) (window * 1e9);
        go.countDown();
        for (Thread t : threads.subList(consumers, threads.size())) {
            t.join();
        }
        producing.set(false);
        for (Thread t : threads.subList(0, consumers)) {
            t.join(TimeUnit.SECONDS.toMillis(120));
        }
        for (Connection c : conns) {
            c.close();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark worker failed", failure.get());
        }
        long consumed = Arrays.stream(consumedInWindow).sum();
        Latencies all = Latencies.merge(lats);
        return new Measured(consumed, consumed / window, percentileMicros(all.values, all.n, 0.5),
                percentileMicros(all.values, all.n, 0.99));
    }

    /** A broker key pair for localhost (keytool) and a trust store holding its certificate; returns the key store. */
    private static Path makeKeys(Path root) throws Exception {
        Path keys = root.resolve("broker.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keys.toString(),
                "-storepass", KEY_PASSWORD, "-keypass", KEY_PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            ks.load(in, KEY_PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("broker", ks.getCertificate("broker"));
        try (OutputStream o = Files.newOutputStream(root.resolve("trust.p12"))) {
            trust.store(o, TRUST_PASSWORD.toCharArray());
        }
        return keys;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
