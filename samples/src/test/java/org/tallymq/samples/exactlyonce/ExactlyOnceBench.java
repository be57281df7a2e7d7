package org.tallymq.samples.exactlyonce;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.samples.exactlyonce.OrderProcessor.Order;
import org.tallymq.server.TallyServer;
import org.tallymq.transport.tcp.TcpOptions;

/**
 * Benchmark (issue 5): XA transactions per second for the exactly-once sample's transaction (receive from IN,
 * insert a row into H2, send to OUT, two-phase commit by Narayana), with an embedded broker and with a broker
 * over TCP on loopback (in this JVM), for 1 and 4 threads (each its own XA session and H2 connection).
 *
 * <pre>
 * mvn -q -pl samples -am package exec:java -DskipTests -Dexec.classpathScope=test \
 *     -Dsample.main=org.tallymq.samples.exactlyonce.ExactlyOnceBench -Dexec.args="5 3"
 * </pre>
 *
 * Arguments: seconds per measurement (default 5), repetitions (default 3; medians are printed); optionally a
 * transport ({@code vm} or {@code tcp}) and a thread count, to run one configuration alone (that is how
 * forces are counted: run one configuration under
 * {@code strace -f -ttt -y -e trace=fsync,fdatasync}, count the calls between the times of the {@code WINDOW}
 * line that follows each measurement, and attribute each by the file it names: Tally's journal
 * {@code tally-*.jnl}, H2's {@code orders.mv.db}, Narayana's object store {@code tx-log/...}). It also prints
 * the machine's fsync limit (1 KiB write + force, sequential) to compare with.
 */
public final class ExactlyOnceBench {

    private ExactlyOnceBench() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("com.arjuna").setLevel(Level.SEVERE);
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> transports = args.length > 2 ? List.of(args[2]) : List.of("vm", "tcp");
        int[] threads = args.length > 3 ? new int[] {Integer.parseInt(args[3])} : new int[] {1, 4};
        Path root = Path.of("target", "xa-bench").toAbsolutePath();
        ExactlyOnce.deleteTree(root);
        Files.createDirectories(root);
        System.out.printf("ExactlyOnceBench: %.1f s per measurement, %d repetitions, JVM %s, %d cores, data in %s%n", seconds, reps,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), root);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        List<Double> fsyncs = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            for (String transport : transports) {
                TallyServer server = null;
                String url;
                if (transport.equals("tcp")) {
                    server = TallyServer.start(BrokerConfig.builder("xa-bench-" + rep).dataDir(root.resolve("tally-tcp-" + rep)).build(),
                            new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
                    url = "tcp://127.0.0.1:" + server.address().getPort();
                } else {
                    url = "vm://xa-bench-" + rep + "?dataDir=" + root.resolve("tally-vm-" + rep);
                }
                try (ExactlyOnceApp app = ExactlyOnceApp.start(new ExactlyOnceApp.Settings(root, url, "xa-bench", 120, 20_000))) {
                    int next = 1;
                    for (int t : threads) {
                        // warm up (and estimate the rate so the queue never runs dry during the measurement)
                        app.sendOrders(next, 100 * t);
                        next += 100 * t;
                        double warm = measure(app, t, 1.5);
                        int needed = (int) (warm * seconds * 2) + 300;
                        app.sendOrders(next, needed);
                        next += needed;
                        double fsync = fsyncLimit(root.resolve("fsync.dat"), 1);
                        double rate = measure(app, t, seconds);
                        fsyncs.add(fsync);
                        String key = String.format("%-3s %d thread(s)", transport, t);
                        rates.computeIfAbsent(key, k -> new ArrayList<>()).add(rate);
                        ratios.computeIfAbsent(key, k -> new ArrayList<>()).add(rate / fsync);
                        System.out.printf("rep %d  %s: %,7.1f XA transactions/s   (fsync limit just before: %,.0f/s)%n", rep, key, rate, fsync);
                        app.drainConfirmations(200);
                    }
                } finally {
                    if (server != null) {
                        server.close();
                    }
                }
            }
        }
        System.out.printf("--- medians over %d repetitions (receive + INSERT + send, two-phase commit over Tally and H2 by Narayana) ---%n", reps);
        System.out.printf("fsync limit (1 KiB write + force, ops/s): %,.0f%n", median(fsyncs));
        for (String key : rates.keySet()) {
            System.out.printf("%s: %,7.1f XA transactions/s   (%.3f transactions per fsync of the machine)%n", key, median(rates.get(key)),
                    median(ratios.get(key)));
        }
        System.exit(0);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Runs {@code threads} processors for {@code seconds}; returns committed transactions per second. */
    private static double measure(ExactlyOnceApp app, int threads, double seconds) throws Exception {
        AtomicInteger committed = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        long startEpoch = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        for (int i = 0; i < threads; i++) {
            OrderProcessor p = app.processor((name, r) -> r);
            int first = i;
            Thread w = new Thread(() -> {
                int n = first;
                try (p) {
                    while (System.nanoTime() < end) {
                        if (p.processOne(n++ % 2 == 0 ? Order.TALLY_FIRST : Order.H2_FIRST, 1_000) == null) {
                            break;
                        }
                        committed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "xa-bench-" + i);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        // for counting forces under strace -ttt: the window in epoch seconds and what committed in it
        System.out.printf("WINDOW %.6f %.6f committed=%d%n", startEpoch / 1e6, Instant.now().toEpochMilli() / 1e3 + 0.0, committed.get());
        if (failure.get() != null) {
            throw failure.get();
        }
        return committed.get() / elapsed;
    }

    private static double fsyncLimit(Path file, double window) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1024);
            ch.write(ByteBuffer.allocate(16 << 20), 0);
            ch.force(true);
            long pos = 0;
            int n = 0;
            long end = System.nanoTime() + (long) (window * 1e9);
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                b.clear();
                ch.write(b, pos);
                ch.force(false);
                pos = (pos + 1024) % (16 << 20);
                n++;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
