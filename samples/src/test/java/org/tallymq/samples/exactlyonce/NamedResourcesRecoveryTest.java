package org.tallymq.samples.exactlyonce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Why Tally's resources are enlisted under a name (issue 5, "what is known about Narayana"): a transaction
 * that dies after its first resource committed is completed by recovery only when its resources are named
 * in Narayana's log; unnamed, the log record stays for ever (unless {@code xaAssumeRecoveryComplete}).
 * Two H2 databases stand for the two resource managers, so this runs without a broker. Each case is a JVM
 * halted right after the first commit, then a JVM that runs explicit recovery scans.
 */
class NamedResourcesRecoveryTest {

    @Test
    @Timeout(120)
    @DisplayName("named resources (NamedXAResource + NamingRecordPlugin): a transaction halted after its first commit is completed by recovery, and its log record removed")
    void namedResourcesAreCompleted() throws Exception {
        List<String> scans = crashThenRecover("named", 3);
        assertEquals("LOG 0 db2Rows=1 db2Prepared=0", scans.get(scans.size() - 1), "after 3 recovery scans: " + scans);
    }

    @Test
    @Timeout(120)
    @DisplayName("unnamed resources: the second branch is committed but Narayana's log record is never removed (the failure NamedXAResource prevents)")
    void unnamedResourcesLeaveTheLogRecord() throws Exception {
        List<String> scans = crashThenRecover("unnamed", 4);
        assertEquals("LOG 1 db2Rows=1 db2Prepared=0", scans.get(scans.size() - 1), "after 4 recovery scans: " + scans);
    }

    private static List<String> crashThenRecover(String naming, int scans) throws Exception {
        Path dir = Path.of("target", "named-recovery", naming).toAbsolutePath();
        ExactlyOnce.deleteTree(dir);
        ChildJvm crash = ChildJvm.start("crash", dir.resolve("crash.log"), List.of(), TwoDatabasesWorker.class.getName(),
                "crash", dir.toString(), naming);
        assertEquals(CrashPoint.HALT_STATUS, crash.awaitExit(60_000), "the first JVM should halt after db1's commit; see " + dir.resolve("crash.log"));
        ChildJvm recover = ChildJvm.start("recover", dir.resolve("recover.log"), List.of(), TwoDatabasesWorker.class.getName(),
                "recover", dir.toString(), Integer.toString(scans));
        assertEquals(0, recover.awaitExit(90_000), "see " + dir.resolve("recover.log"));
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("recover.log")).stream().filter(l -> l.startsWith("LOG ")).toList();
        assertNotNull(lines);
        assertEquals(scans, lines.size(), "one LOG line per scan: " + lines);
        return lines;
    }
}
