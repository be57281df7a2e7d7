package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opening pass over the whole journal: checks every header and record, builds the {@link JournalIndex},
 * cuts a torn tail, and refuses (or, in repair mode, truncates at) anything else that is broken.
 *
 * <p>A bad frame is a <em>torn tail</em> iff it lies in the last segment that has any record (later segments
 * are empty spares) and no valid record of that segment starts after it. Writes are sequential and a
 * segment is forced before the writer moves to the next, so a crash can only tear that tail. Anything else
 * is corruption.
 *
 * <p>Runs on the opening thread before the writer exists.
 */
final class Recovery {
    final JournalIndex index = new JournalIndex();
    final List<String> tornTails = new ArrayList<>();
    final List<String> repairs = new ArrayList<>();
    List<Long> incomplete = List.of();
    long records;
    int segmentCount;

    private final Path dir;
    private final JournalIo io;
    private final boolean repair;
    private final SegmentAllocator allocator;
    private final boolean readOnly;

    private Recovery(Path dir, JournalIo io, boolean repair, SegmentAllocator allocator) {
        this.dir = dir;
        this.io = io;
        this.repair = repair;
        this.allocator = allocator;
        this.readOnly = allocator == null;
    }

    /**
     * Checks the journal without changing anything (for {@code journal verify}): same checks as open; a torn
     * tail is reported in {@link #tornTails}, not cut.
     */
    static Recovery verify(Path dir, JournalIo io) throws IOException {
        Recovery r = new Recovery(dir, io, false, null);
        try {
            r.scanAll();
            r.segmentCount = r.index.segments.size();
            return r;
        } finally {
            r.closeAll();
        }
    }

    /** Runs recovery; in repair mode, repeats after each truncation until the journal reads clean. */
    static Recovery run(Path dir, JournalIo io, boolean repair, SegmentAllocator allocator) throws IOException {
        List<String> repairs = new ArrayList<>();
        while (true) {
            Recovery r = new Recovery(dir, io, repair, allocator);
            r.repairs.addAll(repairs);
            try {
                r.scanAll();
                return r;
            } catch (JournalCorruptedException e) {
                r.closeAll();
                if (!repair) {
                    throw e;
                }
                repairs.add(r.truncateAt(e));
            } catch (IOException | RuntimeException e) {
                r.closeAll();
                throw e;
            }
        }
    }

    void closeAll() {
        for (Segment s : index.segments.values()) {
            try {
                s.file.close();
            } catch (IOException ignored) {
                // closing after a failed open; the first error is what matters
            }
        }
        index.segments.clear();
    }

    private List<Long> listSegments() throws IOException {
        List<Long> seqs = new ArrayList<>();
        for (String name : io.list(dir)) {
            if (name.startsWith("tally-") && name.endsWith(".jnl.tmp") && !readOnly) {
                io.delete(dir.resolve(name));
            } else {
                long seq = RecordCodec.segmentOf(name);
                if (seq > 0) {
                    seqs.add(seq);
                }
            }
        }
        seqs.sort(null);
        return seqs;
    }

    private void scanAll() throws IOException {
        if (!readOnly) {
            io.createDirectories(dir);
        }
        List<Long> seqs = listSegments();
        if (seqs.isEmpty() && readOnly) {
            return;
        }
        if (seqs.isEmpty()) {
            Segment first = allocator.create(1);
            index.segments.put(first.seq, first);
            return;
        }
        for (int i = 0; i < seqs.size(); i++) {
            long seq = seqs.get(i);
            if (i > 0 && seq != seqs.get(i - 1) + 1) {
                throw new JournalCorruptedException(JournalCorruptedException.MISSING_SEGMENT, dir.resolve(RecordCodec.fileName(seq)),
                        0, "header", "segment file(s) " + (seqs.get(i - 1) + 1) + " to " + (seq - 1)
                        + " are missing between " + RecordCodec.fileName(seqs.get(i - 1)) + " and this one");
            }
            Path p = dir.resolve(RecordCodec.fileName(seq));
            index.segments.put(seq, new Segment(seq, readOnly ? io.openReadOnly(p) : io.open(p)));
        }
        long tail = seqs.get(0);
        for (Segment s : index.segments.values()) {
            if (!isEmpty(s)) {
                tail = s.seq;
            }
        }
        for (Segment s : index.segments.values()) {
            scan(s, s.seq == tail);
        }
        try {
            incomplete = index.finishReplay();
        } catch (ImpossibleRecordException e) {
            Segment at = index.segments.get(Segment.seqOf(e.location()));
            throw new JournalCorruptedException(e.code(), at.file.path(), Segment.offsetOf(e.location()), "PREPARE", e.getMessage());
        }
    }

