package org.tallymq.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what Tally logs under {@code org.tallymq} (java.util.logging) while a test runs, so the
 * test can check that the broker said why it closed a connection, and to whom. Thread-safe.
 * Close it to detach.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger; // strong reference: the logging framework holds loggers weakly
    private final Level previousLevel;
    private final boolean previousUseParent;
    private final List<LogRecord> records = new ArrayList<>();
    private final Predicate<LogRecord> keep;

    LogCapture(Level level) {
        this(level, r -> true);
    }

    /** Keeps only the records at {@code level} or above that {@code keep} accepts. */
    LogCapture(Level level, Predicate<LogRecord> keep) {
        this.keep = keep;
        logger = Logger.getLogger("org.tallymq");
        previousLevel = logger.getLevel();
        previousUseParent = logger.getUseParentHandlers();
        if (previousLevel == null || previousLevel.intValue() > level.intValue()) {
            logger.setLevel(level);
        }
        setLevel(level);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        if (isLoggable(r) && keep.test(r)) {
            records.add(r);
        }
    }

    synchronized List<LogRecord> records(Predicate<LogRecord> p) {
        List<LogRecord> out = new ArrayList<>();
        for (LogRecord r : records) {
            if (p.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Removes and returns the records that match. */
    synchronized List<LogRecord> take(Predicate<LogRecord> p) {
        List<LogRecord> out = new ArrayList<>();
        records.removeIf(r -> {
            if (p.test(r)) {
                out.add(r);
                return true;
            }
            return false;
        });
        return out;
    }

    /** The formatted messages of the records at {@code level} or above. */
    synchronized List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getLevel().intValue() >= level.intValue()) {
                out.add(r.getMessage());
            }
        }
        return out;
    }

    /** Keeps what is captured from the console (and the test report) until {@link #close}. */
    LogCapture quiet() {
        logger.setUseParentHandlers(false);
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParent);
    }
}
