package org.tallymq.samples.exactlyonce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Test-only: a JVM started from the test's classpath, its output copied to a log file and kept in memory
 * so the harness can wait for lines. {@link #kill()} is SIGKILL (kill -9).
 *
 * <p>Threading: output is collected by a thread of its own; the other methods are called by the test thread.
 */
final class ChildJvm {

    /** Every child still running when the test JVM exits is killed, so no test leaves a process behind. */
    private static final List<Process> ALL = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::killAll, "kill child JVMs"));
    }

    private final String label;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread pump;

    private ChildJvm(String label, Process process, Path log) {
        this.label = label;
        this.process = process;
        this.pump = new Thread(() -> copy(log), "output of " + label);
        pump.setDaemon(true);
        pump.start();
    }

    static ChildJvm start(String label, Path log, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1"); // these JVMs live a few seconds: start fast
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        synchronized (ALL) {
            ALL.add(p);
        }
        return new ChildJvm(label, p, log);
    }

    /** SIGKILLs every child this JVM started that is still alive. */
    static void killAll() {
        synchronized (ALL) {
            for (Process p : ALL) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
            ALL.clear();
        }
    }

    private void copy(Path log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND))) {
            String line;
            while ((line = r.readLine()) != null) {
                w.println(line);
                w.flush();
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process died with its pipe; what was read is kept
        }
    }

    /** Waits until a line matches, the process ends, or the timeout passes; returns the line or null. */
    String awaitLine(Predicate<String> match, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lines) {
            while (true) {
                for (String l : lines) {
                    if (match.test(l)) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !pump.isAlive())) {
                    return null;
                }
                lines.wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** Number of output lines so far that start with {@code prefix}. */
    int count(String prefix) {
        synchronized (lines) {
            return (int) lines.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }

    /** The first output line starting with {@code prefix}, or null. */
    String first(String prefix) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        pump.join(5_000);
    }

    /** Waits for the process to exit; returns its status or -1 when it is still running after the timeout. */
    int awaitExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return -1;
        }
        pump.join(5_000);
        return process.exitValue();
    }

    @Override
    public String toString() {
        return label + " (pid " + process.pid() + ")";
    }
}
