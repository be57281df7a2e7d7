package org.tallymq.store.journal;

/**
 * Receives the journal's live state from {@link Journal#load(ReplayHandler)}. Called on the thread that
 * calls {@code load}, one call at a time. An exception thrown here stops the load and reaches the caller
 * of {@code load}; the journal can then only be closed.
 */
public interface ReplayHandler {

    /**
     * One live committed record, delivered exactly once, in the order in which the records were added
     * (or, for records compaction copied forward, last copied). Updates are in the order they took effect.
     */
    void onRecord(LiveRecord record);

    /** One prepared, undecided transaction, delivered after every {@link #onRecord}. */
    void onPrepared(PreparedTransaction transaction);
}
