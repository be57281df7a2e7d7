package org.tallymq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;

/**
 * The cost of duplicate detection on PERSISTENT send throughput (issue 8): synchronous 1 KiB sends to an
 * embedded broker with 1 and 4 producers, without duplicate ids ("off") and with a new
 * {@code TallyDuplicateId} on every message ("on": the {@code autoDuplicateId=true} URL option, so each
 * send also writes, forces and later deletes a DUPLICATE_ID journal record, and the broker keeps the id
 * in its cache). Both run against the same broker in the same repetition, in alternating slices of half a
 * second (the disk's fsync rate drifts on a shared machine, by 5x within a minute, so off and on are
 * interleaved rather than measured one after the other); each repetition uses a fresh broker and data
 * directory. Prints msgs/s of each repetition, then the medians and the median of the per-repetition
 * on/off ratios.
 *
 * <pre>
 * mvn -q -B -pl provider,benchmarks -am package -DskipTests
 * mvn -q -B -pl provider dependency:build-classpath -Dmdep.outputFile=/tmp/deps.txt
 * java -cp benchmarks/target/classes:provider/target/classes:$(cat /tmp/deps.txt) \
 *     org.tallymq.bench.DuplicateDetectionBench benchmarks/target/dup-bench 5 3
 * </pre>
 *
 * Arguments: data directory (default {@code ./dup-bench-data}; deleted first and at the end), repetitions
 * (5), seconds per window (3: that long with detection off plus as long with it on, in 0.5 s slices), and
 * {@code disk} (default) or {@code memory}: the latter runs the broker with {@code persistent=false}, no
 * journal, which leaves the CPU cost of the detector itself (property, cache) to see.
 */
public final class DuplicateDetectionBench {

    private static final int BODY = 1024;

    private DuplicateDetectionBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "dup-bench-data").toAbsolutePath();
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double window = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        boolean memory = args.length > 3 && args[3].equals("memory");
        deleteTree(root);
        Files.createDirectories(root);
        System.out.printf("DuplicateDetectionBench: data in %s (%s), %d repetitions, %.1f s windows, JVM %s, %d cores%n",
                root, memory ? "memory only: no journal" : "journal on disk", reps, window, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int r = 1; r <= reps; r++) {
            String name = "dup-bench-" + r;
            String url = "vm://" + name + "?dataDir=" + root.resolve("r" + r) + (memory ? "&persistent=false" : "");
            ConnectionFactory off = new TallyConnectionFactory(url);
            ConnectionFactory on = new TallyConnectionFactory(url + "&autoDuplicateId=true");
            for (int producers : new int[] {1, 4}) {
                Producers offP = new Producers(off, "q.off." + producers, producers);
                Producers onP = new Producers(on, "q.on." + producers, producers);
                int slices = Math.max(1, (int) Math.round(window / SLICE));
                for (int i = 0; i < slices; i++) {
                    boolean offFirst = (i + r) % 2 == 0;
                    (offFirst ? offP : onP).run(SLICE);
                    (offFirst ? onP : offP).run(SLICE);
                }
                double offRate = offP.close();
                double onRate = onP.close();
                System.out.printf("rep %d, %d producer(s): off %,10.1f msgs/s   on %,10.1f msgs/s   on/off %.3f%n",
                        r, producers, offRate, onRate, onRate / offRate);
                put(results, producers + " producer(s), detection off (msgs/s)", offRate);
                put(results, producers + " producer(s), detection on  (msgs/s)", onRate);
                put(results, producers + " producer(s), on/off ratio", onRate / offRate);
            }
            EmbeddedBrokers.stop(name);
            deleteTree(root.resolve("r" + r));
        }
        System.out.printf("=== medians of %d repetitions ===%n", reps);
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            double m = median(e.getValue());
            System.out.printf(e.getKey().contains("ratio") ? "%-45s %12.3f%n" : "%-45s %,12.1f%n", e.getKey(), m);
        }
        deleteTree(root);
        System.exit(0);
    }

    private static final double SLICE = 0.5;

    /**
     * {@code n} producers, each with its own connection and session, sending PERSISTENT 1 KiB messages
     * during the slices it is {@link #run} for; {@link #close} gives msgs/s over those slices.
     */
    private static final class Producers {
        private final List<Connection> conns = new ArrayList<>();
        private final List<Session> sessions = new ArrayList<>();
        private final List<MessageProducer> producers = new ArrayList<>();
        private final AtomicLong count = new AtomicLong();
        private final byte[] body = new byte[BODY];
        private long nanos;

        Producers(ConnectionFactory cf, String queue, int n) throws Exception {
            for (int i = 0; i < n; i++) {
                Connection c = cf.createConnection();
                conns.add(c);
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                sessions.add(s);
                MessageProducer p = s.createProducer(s.createQueue(queue));
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                producers.add(p);
            }
        }

        void run(double seconds) throws Exception {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            for (int i = 0; i < sessions.size(); i++) {
                Session s = sessions.get(i);
                MessageProducer p = producers.get(i);
                Thread t = new Thread(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            BytesMessage m = s.createBytesMessage();
                            m.writeBytes(body);
                            p.send(m);
                            count.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            nanos += System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("benchmark producer failed", failure.get());
            }
        }

        double close() throws Exception {
            for (Connection c : conns) {
                c.close();
            }
            return count.get() / (nanos / 1e9);
        }
    }

    private static void put(Map<String, List<Double>> results, String key, double value) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
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
