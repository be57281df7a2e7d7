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
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.tallymq.broker.Broker;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;
import org.tallymq.server.TallyServer;
import org.tallymq.transport.tcp.TcpOptions;

/**
 * Persistence throughput (issue 4), all on one disk in one run: the fsync limit of the machine
 * (1 KiB write + force on a preallocated file), PERSISTENT synchronous sends of 1 KiB with 1, 4 and
 * 16 producers (each its own connection and session) in-VM and over TCP, a transacted producer
 * committing every 100, a CLIENT_ACKNOWLEDGE consumer acknowledging every message (durable acks),
 * and the time a broker takes to replay a journal of many messages at start. Each measurement runs
 * for a fixed window; the whole set is repeated and the medians printed.
 *
 * <pre>
 * mvn -q -B -pl benchmarks -am package -DskipTests
 * mvn -q -B -pl provider dependency:build-classpath -Dmdep.outputFile=/tmp/deps.txt
 * java -cp benchmarks/target/classes:provider/target/classes:$(cat /tmp/deps.txt) \
 *     org.tallymq.bench.PersistentBench benchmarks/target/bench-data 3 3 500000
 * </pre>
 *
 * ({@code exec:java} on the benchmarks module alone needs the provider in the local repository, which
 * this project does not install.) Arguments: data directory (default {@code ./bench-data}; deleted first
 * and at the end), repetitions (3), seconds per window (3), messages in the replay journal (300000,
 * 256-byte bodies). Heap: {@code -Xmx} as you like; a 1,000,000-message replay holds about 620 MiB.
 *
 * <p>The machine's fsync rate drifts (on a shared VM by 5x within a minute), so each measurement is
 * followed by an fsync window and its ratio is taken to the mean of the windows on either side; the
 * medians of those ratios are the numbers to compare with the targets of issue 4.
 */
public final class PersistentBench {

    private static final int BODY = 1024;

