package org.tallymq.samples.exactlyonce;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
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
 *     -Dsample.main=org.tallymq.samples.exactlyonce.ExactlyOnceBench -Dexec.args="5"
 * </pre>
 *
 * Arguments: seconds per measurement (default 5); optionally a transport ({@code vm} or {@code tcp}) and a
 * thread count, to run one measurement alone (that is how forces are counted: run one measurement under
 * {@code strace -f -y -e trace=fsync,fdatasync} and attribute each call by the file it names: Tally's journal
 * {@code tally-*.jnl}, H2's {@code orders.mv.db}, Narayana's object store {@code tx-log/...}). It also prints
 * the machine's fsync limit (1 KiB write + force, sequential) to compare with.
 */
public final class ExactlyOnceBench {

    private ExactlyOnceBench() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("com.arjuna").setLevel(Level.SEVERE);
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<String> transports = args.length > 1 ? List.of(args[1]) : List.of("vm", "tcp");
        int[] threads = args.length > 2 ? new int[] {Integer.parseInt(args[2])} : new int[] {1, 4};
        Path root = Path.of("target", "xa-bench").toAbsolutePath();
        ExactlyOnce.deleteTree(root);
        Files.createDirectories(root);
        System.out.printf("ExactlyOnceBench: %.1f s per measurement, JVM %s, %d cores, data in %s%n", seconds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), root);
        System.out.printf("fsync limit (1 KiB write + force, ops/s): %,.0f%n", fsyncLimit(root.resolve("fsync.dat"), 2));
        for (String transport : transports) {
            TallyServer server = null;
            String url;
            if (transport.equals("tcp")) {
                server = TallyServer.start(BrokerConfig.builder("xa-bench").dataDir(root.resolve("tally-tcp")).build(),
                        new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
                url = "tcp://127.0.0.1:" + server.address().getPort();
            } else {
                url = "vm://xa-bench?dataDir=" + root.resolve("tally-vm");
            }
            try (ExactlyOnceApp app = ExactlyOnceApp.start(new ExactlyOnceApp.Settings(root, url, "xa-bench", 120, 20_000))) {
                int next = 1;
                for (int t : threads) {
                    // warm up (and estimate the rate so the queue never runs dry during the measurement)
                    app.sendOrders(next, 200 * t);
                    next += 200 * t;
                    double warm = measure(app, t, 1.5);
                    int needed = (int) (warm * seconds * 2) + 500;
                    app.sendOrders(next, needed);
                    next += needed;
                    double rate = measure(app, t, seconds);
                    System.out.printf("%-4s %d thread(s): %,8.1f XA transactions/s (receive + INSERT + send, 2PC over Tally and H2)%n",
                            transport, t, rate);
                    app.drainConfirmations(200);
                }
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
        System.exit(0);
    }

    /** Runs {@code threads} processors for {@code seconds}; returns committed transactions per second. */
    private static double measure(ExactlyOnceApp app, int threads, double seconds) throws Exception {
        AtomicInteger committed = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
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
