package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tallymq.store.journal.JournalTestSupport.SMALL_SEGMENT;
import static org.tallymq.store.journal.JournalTestSupport.await;
import static org.tallymq.store.journal.JournalTestSupport.payload;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torn tails are cut at every offset; bit flips elsewhere stop the open with file, offset and type; repair truncates. */
class TornTailTest {
    private static final JournalIo IO = CountingIo.noSync();
    @TempDir
    Path tmp;
    Path original;
    /** Every record in log order: segment file, offset, length, record id. */
    final List<Object[]> records = new ArrayList<>();
    Path tailFile;

    @BeforeEach
    void writeJournal() throws IOException {
        original = tmp.resolve("original");
        try (Journal j = Journal.builder(original).segmentSize(SMALL_SEGMENT).io(IO).autoCompact(false).open()) {
            j.load(new Collector());
            for (int i = 0; i < 78; i++) {
                j.appendAdd(i, (byte) (i % 5), payload(i, i % 5 == 0 ? 4000 : 300 + i), i % 10 == 0);
            }
            // the last three records are small, so cutting at each of their bytes stays quick
            j.appendAdd(78, (byte) 1, payload(78, 5), false);
            j.appendAdd(79, (byte) 2, payload(79, 0), false);
            await(j.appendAdd(80, (byte) 0, payload(80, 12), true));
        }
        long id = 0;
        for (Path f : JournalTestSupport.segmentFiles(original)) {
            for (long[] e : JournalTestSupport.recordExtents(f)) {
                records.add(new Object[] {f.getFileName().toString(), e[0], e[1], id++});
                tailFile = original.resolve((String) records.get(records.size() - 1)[0]);
            }
        }
        assertEquals(81, records.size());
        assertTrue(!records.get(0)[0].equals(records.get(80)[0]), "the data spans more than one segment");
    }

    private Path copy(String name) throws IOException {
        Path c = tmp.resolve(name);
        JournalTestSupport.deleteDir(c);
        JournalTestSupport.copyDir(original, c);
        return c;
    }

