package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tallymq.store.journal.JournalTestSupport.SMALL_SEGMENT;
import static org.tallymq.store.journal.JournalTestSupport.await;
import static org.tallymq.store.journal.JournalTestSupport.payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalToolTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void write() throws IOException {
        try (Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).autoCompact(false).open()) {
            j.load(new Collector());
            for (int i = 0; i < 100; i++) {
                j.appendAdd(i, (byte) 3, payload(i, 1000), false);
            }
            j.appendUpdate(5, new byte[] {1}, false);
            j.appendDelete(6, false);
            j.appendAddTx(9, 500, (byte) 1, new byte[4]);
            await(j.appendPrepare(9, new byte[] {1, 2}));
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return JournalTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("print: one line per record with file, offset, type and fields")
    void print() {
        assertEquals(0, run("print", dir.toString()));
        List<String> lines = out().lines().toList();
        assertTrue(lines.get(0).matches("tally-0000000001\\.jnl@0 HEADER segment=1 version=1 size=65536"), lines.get(0));
        assertTrue(lines.get(1).matches("tally-0000000001\\.jnl@32 len=1026 ADD id=0 userType=3 payload=1000B"), lines.get(1));
        assertTrue(out().contains("UPDATE id=5 payload=1B"), out());
        assertTrue(out().contains("DELETE id=6"), out());
        assertTrue(out().contains("TX_ADD tx=9 id=500 userType=1 payload=4B"), out());
        assertTrue(out().contains("PREPARE tx=9 count=1 firstSegment=2 xid=2B"), out());
        assertEquals(104, lines.stream().filter(l -> l.contains(" len=")).count());
    }

    @Test
    @DisplayName("verify: exit 0 on a sound journal, 0 with a note for a torn tail, 2 naming file and offset on corruption, 1 on bad usage")
    void verify() throws IOException {
        assertEquals(0, run("verify", dir.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().contains("OK") && out().contains("104 records") && out().contains("1 prepared transactions"), out());

        List<Path> files = JournalTestSupport.segmentFiles(dir);
        Path tail = files.get(1);
        List<long[]> ext = JournalTestSupport.recordExtents(tail);
        long[] last = ext.get(ext.size() - 1);
        flip(tail, last[0] + last[1] - 2);
        assertEquals(0, run("verify", dir.toString()));
        assertTrue(out().contains("torn tail"), out());

        Path first = files.get(0);
        long[] mid = JournalTestSupport.recordExtents(first).get(10);
        flip(first, mid[0] + 100);
        assertEquals(2, run("verify", dir.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("CORRUPT") && e.contains(first.toString() + " at offset " + mid[0]) && e.contains("ADD"), e);
        assertTrue(e.contains(JournalCorruptedException.BAD_RECORD), e);

        assertEquals(1, run("verify"));
        assertEquals(1, run("check", dir.toString()));
        assertEquals(1, run("verify", dir.resolve("nope").toString()));
    }

    private static void flip(Path f, long at) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x10);
        }
    }
}
