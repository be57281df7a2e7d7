package org.tallymq.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the application saw before the broker died, parsed from {@link CrashWorkload}'s lines. */
final class Observed {
    final List<String> lines;
    final Set<String> sent = new LinkedHashSet<>();
    final Set<String> nonPersistent = new HashSet<>();
    final Set<String> received = new HashSet<>();
    final Set<String> acking = new HashSet<>();
    final Set<String> acked = new HashSet<>();
    final Set<Integer> committing = new HashSet<>();
    final Set<Integer> committed = new HashSet<>();
    final Set<Integer> rolledBack = new HashSet<>();
    final Set<String> published = new LinkedHashSet<>();
    final Set<String> nonPersistentPublished = new HashSet<>();
    final List<String> errors = new ArrayList<>();
    boolean subscribed;
    boolean ready;

    Observed(List<String> lines) {
        this.lines = List.copyOf(lines);
        for (String line : this.lines) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "SENT" -> sent.add(f[1]);
                case "NP" -> nonPersistent.add(f[1]);
                case "RECV" -> received.add(f[1]);
                case "ACKING" -> acking.addAll(List.of(f).subList(1, f.length));
                case "ACKED" -> acked.addAll(List.of(f).subList(1, f.length));
                case "COMMITTING" -> committing.add(Integer.parseInt(f[1]));
                case "COMMITTED" -> committed.add(Integer.parseInt(f[1]));
                case "ROLLEDBACK" -> rolledBack.add(Integer.parseInt(f[1]));
                case "PUB" -> published.add(f[1]);
                case "NPPUB" -> nonPersistentPublished.add(f[1]);
                case "SUBSCRIBED" -> subscribed = true;
                case "READY" -> ready = true;
                case "ERR" -> errors.add(line);
                default -> { } // a torn last line of a killed child, or JVM noise
            }
        }
    }

    String summary() {
        return sent.size() + " sent, " + received.size() + " received, " + acked.size() + " acked, " + committed.size()
                + " batches committed, " + rolledBack.size() + " rolled back, " + published.size() + " published";
    }
}
