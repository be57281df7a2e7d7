package org.tallymq.store.journal;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link CrashTest} kills. Appends with sync=true and prints a line for each acknowledged
 * operation ("ACK id", "DELETING id", "DEL id", "TX id id id"); crashes with {@code Runtime.halt} at the named point, or
 * runs until killed.
 *
 * <pre>args: DIR MODE SEED    MODE = kill | after-write-before-force | mid-record | commit-before-force
 *                                    | compaction-copy | compaction-delete</pre>
 */
public final class CrashChild {
    static final int HALTED = 77;

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[1];
        Random rnd = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        CountingIo io = new CountingIo();
        int trigger = 5 + rnd.nextInt(40);
        AtomicInteger seen = new AtomicInteger();
        boolean[] commitWritten = {false};
        io.hooks = new CountingIo.Hooks() {
            @Override
            int beforeWrite(Path file, ByteBuffer src, long position) {
                if (file.getFileName().toString().endsWith(".tmp")) {
                    return -1;
                }
                switch (mode) {
                    case "mid-record" -> {
                        if (seen.incrementAndGet() == trigger) {
                            int first = src.getInt(src.position());
                            return Math.max(1, Math.min(src.remaining(), first) / 2);
                        }
                    }
                    case "commit-before-force" -> {
                        if (CountingIo.containsType(src, RecordType.COMMIT) && seen.incrementAndGet() == trigger) {
                            commitWritten[0] = true;
                        }
                    }
                    case "compaction-copy" -> {
                        if (CountingIo.containsType(src, RecordType.SNAPSHOT) && seen.incrementAndGet() == 3) {
                            halt("in the middle of compaction, before writing a copy");
                        }
                    }
                    default -> { }
                }
                return -1;
            }

            @Override
            void afterPartialWrite(Path file, int written) {
                halt("in the middle of a record (" + written + " bytes of the batch written)");
            }

            @Override
            void beforeForce(Path file) {
                if (mode.equals("after-write-before-force") && seen.incrementAndGet() == trigger) {
                    halt("after a write, before its force");
                }
                if (commitWritten[0]) {
                    halt("between a COMMIT's write and its force");
                }
            }

            @Override
            void beforeDelete(Path file) {
                if (mode.equals("compaction-delete") && file.getFileName().toString().endsWith(".jnl")) {
                    halt("during compaction, after the copies, before deleting " + file.getFileName());
                }
            }
        };
        boolean compacting = mode.startsWith("compaction");
        try (Journal j = Journal.builder(dir).segmentSize(64 << 10).io(io).open()) {
            LoadSummary s = j.load(new Collector());
            long id = s.maxRecordId() + 1;
            long tx = s.maxTxId() + 1;
            ArrayDeque<Long> live = new ArrayDeque<>();
            for (int i = 0; i < 20000; i++) {
                if (mode.equals("commit-before-force")) {
                    long a = id++;
                    long b = id++;
                    long c = id++;
                    j.appendAddTx(tx, a, (byte) 1, JournalTestSupport.payload(a, 100));
                    j.appendAddTx(tx, b, (byte) 1, JournalTestSupport.payload(b, 100));
                    j.appendAddTx(tx, c, (byte) 1, JournalTestSupport.payload(c, 100));
                    j.appendCommit(tx, true).get();
                    out.println("TX " + a + " " + b + " " + c);
                    tx++;
                    continue;
                }
                long a = id++;
                j.appendAdd(a, (byte) 1, JournalTestSupport.payload(a, compacting ? 1000 : 200), true).get();
                out.println("ACK " + a);
                if (compacting && a % 10 != 0) {
                    live.add(a);
                }
                if (live.size() > 20) {
                    long d = live.poll();
                    out.println("DELETING " + d); // from here on, either outcome is correct for d until "DEL d"
                    j.appendDelete(d, true).get();
                    out.println("DEL " + d);
                }
            }
        }
        out.println("DONE");
        System.exit(0);
    }

    private static void halt(String where) {
        System.err.println("CrashChild: halting " + where);
        Runtime.getRuntime().halt(HALTED);
    }
}
