package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark, run by hand (not a test):
 * <pre>
 *   java -cp provider/target/classes:provider/target/test-classes org.tallymq.store.journal.JournalBench DIR [seconds] [replayRecords] [replayPayload]
 * </pre>
 * Prints: the fsync limit (1 KiB write + force on a preallocated file, ops/s); journal sync appends/s with
 * 1, 4 and 16 concurrent appenders (1 KiB payloads); replay rate (open + load) for replayRecords records.
 */
public final class JournalBench {
    private JournalBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int replayRecords = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int replayPayload = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        Files.createDirectories(base);
        if (args.length > 4 && args[4].equals("lone")) {
            // many short alternating windows: fsync loop, lone appender, fsync loop, ...
            Path oneDir = base.resolve("append-1");
            JournalTestSupport.deleteDir(oneDir);
            try (Journal j = warmJournal(oneDir)) {
                for (int round = 0; round < 10; round++) {
                    double f = fsyncLimit(base.resolve("fsync.bin"), seconds);
                    double a = appenders(j, 1, seconds);
                    System.out.printf("round %d: fsync %.0f ops/s, lone appender %.0f appends/s, ratio %.2f%n", round, f, a, a / f);
                }
            } finally {
                JournalTestSupport.deleteDir(oneDir);
            }
            return;
        }
        if (args.length > 4 && args[4].equals("replay-only")) {
            System.out.printf("replay: %.0f records/s%n", replay(base.resolve("replay"), replayRecords, replayPayload));
            return;
        }
        // fsync latency on a shared machine drifts: alternate short windows of the raw loop and the lone appender
        double fsyncOps = 0;
        double oneOps = 0;
        Path oneDir = base.resolve("append-1");
        JournalTestSupport.deleteDir(oneDir);
        try (Journal j = warmJournal(oneDir)) {
            for (int round = 0; round < 3; round++) {
                fsyncOps += fsyncLimit(base.resolve("fsync.bin"), seconds / 3);
                oneOps += appenders(j, 1, seconds / 3);
            }
        } finally {
            JournalTestSupport.deleteDir(oneDir);
        }
        double fsync = fsyncOps / 3;
        System.out.printf("fsync limit (1 KiB write + force, preallocated): %.0f ops/s%n", fsync);
        System.out.printf("journal sync appends,  1 appenders, 1 KiB: %.0f appends/s (%.2fx fsync limit, alternating windows)%n",
                oneOps / 3, oneOps / 3 / fsync);
        for (int threads : new int[] {4, 16}) {
            Path dir = base.resolve("append-" + threads);
            JournalTestSupport.deleteDir(dir);
            double rate;
            try (Journal j = warmJournal(dir)) {
                rate = appenders(j, threads, seconds);
            } finally {
                JournalTestSupport.deleteDir(dir);
            }
            System.out.printf("journal sync appends, %2d appenders, 1 KiB: %.0f appends/s (%.2fx fsync limit)%n",
                    threads, rate, rate / fsync);
        }
        double replay = replay(base.resolve("replay"), replayRecords, replayPayload);
        System.out.printf("replay (open + load) of %d records of %d B: %.0f records/s%n", replayRecords, replayPayload, replay);
    }

    static double fsyncLimit(Path file, double seconds) throws IOException {
        Files.deleteIfExists(file);
        int size = 64 << 20;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long p = 0; p < size; p += zeros.capacity()) {
                zeros.clear();
                ch.write(zeros, p);
            }
            ch.force(true);
            ByteBuffer block = ByteBuffer.allocateDirect(1024);
            long ops = 0;
            long pos = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                block.clear();
                ch.write(block, pos);
                ch.force(false);
                pos = (pos + 1024) % size;
                ops++;
            }
            return ops / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * An open, loaded journal whose spare segment is already preallocated (so the 32 MiB of zeros it writes
     * in the background do not compete with the measurement), with the code paths warmed up.
     */
    static Journal warmJournal(Path dir) throws Exception {
        Journal j = Journal.builder(dir).open();
        j.load(new Collector());
        for (int i = 0; i < 300; i++) {
            j.appendAdd(-1 - i, (byte) 0, new byte[1024], true).get();
            j.appendDelete(-1 - i, false);
        }
        while (JournalTestSupport.segmentFiles(dir).size() < 2) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        return j;
    }

    private static final AtomicLong IDS = new AtomicLong();

    static double appenders(Journal j, int threads, double seconds) throws Exception {
        {
            byte[] payload = new byte[1024];
            AtomicLong ids = IDS;
            AtomicLong done = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            j.appendAdd(ids.getAndIncrement(), (byte) 0, payload, true).get();
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                ts.add(th);
            }
            long start = System.nanoTime();
            ts.forEach(Thread::start);
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            long n = done.get();
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (Thread th : ts) {
                th.join();
            }
            return n / elapsed;
        }
    }

    static double replay(Path dir, int records, int payloadSize) throws Exception {
        JournalTestSupport.deleteDir(dir);
        try {
            try (Journal j = Journal.builder(dir).open()) {
                j.load(new Collector());
                byte[] payload = new byte[payloadSize];
                CompletableFuture<Void> last = null;
                for (int i = 0; i < records; i++) {
                    last = j.appendAdd(i, (byte) 0, payload, i == records - 1);
                    if (i % 100_000 == 99_999) {
                        last.get();
                    }
                }
                last.get();
            }
                        long cpuStart = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            long start = System.nanoTime();
            long[] count = {0};
            try (Journal j = Journal.builder(dir).open()) {
                System.out.printf("  open (check every record, build index): %.2f s%n", (System.nanoTime() - start) / 1e9);
                long loadStart = System.nanoTime();
                j.load(new ReplayHandler() {
                    @Override
                    public void onRecord(LiveRecord record) {
                        count[0]++;
                    }

                    @Override
                    public void onPrepared(PreparedTransaction transaction) {
                    }
                });
                System.out.printf("  load (read and deliver live records): %.2f s%n", (System.nanoTime() - loadStart) / 1e9);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() - cpuStart) / 1e9;
            System.out.printf("  replay wall %.2f s, process CPU %.2f s (%.0f records per CPU second)%n", elapsed, cpu, records / cpu);
            if (count[0] != records) {
                throw new IllegalStateException("replayed " + count[0] + " of " + records);
            }
            return records / elapsed;
        } finally {
            JournalTestSupport.deleteDir(dir);
        }
    }
}
