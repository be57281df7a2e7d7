package org.tallymq.ra.it;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the message-driven beans saw, per channel, for the test to wait on. Bean-managed concurrency. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Results {

    private final Map<String, BlockingQueue<String>> channels = new ConcurrentHashMap<>();

    public void record(String channel, String entry) {
        queue(channel).add(entry);
    }

    /** The next entry of a channel, waiting up to {@code seconds}; null if none came. */
    public String next(String channel, long seconds) {
        try {
            return queue(channel).poll(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The entries of a channel not yet taken, without waiting. */
    public java.util.List<String> drain(String channel) {
        java.util.List<String> out = new java.util.ArrayList<>();
        queue(channel).drainTo(out);
        return out;
    }

    private BlockingQueue<String> queue(String channel) {
        return channels.computeIfAbsent(channel, c -> new LinkedBlockingQueue<>());
    }
}
