package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

final class JournalTestSupport {
    static final int SMALL_SEGMENT = 64 << 10;

    private JournalTestSupport() {
    }

    static Collector reopen(Path dir) throws IOException {
        try (Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).open()) {
            Collector c = new Collector();
            j.load(c);
            return c;
        }
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("append did not complete: " + e, e);
        }
    }

    /** The failure of a future that must fail. */
    static Throwable failureOf(CompletableFuture<?> f) {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
        throw new AssertionError("future succeeded but should have failed");
    }

    static byte[] payload(long id, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (id * 31 + i);
        }
        return b;
    }

    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> RecordCodec.segmentOf(p.getFileName().toString()) > 0).sorted().toList());
            return out;
        }
    }

    /** Offsets of every record in a segment file (scanning from the header to the end of data). */
    static List<long[]> recordExtents(Path file) throws IOException {
        List<long[]> out = new ArrayList<>();
        try (SegmentFile f = JournalIo.files().openReadOnly(file)) {
            SegmentScanner s = new SegmentScanner(f, false);
            s.readHeader();
            while (s.next()) {
                out.add(new long[] {s.offset(), s.length()});
            }
        }
        return out;
    }

    static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    static void deleteDir(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
