package org.tallymq.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.tallymq.store.journal.Journal;

/**
 * How long compaction holds up writers: several threads append forced 1 KiB records (each the way a
 * persistent send is written) and delete most of them a little later, while a tenth stay live for a long
 * time, so every segment compaction visits holds records to copy forward. A separate thread asks for a full
 * compaction round every 200 ms (on top of the automatic ones) and notes when each round ran. Prints the
 * append latency (median, 99th percentile, max) of appends that overlapped a compaction round and of the
 * others.
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt) org.tallymq.bench.CompactionPause 30 /tmp/tally-compaction
 * </pre>
 *
 * Arguments: seconds (default 30), directory (default a new temporary one), writer threads (default 4).
 */
public final class CompactionPause {

    private CompactionPause() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("tally-compaction");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<long[]> rounds = new ArrayList<>(); // [start, end] in nanoTime
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> samples = new ArrayList<>(); // per thread: [start0, latency0, start1, latency1, ...]
        AtomicLong ids = new AtomicLong();
        try (Journal j = Journal.builder(dir).segmentSize(4 << 20).open()) {
            j.load(new org.tallymq.store.journal.ReplayHandler() {
                @Override
                public void onRecord(org.tallymq.store.journal.LiveRecord r) {
                }

                @Override
                public void onPrepared(org.tallymq.store.journal.PreparedTransaction t) {
                }
            });
            byte[] body = new byte[1024];
            Thread[] writers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                long[] mine = new long[2 * 300_000];
                samples.add(mine);
                writers[t] = new Thread(() -> {
                    int n = 0;
                    long[] recent = new long[500];
                    int k = 0;
                    try {
                        while (System.nanoTime() < end && n < mine.length) {
                            long id = ids.incrementAndGet();
                            long t0 = System.nanoTime();
                            j.appendAdd(id, (byte) 1, body, true).get();
                            long t1 = System.nanoTime();
                            mine[n++] = t0;
                            mine[n++] = t1 - t0;
                            if (id % 10 != 0) { // nine in ten are consumed soon; one in ten lives on
                                long old = recent[k];
                                recent[k] = id;
                                k = (k + 1) % recent.length;
                                if (old != 0) {
                                    j.appendDelete(old, false);
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                    if (n < mine.length) {
                        mine[n] = -1;
                    }
                }, "writer-" + t);
                writers[t].start();
            }
            Thread compactor = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        Thread.sleep(200);
                        long s = System.nanoTime();
                        j.compact().get();
                        synchronized (rounds) {
                            rounds.add(new long[] {s, System.nanoTime()});
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "compact-requests");
            compactor.start();
            for (Thread w : writers) {
                w.join();
            }
            compactor.join();
            System.out.printf("journal at the end: %d segments; %s%n", j.segmentStats().size(),
                    j.compactionProblem() == null ? "no compaction problem" : "compaction problem: " + j.compactionProblem());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the run failed", failure.get());
        }
        List<Long> during = new ArrayList<>();
        List<Long> outside = new ArrayList<>();
        long total = 0;
        for (long[] mine : samples) {
            for (int i = 0; i + 1 < mine.length && mine[i] > 0; i += 2) {
                long start = mine[i];
                long latency = mine[i + 1];
                total++;
                boolean overlaps = false;
                for (long[] r : rounds) {
                    if (start < r[1] && start + latency > r[0]) {
                        overlaps = true;
                        break;
                    }
                }
                (overlaps ? during : outside).add(latency);
            }
        }
        long busy = 0;
        for (long[] r : rounds) {
            busy += r[1] - r[0];
        }
        System.out.printf("%d writers, %d s: %,d forced 1 KiB appends (%,.0f/s); %d compaction rounds requested, busy %.1f s in all%n",
                threads, seconds, total, total / (double) seconds, rounds.size(), busy / 1e9);
        print("appends overlapping a compaction round", during);
        print("appends outside compaction          ", outside);
        System.exit(0);
    }

    private static void print(String what, List<Long> latencies) {
        if (latencies.isEmpty()) {
            System.out.printf("%s: none%n", what);
            return;
        }
        long[] a = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        System.out.printf("%s: %,9d  median %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %6.2f ms%n", what, a.length,
                a[a.length / 2] / 1e6, a[(int) (a.length * 0.99)] / 1e6, a[(int) (a.length * 0.999)] / 1e6, a[a.length - 1] / 1e6);
    }
}
