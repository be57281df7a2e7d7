package org.tallymq.broker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.tallymq.store.MessageStore;
import org.tallymq.store.StoredMessage;

/**
 * Paging, broker-wide: when the bytes of messages held on the heap pass the <em>paging threshold</em> (half
 * the memory budget), a PERSISTENT message in a durable queue, which the journal already holds, is not kept on
 * the heap: its queue keeps only its id ({@link PagedIds}, 8 bytes) and reads it back when dispatch reaches it
 * ({@link QueuePaging}). Reads run on this broker's pager thread and post their result to the event loop.
 * NON_PERSISTENT messages, messages of temporary queues and non-durable subscriptions, and messages waiting for
 * their delivery time always stay on the heap (there is nothing to read them back from); they keep the
 * producer flow control of {@link FlowControl}.
 *
 * <p>Threading: everything runs on the event loop except the reads, which run on the pager thread.
 */
final class Pager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Pager.class.getName());

    /** Ids per page-in read. */
    static final int BATCH = 512;
    /** A page-in read stops after this many bytes of messages (at least one message is read). */
    static final int BATCH_BYTES = 1 << 20;
    /** A queue reads more only while it holds fewer messages than this on the heap (bounds selector pile-ups). */
    static final int WINDOW = 2048;
    /** Ids per read call (one writer round trip each). */
    private static final int CHUNK = 64;

    private final Broker broker;
    private final MessageStore store;
    private final long threshold;
    private final long budget;
    private final ExecutorService reader;
    /** Ids at or below this were recovered after an unclean stop: they count one delivery attempt at least. */
    private long recoveredThrough;
    private boolean announced;

    Pager(Broker broker, MessageStore store, long budget) {
        this.broker = broker;
        this.store = store;
        this.budget = budget;
        this.threshold = budget / 2;
        // the factory must not hold the broker: this executor has a finalizer, which would keep a closed broker
        // (and every message it held) reachable until finalization ran
        String threadName = "tally-pager-" + broker.name();
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether messages can be paged at all: only a durable store can give them back. */
    boolean enabled() {
        return store.isDurable();
    }

    long threshold() {
        return threshold;
    }

    long budget() {
        return budget;
    }

    /** After an unclean stop, every message recovered (ids up to {@code lastId}) counts one delivery attempt. */
    void recoveredAfterUncleanStop(long lastId) {
        recoveredThrough = lastId;
    }

    /** The delivery count a paged message comes back with. */
    int deliveries(long id, int stored) {
        return id <= recoveredThrough ? Math.max(stored, 1) : stored;
    }

    /** Logs, once, that paging started. */
    void announce(String queue) {
        if (!announced) {
            announced = true;
            LOG.info("broker '" + broker.name() + "': messages on the heap passed the paging threshold of " + threshold
                    + " bytes (half the memory budget); PERSISTENT messages of " + queue + " and other durable queues"
                    + " are now kept in the journal only and read back when consumers reach them");
        }
    }

    /**
     * Reads messages on the pager thread, at most {@link #BATCH_BYTES} (a prefix of {@code ids}), and hands
     * them to {@code done} on the event loop (null entries: no longer stored). A failure goes to
     * {@code failed} on the event loop.
     */
    void read(long[] ids, Consumer<List<StoredMessage>> done, Consumer<IOException> failed) {
        try {
            reader.execute(() -> {
                List<StoredMessage> out;
                try {
                    out = readPrefix(ids);
                } catch (IOException | RuntimeException e) {
                    IOException io = e instanceof IOException x ? x : new IOException(e.toString(), e);
                    broker.execute(() -> failed.accept(io));
                    return;
                }
                broker.execute(() -> done.accept(out));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the broker is closing; the messages stay in the store
        }
    }

    private List<StoredMessage> readPrefix(long[] ids) throws IOException {
        List<StoredMessage> out = new ArrayList<>(ids.length);
        long bytes = 0;
        for (int from = 0; from < ids.length && bytes < BATCH_BYTES; from += CHUNK) {
            long[] chunk = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + CHUNK));
            for (StoredMessage m : store.readMessages(chunk)) {
                out.add(m);
                if (m != null) {
                    bytes += m.message().estimatedSize();
                }
            }
        }
        return out;
    }

    /** Reads every one of {@code ids} on the calling thread (the event loop blocks: for browsers only). */
    List<StoredMessage> readNow(long[] ids) throws IOException {
        List<StoredMessage> out = new ArrayList<>(ids.length);
        for (int from = 0; from < ids.length; from += BATCH) {
            out.addAll(store.readMessages(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + BATCH))));
        }
        return out;
    }

    /**
     * Stops the pager thread after the read under way, if any (reads are short). Never interrupts it: an
     * interrupt during a read would close the journal file's channel under the journal's writer.
     */
    @Override
    public void close() {
        reader.shutdown();
        try {
            if (!reader.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warning("broker '" + broker.name() + "': a read of paged messages did not end within 10 s of close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