    private PersistentBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "bench-data").toAbsolutePath();
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double window = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        int replayMessages = args.length > 3 ? Integer.parseInt(args[3]) : 300_000;
        deleteTree(root);
        Files.createDirectories(root);
        System.out.printf("PersistentBench: data in %s, %d repetitions, %.1f s windows, JVM %s, %d cores, max heap %d MiB%n",
                root, reps, window, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Map<String, List<Double>> results = new LinkedHashMap<>();
        // The disk's fsync rate drifts a lot on a shared machine, so every measurement sits between two fsync
        // windows and its ratio is taken to their mean, not to a number measured a minute earlier.
        Bracket b = new Bracket(root.resolve("fsync.dat"), Math.max(1, window / 2), results);
        for (int r = 1; r <= reps; r++) {
            System.out.printf("--- repetition %d ---%n", r);
            ConnectionFactory vm = new TallyConnectionFactory("vm://bench-" + r + "?dataDir=" + root.resolve("vm-" + r));
            Map<Integer, Double> vmRate = new LinkedHashMap<>();
            for (int p : new int[] {1, 4, 16}) {
                vmRate.put(p, b.measure("in-VM persistent send, " + p + " producer(s) (msgs/s)", "in-VM " + p,
                        () -> sends(vm, "q.vm." + p, p, window)));
            }
            b.measure("in-VM transacted send, commit every 100 (msgs/s)", "transacted", () -> transacted(vm, "q.tx", window));
            b.measure("in-VM CLIENT_ACKNOWLEDGE consume, ack each (msgs/s)", "consume", () -> consume(vm, "q.vm.16", window));
            EmbeddedBrokers.stop("bench-" + r);
            try (TallyServer server = TallyServer.start(BrokerConfig.builder("bench-tcp-" + r).dataDir(root.resolve("tcp-" + r))
                    .build(), new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults())) {
                ConnectionFactory tcp = new TallyConnectionFactory("tcp://127.0.0.1:" + server.address().getPort());
                for (int p : new int[] {1, 4, 16}) {
                    double rate = b.measure("TCP persistent send, " + p + " producer(s) (msgs/s)", "TCP " + p,
                            () -> sends(tcp, "q.tcp." + p, p, window));
                    put(results, "  same repetition: TCP " + p + " / in-VM " + p, rate / vmRate.get(p));
                }
            }
            put(results, "heap used after the sends (MiB)", heapMiB());
            deleteTree(root.resolve("vm-" + r));
            deleteTree(root.resolve("tcp-" + r));
        }
        Path replayDir = root.resolve("replay");
        fill(replayDir, replayMessages);
        for (int r = 1; r <= reps; r++) {
            System.gc();
            long before = usedHeap();
            long start = System.nanoTime();
            Broker broker;
            try {
                broker = Broker.start(BrokerConfig.builder("bench-replay-" + r).dataDir(replayDir).build());
            } catch (IOException e) {
                // seen with 1,000,000 messages on a busy machine: Broker.start gives the replay 10 s (Broker.inspect)
                System.out.printf("replay %d: FAILED after %.2f s: %s%n", r, (System.nanoTime() - start) / 1e9, e.getMessage());
                continue;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int depth = broker.queueDepth("q.replay");
            System.gc();
            double heap = (usedHeap() - before) / 1048576.0;
            broker.close();
            System.out.printf("replay %d: %,d messages in %.2f s = %,.0f records/s; heap held by the replayed broker %.1f MiB%n",
                    r, depth, seconds, depth / seconds, heap);
            put(results, "replay (records/s)", depth / seconds);
            put(results, "replay time for " + depth + " messages (s)", seconds);
            put(results, "heap held after replay (MiB)", heap);
        }
        System.out.printf("=== medians of %d repetitions ===%n", reps);
        Map<String, Double> med = new LinkedHashMap<>();
        results.forEach((k, v) -> med.put(k, median(v)));
        double fsync = med.get("fsync limit (ops/s)");
        System.out.println("(lines starting 'same window' are medians of per-measurement ratios, the ones to read;"
                + " 'median / median fsync' divides medians taken at different times)");
        Map<Integer, Double> vmRates = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : med.entrySet()) {
            String k = e.getKey();
            String extra = "";
            if (k.startsWith("  same")) {
                System.out.printf("%-58s %12.2f%n", k, e.getValue());
                continue;
            }
            if (k.contains("send, ") && k.contains("producer")) {
                extra = String.format("   (median / median fsync: %.2f)", e.getValue() / fsync);
                int p = Integer.parseInt(k.replaceAll(".*send, (\\d+) producer.*", "$1"));
                if (k.startsWith("in-VM")) {
                    vmRates.put(p, e.getValue());
                } else if (vmRates.containsKey(p)) {
                    extra += String.format("   (TCP/in-VM of medians: %.2f)", e.getValue() / vmRates.get(p));
                }
            } else if (k.contains("transacted") || k.contains("consume")) {
                extra = String.format("   (median / median fsync: %.2f)", e.getValue() / fsync);
            }
            System.out.printf("%-58s %,12.1f%s%n", k, e.getValue(), extra);
        }
        deleteTree(root);
        System.exit(0);
    }

    private interface Rate {
        double measure() throws Exception;
    }

    /** Measures between fsync windows: each measurement is followed by one, and compared with the mean of both. */
    private static final class Bracket {
        private final Path file;
        private final double window;
        private final Map<String, List<Double>> results;
        private double last = -1;

        Bracket(Path file, double window, Map<String, List<Double>> results) {
            this.file = file;
            this.window = window;
            this.results = results;
        }

        double measure(String key, String shortName, Rate rate) throws Exception {
            if (last < 0) {
                last = FsyncProbe.limit(file, window);
                put(results, "fsync limit (ops/s)", last);
            }
            double value = rate.measure();
            double after = FsyncProbe.limit(file, window);
            put(results, key, value);
            put(results, "  same window: " + shortName + " / fsync limit around it", value / ((last + after) / 2));
            put(results, "fsync limit (ops/s)", after);
            last = after;
            return value;
        }
    }

    private static void put(Map<String, List<Double>> results, String key, double value) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        System.out.printf(key.startsWith("  ") ? "%-58s %12.2f%n" : "%-58s %,12.1f%n", key, value);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private interface Work {
        /** One unit of work; returns how many messages it moved. */
        int run() throws JMSException;
    }

    /** Runs {@code threads} workers, each with its own connection, for {@code window} seconds; msgs/s. */
    private static double timed(ConnectionFactory cf, int threads, double window, java.util.function.Function<Connection, Work> setup)
            throws Exception {
        List<Connection> conns = new ArrayList<>();
        List<Work> works = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = cf.createConnection();
            conns.add(c);
            works.add(setup.apply(c));
        }
        AtomicLong count = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + (long) (window * 1e9);
        List<Thread> ts = new ArrayList<>();
        for (Work w : works) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        count.addAndGet(w.run());
                    }
                } catch (Done e) {
                    // this worker's share is written
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Connection c : conns) {
            c.close();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark worker failed", failure.get());
        }
        return count.get() / seconds;
    }

    private static Work unchecked(Connection c, WorkFactory f) {
        try {
            return f.make(c);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface WorkFactory {
        Work make(Connection c) throws JMSException;
    }

    private static double sends(ConnectionFactory cf, String queue, int producers, double window) throws Exception {
        byte[] body = new byte[BODY];
        return timed(cf, producers, window, c -> unchecked(c, conn -> {
            Session s = conn.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            return () -> {
                BytesMessage m = s.createBytesMessage();
                m.writeBytes(body);
                p.send(m);
                return 1;
            };
        }));
    }

    private static double transacted(ConnectionFactory cf, String queue, double window) throws Exception {
        byte[] body = new byte[BODY];
        return timed(cf, 1, window, c -> unchecked(c, conn -> {
            Session s = conn.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            return () -> {
                for (int i = 0; i < 100; i++) {
                    BytesMessage m = s.createBytesMessage();
                    m.writeBytes(body);
                    p.send(m);
                }
                s.commit();
                return 100;
            };
        }));
    }

    private static double consume(ConnectionFactory cf, String queue, double window) throws Exception {
        return timed(cf, 1, window, c -> unchecked(c, conn -> {
            Session s = conn.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            conn.start();
            return () -> {
                Message m = consumer.receive(5000);
                if (m == null) {
                    throw new IllegalStateException("queue " + queue + " ran dry; make the send window longer");
                }
                m.acknowledge();
                return 1;
            };
        }));
    }

    /** Writes {@code n} persistent 256-byte messages with 4 transacted producers committing every 500. */
    private static void fill(Path dir, int n) throws Exception {
        long start = System.nanoTime();
        String name = "bench-fill";
        ConnectionFactory cf = new TallyConnectionFactory("vm://" + name + "?dataDir=" + dir);
        byte[] body = new byte[256];
        AtomicLong left = new AtomicLong(n);
        timed(cf, 4, 3600, c -> unchecked(c, conn -> {
            Session s = conn.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue("q.replay"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            return () -> {
                int k = (int) Math.min(500, Math.max(0, left.getAndAdd(-500)));
                if (k == 0) {
                    throw new Done();
                }
                for (int i = 0; i < k; i++) {
                    BytesMessage m = s.createBytesMessage();
                    m.writeBytes(body);
                    p.send(m);
                }
                s.commit();
                return k;
            };
        }));
        EmbeddedBrokers.stop(name);
        System.out.printf("replay journal: %,d messages written in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
    }

    /** Ends a worker of {@link #fill} when the count is reached. */
    private static final class Done extends RuntimeException {
        Done() {
            super("done", null, false, false);
        }
    }

    private static double heapMiB() {
        System.gc();
        return usedHeap() / 1048576.0;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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