    private static boolean allZero(Path f, long from, long to) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
            raf.seek(from);
            for (long i = from; i < to; i++) {
                if (raf.read() != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Set<Long> ids(Collector c) {
        return new TreeSet<>(c.records.keySet());
    }

    private static Set<Long> range(long n) {
        Set<Long> s = new TreeSet<>();
        for (long i = 0; i < n; i++) {
            s.add(i);
        }
        return s;
    }

    @Test
    @DisplayName("newest segment zeroed from every byte of its last three records (and truncated at every byte of the last): open cuts the torn tail, earlier records intact")
    void cutAtEveryOffset() throws IOException {
        int firstCut = records.size() - 3;
        long from = (long) records.get(firstCut)[1];
        long to = (long) records.get(records.size() - 1)[1] + (long) records.get(records.size() - 1)[2];
        int n = 0;
        for (long cut = from; cut < to; cut++) {
            long lastStart = (long) records.get(records.size() - 1)[1];
            for (boolean truncate : cut >= lastStart ? new boolean[] {false, true} : new boolean[] {false}) {
                Path d = copy("cut");
                Path f = d.resolve(tailFile.getFileName());
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    if (truncate) {
                        raf.setLength(cut);
                    } else {
                        raf.seek(cut);
                        raf.write(new byte[(int) (to - cut)]);
                    }
                }
                long survivors = 0;
                long cutRecordStart = cut;
                for (Object[] r : records) {
                    if (!r[0].equals(tailFile.getFileName().toString()) || (long) r[1] + (long) r[2] <= cut) {
                        survivors++;
                    } else if ((long) r[1] < cut) {
                        cutRecordStart = (long) r[1];
                    }
                }
                // a cut that leaves only zero bytes of the cut record (e.g. the high bytes of its length) is a clean end
                boolean boundary = allZero(tailFile, cutRecordStart, cut);
                try (Journal j = Journal.builder(d).segmentSize(SMALL_SEGMENT).io(IO).autoCompact(false).open()) {
                    assertEquals(boundary, j.recoveryReport().tornTails().isEmpty(),
                            "cut at " + cut + ": torn tail reported iff mid-record: " + j.recoveryReport());
                    Collector c = new Collector();
                    j.load(c);
                    assertEquals(range(survivors), ids(c), "cut at " + cut + (truncate ? " (truncated)" : " (zeroed)"));
                    if (cut % 16 == 0) {
                        await(j.appendAdd(1000, (byte) 0, payload(1000, 10), true));
                        survivors = -1;
                    }
                }
                if (survivors < 0) {
                    Collector c = JournalTestSupport.reopen(d);
                    assertTrue(c.records.containsKey(1000L), "append after a cut tail survives reopen");
                }
                n++;
            }
        }
        assertTrue(n > 100, "cut at " + n + " offsets");
    }

    @Test
    @DisplayName("random bit flips: in the last record a torn tail is cut; elsewhere open fails naming file, offset and type; repair truncates and reports (seed 7)")
    void bitFlips() throws IOException {
        Random rnd = new Random(7);
        int torn = 0;
        int corrupt = 0;
        for (int trial = 0; trial < 60; trial++) {
            int victim = trial % 6 == 0 ? records.size() - 1 : rnd.nextInt(records.size());
            Object[] r = records.get(victim);
            long offset = (long) r[1];
            long length = (long) r[2];
            // half the flips hit the frame fields (length, type, stamp, CRC), half anywhere in the record
            long at;
            if (rnd.nextBoolean()) {
                int[] frame = {0, 1, 2, 3, 4, 5, 12, (int) length - 4, (int) length - 1};
                at = offset + frame[rnd.nextInt(frame.length)];
            } else {
                at = offset + (long) (rnd.nextDouble() * length);
            }
            int bit = rnd.nextInt(8);
            Path d = copy("flip");
            Path f = d.resolve((String) r[0]);
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write(b ^ (1 << bit));
            }
            String what = "flip of bit " + bit + " at " + r[0] + "@" + at + " in record " + victim + " (offset " + offset + ")";
            if (victim == records.size() - 1) {
                torn++;
                try (Journal j = Journal.builder(d).segmentSize(SMALL_SEGMENT).io(IO).autoCompact(false).open()) {
                    Collector c = new Collector();
                    j.load(c);
                    assertEquals(range(victim), ids(c), what);
                    assertFalse(j.recoveryReport().tornTails().isEmpty(), what);
                }
                continue;
            }
            corrupt++;
            JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
                    () -> Journal.builder(d).segmentSize(SMALL_SEGMENT).io(IO).open(), what);
            assertEquals(f, e.file(), what + ": " + e.getMessage());
            assertEquals(offset, e.offset(), what + ": " + e.getMessage());
            if (at != offset + 4) {
                assertTrue(e.recordType().equals("ADD") || e.recordType().equals("unknown"), what + ": " + e.getMessage());
            }
            assertTrue(e.getMessage().contains(r[0] + " at offset " + offset), e.getMessage());
            try (Journal j = Journal.builder(d).segmentSize(SMALL_SEGMENT).io(IO).autoCompact(false).repair(true).open()) {
                assertEquals(1, j.recoveryReport().repairs().size(), what);
                assertTrue(j.recoveryReport().repairs().get(0).contains(r[0] + " offset " + offset),
                        j.recoveryReport().repairs().get(0));
                Collector c = new Collector();
                j.load(c);
                assertEquals(range(victim), ids(c), what + " repaired: everything before the bad record, nothing after");
            }
        }
        assertTrue(torn >= 10 && corrupt > 40, "torn " + torn + ", corrupt " + corrupt);
    }

    @Test
    @DisplayName("a damaged segment header stops the open with code TALLY-J001; a missing middle segment with TALLY-J004")
    void headerAndMissingSegment() throws IOException {
        Path d = copy("header");
        List<Path> files = JournalTestSupport.segmentFiles(d);
        try (RandomAccessFile raf = new RandomAccessFile(files.get(0).toFile(), "rw")) {
            raf.seek(10);
            raf.write(0x55);
        }
        JournalCorruptedException e = assertThrows(JournalCorruptedException.class, () -> Journal.builder(d).io(IO).open());
        assertEquals(JournalCorruptedException.BAD_HEADER, e.code());
        assertEquals(files.get(0), e.file());
        Path m = tmp.resolve("missing");
        try (Journal j = Journal.builder(m).segmentSize(SMALL_SEGMENT).io(IO).autoCompact(false).open()) {
            j.load(new Collector());
            for (int i = 0; i < 300; i++) {
                j.appendAdd(i, (byte) 0, payload(i, 1000), false);
            }
            await(j.appendAdd(300, (byte) 0, new byte[0], true));
        }
        List<Path> segments = JournalTestSupport.segmentFiles(m);
        assertTrue(segments.size() >= 4, segments.toString());
        Files.delete(segments.get(1));
        JournalCorruptedException e2 = assertThrows(JournalCorruptedException.class, () -> Journal.builder(m).io(IO).open());
        assertEquals(JournalCorruptedException.MISSING_SEGMENT, e2.code());
        assertTrue(e2.getMessage().contains("missing"), e2.getMessage());
    }

    @Test
    @DisplayName("a COMMIT whose count does not match the records of its transaction is corruption (TALLY-J003)")
    void commitCountMismatch() throws IOException {
        Path d = tmp.resolve("tx");
        try (Journal j = Journal.builder(d).segmentSize(SMALL_SEGMENT).io(IO).autoCompact(false).open()) {
            j.load(new Collector());
            j.appendAddTx(1, 1, (byte) 0, payload(1, 10));
            j.appendAddTx(1, 2, (byte) 0, payload(2, 10));
            await(j.appendCommit(1, true));
        }
        // rewrite the middle TX_ADD as a TX_ADD of another transaction, with a valid CRC: the frame is fine, the count is not
        Path f = JournalTestSupport.segmentFiles(d).get(0);
        List<long[]> ext = JournalTestSupport.recordExtents(f);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            long at = ext.get(1)[0];
            byte[] rec = new byte[(int) ext.get(1)[1]];
            raf.seek(at);
            raf.readFully(rec);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(rec);
            b.putLong(13, 2);
            b.putInt(rec.length - 4, RecordCodec.crc(b, 0, rec.length - 4));
            raf.seek(at);
            raf.write(rec);
        }
        JournalCorruptedException e = assertThrows(JournalCorruptedException.class, () -> Journal.builder(d).io(IO).open());
        assertEquals(JournalCorruptedException.TX_COUNT_MISMATCH, e.code());
        assertEquals("COMMIT", e.recordType());
        assertEquals(ext.get(2)[0], e.offset());
        assertTrue(e.getMessage().contains("counts 2 records but the log holds 1"), e.getMessage());
    }
}
