package org.tallymq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.tallymq.broker.Broker;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;

/**
 * Issue 4 item 5: a queue far deeper than the heap. Produces N (default 1,000,000) PERSISTENT 1 KiB messages
 * into one queue with nobody consuming, restarts the embedded broker (replay), then consumes them all,
 * checking each producer's order and every body. Prints msgs/s of each phase, the heap after a full GC with
 * the whole backlog queued (so the heap cost per paged message), and the peak heap. Broker and clients share
 * this JVM, so run it with a small heap:
 *
 * <pre>
 * mvn -q -B -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx256m -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt) org.tallymq.bench.PagingSoak 1000000 /tmp/tally-paging
 * </pre>
 *
 * Arguments: message count (default 1,000,000), data directory (default a new temporary one; must be empty),
 * producers (default 4), memory budget in bytes (default half the heap; a small one, say 2000000, pages nearly
 * every message, so the heap per queued message printed is the cost of a paged one). Producers send in transactions of 100 (each commit forced); the consumer commits
 * every 100 too. The memory budget is the default, half the heap (paging starts at a quarter of it).
 */
public final class PagingSoak {

    private static final String QUEUE = "deep";
    private static final int BATCH = 100;

    private PagingSoak() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("tally-paging");
        int producers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String budget = args.length > 3 ? "&memoryBudget=" + Long.parseLong(args[3]) : "";
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf("paging soak: %,d PERSISTENT 1 KiB messages, %d producers, max heap %,d MiB, data in %s%n", count,
                producers, maxHeap >> 20, dir);
        if (maxHeap > (300L << 20)) {
            System.out.println("note: the point is a small heap; run with -Xmx256m");
        }
        HeapWatch watch = new HeapWatch();
        watch.start();
        String url = "vm://paging?dataDir=" + dir + budget;
        TallyConnectionFactory cf = new TallyConnectionFactory(url);

