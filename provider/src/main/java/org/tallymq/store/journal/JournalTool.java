package org.tallymq.store.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line tool for a journal directory. Never changes a file.
 * <pre>
 *   journal print  DIR   every record, one per line: file@offset length type fields
 *   journal verify DIR   every header, CRC and transaction count; exit 0 if sound (a torn tail, which the
 *                        next open cuts, counts as sound), 2 on corruption, 1 on bad usage or I/O error
 * </pre>
 * Run as {@code java -cp tally-provider.jar org.tallymq.store.journal.JournalTool verify /var/tally/journal}.
 * Thread-safe: stateless.
 */
public final class JournalTool {
    static final int OK = 0;
    static final int USAGE = 1;
    static final int CORRUPT = 2;

    private JournalTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !(args[0].equals("print") || args[0].equals("verify"))) {
            err.println("usage: journal print DIR | journal verify DIR");
            return USAGE;
        }
        Path dir = Path.of(args[1]);
        if (!Files.isDirectory(dir)) {
            err.println("journal: " + dir + " is not a directory");
            return USAGE;
        }
        try {
            return args[0].equals("print") ? print(dir, out, err) : verify(dir, out, err);
        } catch (IOException e) {
            err.println("journal: " + e.getMessage());
            return USAGE;
        }
    }

    private static int print(Path dir, PrintStream out, PrintStream err) throws IOException {
        JournalIo io = JournalIo.files();
        List<Long> seqs = new ArrayList<>();
        for (String name : io.list(dir)) {
            long seq = RecordCodec.segmentOf(name);
            if (seq > 0) {
                seqs.add(seq);
            }
        }
        seqs.sort(null);
        int status = OK;
        for (long seq : seqs) {
            String name = RecordCodec.fileName(seq);
            try (SegmentFile f = io.openReadOnly(dir.resolve(name))) {
                SegmentScanner s = new SegmentScanner(f, true);
                long headerSeq;
                try {
                    headerSeq = s.readHeader();
                } catch (JournalCorruptedException e) {
                    out.println(name + "@0 BAD header: " + e.getMessage());
                    status = CORRUPT;
                    continue;
                }
                out.println(name + "@0 HEADER segment=" + headerSeq + " version=" + RecordCodec.FORMAT_VERSION
                        + " size=" + s.fileSize());
                while (s.next()) {
                    out.println(name + "@" + s.offset() + " len=" + s.length() + " " + s.record());
                }
                if (s.bad() != null) {
                    out.println(name + "@" + s.offset() + " BAD " + s.bad().recordType() + ": " + s.bad().getMessage());
                    status = CORRUPT;
                } else {
                    out.println(name + "@" + s.offset() + " END");
                }
            }
        }
        if (status != OK) {
            err.println("journal: bad records shown; run 'journal verify " + dir + "' to tell a torn tail from corruption");
        }
        return OK;
    }

    private static int verify(Path dir, PrintStream out, PrintStream err) throws IOException {
        try {
            Recovery r = Recovery.verify(dir, JournalIo.files());
            out.println("journal " + dir + ": OK, " + r.segmentCount + " segments, " + r.records + " records, "
                    + r.index.live.size() + " live records, " + r.index.txs.size() + " prepared transactions, "
                    + r.incomplete.size() + " incomplete transactions (rolled back at open)");
            for (String t : r.tornTails) {
                out.println("torn tail (normal after a crash): " + t);
            }
            return OK;
        } catch (JournalCorruptedException e) {
            err.println("journal " + dir + ": CORRUPT " + e.getMessage());
            return CORRUPT;
        }
    }
}
