package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real crashes: a child JVM appends with sync=true and prints what was acknowledged; it is killed with
 * SIGKILL at a random moment, or halts itself at a named point. The journal is then reopened in this JVM:
 * every acknowledged record must be there exactly once with its payload, every acknowledged delete must
 * hold, and every transaction must be all or nothing.
 */
class CrashTest {
    @TempDir
    Path dir;

    private record Outcome(List<String> lines, int exitCode, String stderr) {
    }

    private Outcome runChild(String mode, long seed, int killAfterAcks) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = Files.createTempFile(dir.getParent(), "child", ".err");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                CrashChild.class.getName(), dir.resolve("j").toString(), mode, Long.toString(seed));
        pb.environment().put("CLASSPATH", cp);
        pb.redirectError(err.toFile());
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        int acks = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("ACK") && ++acks == killAfterAcks) {
                    // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the
                    // pipe and lose acknowledgements the child printed just before it died
                    p.toHandle().destroyForcibly();
                }
            }
        } finally {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return new Outcome(lines, p.exitValue(), Files.readString(err));
    }

    private static void check(Outcome o, Collector c) {
        Set<Long> added = new HashSet<>();
        Set<Long> deleted = new HashSet<>();
        Set<Long> deleting = new HashSet<>();
        for (String line : o.lines()) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "ACK" -> added.add(Long.parseLong(f[1]));
                case "DEL" -> deleted.add(Long.parseLong(f[1]));
                case "DELETING" -> deleting.add(Long.parseLong(f[1]));
                case "TX" -> {
                    for (int i = 1; i < f.length; i++) {
                        added.add(Long.parseLong(f[i]));
                    }
                }
                default -> { }
            }
        }
        assertFalse(added.isEmpty(), "the child acknowledged something before dying: " + o.stderr());
        for (long id : added) {
            if (deleted.contains(id)) {
                assertFalse(c.records.containsKey(id), "acknowledged delete of " + id + " lost");
            } else if (deleting.contains(id) && !c.records.containsKey(id)) {
                continue; // the delete was in flight: it may or may not have reached the disk
            } else {
                LiveRecord r = c.records.get(id);
                assertTrue(r != null, "acknowledged record " + id + " lost");
                assertArrayEquals(JournalTestSupport.payload(id, r.payload().length), r.payload(), "payload of " + id);
            }
        }
    }

    private RecoveryReport lastReport;

    private Collector reopen() throws IOException {
        Collector c = new Collector(); // fails on a record delivered twice
        try (Journal j = Journal.builder(dir.resolve("j")).segmentSize(64 << 10).open()) {
            lastReport = j.recoveryReport();
            j.load(c);
        }
        assertEquals(0, JournalTool.run(new String[] {"verify", dir.resolve("j").toString()}, System.out, System.err));
        return c;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    @DisplayName("SIGKILL at a random moment: every acknowledged record is present exactly once")
    void killAtRandomMoment(long seed) throws Exception {
        int killAfter = 30 + new Random(seed).nextInt(300);
        Outcome o = runChild("kill", seed, killAfter);
        assertFalse(o.lines().contains("DONE"), "the child was killed before finishing");
        check(o, reopen());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"after-write-before-force", "mid-record", "compaction-copy", "compaction-delete"})
    @DisplayName("halt at a named point: acknowledged records and deletes survive, the torn tail is cut")
    void haltAtNamedPoint(String point) throws Exception {
        Outcome o = runChild(point, 5, -1);
        assertEquals(CrashChild.HALTED, o.exitCode(), "the child halted at '" + point + "': " + o.stderr());
        check(o, reopen());
        if (point.equals("mid-record")) {
            assertEquals(1, lastReport.tornTails().size(), "the half-written record was cut: " + lastReport);
        }
    }

    @Test
    @DisplayName("halt between a COMMIT's write and its force: every acknowledged transaction is whole, the last one all or nothing")
    void haltBetweenCommitWriteAndForce() throws Exception {
        Outcome o = runChild("commit-before-force", 9, -1);
        assertEquals(CrashChild.HALTED, o.exitCode(), o.stderr());
        Collector c = reopen();
        check(o, c);
        long max = c.records.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        for (long first = 0; first <= max; first += 3) {
            int n = 0;
            for (long id = first; id < first + 3; id++) {
                n += c.records.containsKey(id) ? 1 : 0;
            }
            assertTrue(n == 0 || n == 3, "transaction with records " + first + ".." + (first + 2) + " is partial: " + n);
        }
    }
}