    private static boolean isEmpty(Segment s) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4);
        int n = s.file.read(b, RecordCodec.HEADER_SIZE);
        return n < 4 || b.getInt(0) == 0;
    }

    private void scan(Segment seg, boolean isTail) throws IOException {
        SegmentScanner scanner = new SegmentScanner(seg.file, false);
        long seq = scanner.readHeader();
        if (seq != seg.seq) {
            throw new JournalCorruptedException(JournalCorruptedException.BAD_HEADER, seg.file.path(), 0, "header",
                    "the header says segment " + seq + " but the file name says " + seg.seq);
        }
        while (scanner.next()) {
            JournalRecord r = scanner.record();
            try {
                index.apply(r, Segment.location(seg.seq, scanner.offset()));
            } catch (ImpossibleRecordException e) {
                throw new JournalCorruptedException(e.code(), seg.file.path(), scanner.offset(), r.type().name(), e.getMessage());
            }
            records++;
        }
        long end = scanner.offset();
        BadRecordException bad = scanner.bad();
        if (bad == null) {
            long junk = scanner.firstNonZero(end);
            if (junk >= 0) {
                if (scanner.validRecordAfter(end)) {
                    throw new JournalCorruptedException(JournalCorruptedException.BAD_RECORD, seg.file.path(), end, "unknown",
                            "a zero length field ends the data here, but valid records follow it (a damaged length?)");
                }
                if (!isTail) {
                    throw new JournalCorruptedException(JournalCorruptedException.BAD_RECORD, seg.file.path(), end, "unknown",
                            "non-zero bytes from offset " + junk + " after the end of the data, in a segment that is not the newest");
                }
                bad = new BadRecordException("unknown", "non-zero bytes from offset " + junk + " after the end of the data");
            }
        }
        if (bad != null) {
            if (!isTail) {
                throw new JournalCorruptedException(JournalCorruptedException.BAD_RECORD, seg.file.path(), end, bad.recordType(),
                        bad.getMessage() + "; this is not the tail of the newest segment, so it is not a torn write");
            }
            if (scanner.validRecordAfter(end)) {
                throw new JournalCorruptedException(JournalCorruptedException.BAD_RECORD, seg.file.path(), end, bad.recordType(),
                        bad.getMessage() + "; valid records follow it, so it is not a torn write at the tail");
            }
            if (!readOnly) {
                SegmentAllocator.zeroFill(seg.file, end, scanner.fileSize());
                seg.file.force();
            }
            tornTails.add(seg.file.path().getFileName() + " offset " + end + ": " + (readOnly ? "open will cut " : "cut ")
                    + (scanner.fileSize() - end) + " bytes (zeroed) after a torn " + bad.recordType() + " record: "
                    + bad.getMessage());
        }
        seg.writePosition = end;
    }

    /** Repair: zero the segment from the bad offset and delete every later segment. Returns what was dropped. */
    private String truncateAt(JournalCorruptedException e) throws IOException {
        Path file = e.file();
        long seq = RecordCodec.segmentOf(file.getFileName().toString());
        StringBuilder dropped = new StringBuilder("repaired ").append(e.code()).append(" at ").append(file.getFileName())
                .append(" offset ").append(e.offset()).append(" (").append(e.recordType()).append("): dropped");
        List<Long> later = new ArrayList<>();
        for (long s : listSegments()) {
            if (s > seq) {
                later.add(s);
            }
        }
        if (e.offset() <= 0) {
            dropped.append(" the whole file ").append(file.getFileName());
            io.delete(file);
        } else {
            try (SegmentFile f = io.open(file)) {
                long size = f.size();
                dropped.append(" bytes ").append(e.offset()).append("..").append(size).append(" of ").append(file.getFileName());
                SegmentAllocator.zeroFill(f, e.offset(), size);
                f.force();
            }
        }
        for (long s : later) {
            Path p = dir.resolve(RecordCodec.fileName(s));
            dropped.append(", ").append(p.getFileName()).append(" (").append(countRecords(p)).append(" readable records)");
            io.delete(p);
        }
        io.forceDirectory(dir);
        return dropped.toString();
    }

    private long countRecords(Path p) {
        try (SegmentFile f = io.open(p)) {
            SegmentScanner s = new SegmentScanner(f, false);
            s.readHeader();
            long n = 0;
            while (s.next()) {
                n++;
            }
            return n;
        } catch (IOException ex) {
            return 0;
        }
    }

    Map<Long, Segment> segments() {
        return index.segments;
    }
}
