package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tallymq.store.journal.JournalTestSupport.SMALL_SEGMENT;
import static org.tallymq.store.journal.JournalTestSupport.await;
import static org.tallymq.store.journal.JournalTestSupport.failureOf;
import static org.tallymq.store.journal.JournalTestSupport.payload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit through the writer thread, and what failed writes and forces do. Forces are counted through the I/O interface. */
class GroupCommitTest {
    @TempDir
    Path dir;

    private Journal open(CountingIo io) throws IOException {
        Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).io(io).open();
        j.load(new Collector());
        return j;
    }

    @Test
    @DisplayName("16 threads x 100 sync appends all complete, with fewer forces than appends, and survive reopen")
    void concurrentAppendersShareForces() throws Exception {
        CountingIo io = new CountingIo();
        int threads = 16;
        int each = 100;
        try (Journal j = open(io)) {
            int forcesBefore = io.forces.get();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> ts = new ArrayList<>();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < each; i++) {
                            await(j.appendAdd(base + i, (byte) 0, payload(base + i, 200), true));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                th.start();
                ts.add(th);
            }
            start.countDown();
            for (Thread th : ts) {
                th.join();
            }
            assertTrue(errors.isEmpty(), errors.toString());
            int forces = io.forces.get() - forcesBefore;
            assertTrue(forces < threads * each, "forces " + forces + " should be fewer than appends " + threads * each);
        }
        assertEquals(threads * each, JournalTestSupport.reopen(dir).records.size());
    }

    @Test
    @DisplayName("a lone sync appender is forced once per append and never waits for a timer or company")
    void loneAppender() throws IOException {
        CountingIo io = new CountingIo();
        try (Journal j = open(io)) {
            int before = io.forces.get();
            for (int i = 0; i < 20; i++) {
                await(j.appendAdd(i, (byte) 0, payload(i, 10), true));
            }
            assertEquals(20, io.forces.get() - before, "each lone sync append was forced by itself");
        }
    }

    @Test
    @DisplayName("sync=false appends complete without any force, in order; the next sync append makes them durable")
    void nonSyncDoesNotForce() throws IOException {
        CountingIo io = new CountingIo();
        try (Journal j = open(io)) {
            int before = io.forces.get();
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fs.add(j.appendAdd(i, (byte) 0, payload(i, 10), false));
            }
            fs.forEach(JournalTestSupport::await);
            assertEquals(before, io.forces.get(), "no force for sync=false appends");
            await(j.appendDelete(5, true));
            assertEquals(before + 1, io.forces.get());
        }
        assertEquals(99, JournalTestSupport.reopen(dir).records.size());
    }

    @Test
    @DisplayName("a failing force fails the waiting appends with IOException, refuses later ones, and reopen holds exactly the acknowledged data")
    void failingForce() throws IOException {
        CountingIo io = new CountingIo();
        AtomicBoolean broken = new AtomicBoolean();
        io.hooks = new CountingIo.Hooks() {
            @Override
            void beforeForce(Path file) throws IOException {
                if (broken.get()) {
                    throw new IOException("injected: fsync failed (EIO)");
                }
            }
        };
        Set<Long> acked = new TreeSet<>();
        try (Journal j = open(io)) {
            for (long i = 0; i < 10; i++) {
                await(j.appendAdd(i, (byte) 0, payload(i, 50), true));
                acked.add(i);
            }
            broken.set(true);
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            for (long i = 10; i < 15; i++) {
                fs.add(j.appendAdd(i, (byte) 0, payload(i, 50), true));
            }
            for (CompletableFuture<Void> f : fs) {
                assertInstanceOf(IOException.class, failureOf(f));
            }
            assertNotNull(j.failure());
            Throwable later = failureOf(j.appendAdd(99, (byte) 0, new byte[0], false));
            assertInstanceOf(IOException.class, later);
            assertTrue(later.getMessage().contains("open it again"), later.getMessage());
        }
        assertEquals(acked, new TreeSet<>(JournalTestSupport.reopen(dir).records.keySet()));
    }

    @Test
    @DisplayName("a write that stops half way fails its appends; reopen holds exactly the acknowledged data")
    void halfWrite() throws IOException {
        CountingIo io = new CountingIo();
        AtomicBoolean armed = new AtomicBoolean();
        io.hooks = new CountingIo.Hooks() {
            @Override
            int beforeWrite(Path file, ByteBuffer src, long position) {
                return armed.compareAndSet(true, false) ? src.remaining() / 2 : -1;
            }
        };
        Set<Long> acked = new TreeSet<>();
        try (Journal j = open(io)) {
            for (long i = 0; i < 10; i++) {
                await(j.appendAdd(i, (byte) 0, payload(i, 50), true));
                acked.add(i);
            }
            armed.set(true);
            assertInstanceOf(IOException.class, failureOf(j.appendAdd(10, (byte) 0, payload(10, 500), true)));
            assertInstanceOf(IOException.class, failureOf(j.appendAdd(11, (byte) 0, payload(11, 5), true)));
        }
        assertEquals(acked, new TreeSet<>(JournalTestSupport.reopen(dir).records.keySet()));
    }

    @Test
    @DisplayName("disk full when a new segment is needed: appends fail with IOException naming the segment; acknowledged data survives")
    void cannotCreateSegment() throws IOException {
        CountingIo io = CountingIo.noSync();
        AtomicBoolean full = new AtomicBoolean();
        io.hooks = new CountingIo.Hooks() {
            @Override
            void beforeCreate(Path file) throws IOException {
                if (full.get()) {
                    throw new IOException("injected: No space left on device");
                }
            }
        };
        Set<Long> acked = new TreeSet<>();
        Throwable failure = null;
        try (Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).io(io).autoCompact(false).open()) {
            j.load(new Collector());
            full.set(true);
            for (long i = 0; i < 1000 && failure == null; i++) {
                CompletableFuture<Void> f = j.appendAdd(i, (byte) 0, payload(i, 1000), true);
                try {
                    f.get();
                    acked.add(i);
                } catch (Exception e) {
                    failure = e.getCause();
                }
            }
        }
        assertInstanceOf(IOException.class, failure);
        assertTrue(failure.getMessage().contains("could not create journal segment"), failure.getMessage());
        assertTrue(acked.size() > 50, "the first segments were usable: " + acked.size());
        assertEquals(acked, new TreeSet<>(JournalTestSupport.reopen(dir).records.keySet()));
    }
}