        produce(cf, count, producers, watch);
        EmbeddedBrokers.stop("paging");
        restartAndConsume(cf, count, producers, watch);
        EmbeddedBrokers.stop("paging");
        watch.stopWatch();
        System.out.printf("HEAP: peak used %,.1f MiB, largest after a GC %,.1f MiB, max heap %,d MiB%n",
                watch.peak() / 1048576.0, watch.maxAfterGc() / 1048576.0, maxHeap >> 20);
        System.exit(0);
    }

    /** Phase 1, in its own frame so that nothing of it stays reachable from main's locals. */
    private static void produce(TallyConnectionFactory cf, int count, int producers, HeapWatch watch) throws Exception {
        try (Connection c = cf.createConnection()) {
            long base = watch.liveAfterGc();
            System.out.printf("broker started; heap after GC %,.1f MiB%n", base / 1048576.0);
            AtomicLong sent = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread[] threads = new Thread[producers];
            long start = System.nanoTime();
            for (int p = 0; p < producers; p++) {
                int id = p;
                int share = count / producers + (p < count % producers ? 1 : 0);
                threads[p] = new Thread(() -> {
                    try (Connection pc = cf.createConnection()) {
                        Session s = pc.createSession(true, Session.SESSION_TRANSACTED);
                        MessageProducer producer = s.createProducer(s.createQueue(QUEUE));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                        for (int n = 0; n < share; n++) {
                            BytesMessage m = s.createBytesMessage();
                            m.writeBytes(body(id, n));
                            m.setIntProperty("p", id);
                            m.setIntProperty("n", n);
                            producer.send(m);
                            if (n % BATCH == BATCH - 1 || n == share - 1) {
                                s.commit();
                                sent.addAndGet(n % BATCH + 1);
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }, "paging-producer-" + p);
                threads[p].start();
            }
            progress(threads, sent, "sent", start);
            if (failure.get() != null) {
                throw new IllegalStateException("a producer failed", failure.get());
            }
            double secs = (System.nanoTime() - start) / 1e9;
            Broker b = EmbeddedBrokers.get("paging");
            long live = watch.liveAfterGc();
            System.out.printf("PRODUCE: %,d messages in %.1f s = %,.0f msgs/s; queue depth %,d; message bytes on the heap"
                            + " %,.1f MiB; heap after GC %,.1f MiB = %,.0f bytes per queued message above the idle broker%n",
                    sent.get(), secs, sent.get() / secs, b.queueDepth(QUEUE), b.queuedBytes() / 1048576.0,
                    live / 1048576.0, (live - base) / (double) count);
        }

    }

    /** Phases 2 and 3: restart (replay keeps ids only beyond the paging threshold), then consume everything. */
    private static void restartAndConsume(TallyConnectionFactory cf, int count, int producers, HeapWatch watch)
            throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = cf.createConnection()) {
            double secs = (System.nanoTime() - t0) / 1e9;
            Broker b = EmbeddedBrokers.get("paging");
            long live = watch.liveAfterGc();
            System.out.printf("RESTART: replayed %,d messages in %.1f s = %,.0f records/s; heap after GC %,.1f MiB%n",
                    b.queueDepth(QUEUE), secs, b.queueDepth(QUEUE) / secs, live / 1048576.0);

            if (Boolean.getBoolean("paging.pause")) {
                Thread.sleep(15_000); // time for: jcmd PID GC.class_histogram
            }

            // ---- consume ----
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = s.createConsumer(s.createQueue(QUEUE));
            c.start();
            int[] next = new int[producers];
            AtomicLong received = new AtomicLong();
            Thread ticker = new Thread(() -> {
                try {
                    progress(null, received, "received", System.nanoTime());
                } catch (InterruptedException ignored) {
                    // done
                }
            }, "paging-ticker");
            ticker.setDaemon(true);
            long start = System.nanoTime();
            ticker.start();
            for (int i = 0; i < count; i++) {
                Message m = consumer.receive(30_000);
                if (m == null) {
                    throw new IllegalStateException("message " + i + " of " + count + " did not come within 30 s");
                }
                int p = m.getIntProperty("p");
                int n = m.getIntProperty("n");
                if (n != next[p]) {
                    throw new IllegalStateException("producer " + p + ": expected message " + next[p] + ", got " + n);
                }
                next[p]++;
                check((BytesMessage) m, p, n);
                if (i % BATCH == BATCH - 1) {
                    s.commit();
                    received.set(i + 1);
                }
            }
            s.commit();
            received.set(count);
            ticker.interrupt();
            double secsConsume = (System.nanoTime() - start) / 1e9;
            if (consumer.receive(1_000) != null) {
                throw new IllegalStateException("a message more than was sent came back");
            }
            System.out.printf("CONSUME: %,d messages in %.1f s = %,.0f msgs/s, every producer's order and every body"
                    + " checked; queue depth now %,d%n", count, secsConsume, count / secsConsume, b.queueDepth(QUEUE));
        }
    }

    private static void progress(Thread[] until, AtomicLong counter, String what, long start) throws InterruptedException {
        long last = 0;
        while (until == null || alive(until)) {
            Thread.sleep(5_000);
            long now = counter.get();
            System.out.printf("  %5.0f s: %s %,d (%,.0f/s)%n", (System.nanoTime() - start) / 1e9, what, now, (now - last) / 5.0);
            last = now;
        }
    }

    private static boolean alive(Thread[] threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(100);
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    private static byte[] body(int p, int n) {
        byte[] b = new byte[1024];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (p * 7 + n * 31 + k);
        }
        return b;
    }

    private static void check(BytesMessage m, int p, int n) throws Exception {
        byte[] got = new byte[(int) m.getBodyLength()];
        m.readBytes(got);
        if (!java.util.Arrays.equals(got, body(p, n))) {
            throw new IllegalStateException("body of message " + n + " of producer " + p + " is not what was sent");
        }
    }

    /** Samples the heap: peak use, and the largest use right after a collection (live data). */
    private static final class HeapWatch extends Thread {
        private volatile boolean running = true;
        private volatile long peak;
        private volatile long maxAfterGc;

        HeapWatch() {
            super("heap-watch");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                long used = 0;
                long afterGc = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                        if (pool.getCollectionUsage() != null) {
                            afterGc += pool.getCollectionUsage().getUsed();
                        }
                    }
                }
                peak = Math.max(peak, used);
                maxAfterGc = Math.max(maxAfterGc, afterGc);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long liveAfterGc() {
            System.gc();
            System.runFinalization();
            System.gc();
            Runtime r = Runtime.getRuntime();
            return r.totalMemory() - r.freeMemory();
        }

        long peak() {
            return peak;
        }

        long maxAfterGc() {
            return maxAfterGc;
        }

        void stopWatch() {
            running = false;
        }
    }
}
