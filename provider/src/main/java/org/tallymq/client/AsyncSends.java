package org.tallymq.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.protocol.Command;

/**
 * A session's asynchronous sends (JMS 2.0 CompletionListener): each send goes out at once; its
 * callback runs on the session's completion thread, in send order. Close, commit and rollback wait
 * for the outstanding ones and may not be called from inside a callback.
 *
 * <p>Thread-safe.
 */
final class AsyncSends {

    private static final Logger LOG = Logger.getLogger(AsyncSends.class.getName());

    private record Pending(Message message, CompletionListener listener, CompletableFuture<Command.Reply> reply) {
    }

    private final TallySession session;
    private final SerialExecutor callbacks = new SerialExecutor();
    /** Sends whose callback has not run yet, in send order; guarded by this. */
    private final ArrayDeque<Pending> inOrder = new ArrayDeque<>();
    private int outstanding; // guarded by this
    private volatile Thread callbackThread;

    AsyncSends(TallySession session) {
        this.session = session;
    }

    void send(Command.Send send, Message message, CompletionListener listener) throws JMSException {
        CompletableFuture<Command.Reply> reply;
        synchronized (this) {
            outstanding++;
        }
        try {
            reply = session.connection.channel.request(send, null);
        } catch (JMSException e) {
            done();
            throw e;
        }
        synchronized (this) {
            inOrder.add(new Pending(message, listener, reply));
        }
        reply.whenComplete((r, failure) -> callbacks.execute(this::runCompleted));
    }

    /**
     * Runs the callbacks of the sends at the head of the queue that have completed: a later send that
     * the broker answered first (a non-persistent one after a persistent one) waits for its turn, so
     * callbacks come in send order as the specification requires.
     */
    private void runCompleted() {
        while (true) {
            Pending p;
            synchronized (this) {
                p = inOrder.peek();
                if (p == null || !p.reply.isDone()) {
                    return;
                }
                inOrder.poll();
            }
            Command.Reply r = null;
            Throwable failure = null;
            try {
                r = p.reply.join();
            } catch (RuntimeException e) {
                failure = e.getCause() != null ? e.getCause() : e;
            }
            complete(p.message, p.listener, r, failure);
        }
    }

    private void complete(Message message, CompletionListener listener, Command.Reply r, Throwable failure) {
        callbackThread = Thread.currentThread();
        try {
            if (failure == null && !(r instanceof Command.Reply.Failed)) {
                listener.onCompletion(message);
            } else {
                Exception e = failure != null
                        ? (failure instanceof JMSException je ? je : Exceptions.wrap("asynchronous send failed", new Exception(failure)))
                        : Exceptions.fromBroker(((Command.Reply.Failed) r).code(), ((Command.Reply.Failed) r).message());
                listener.onException(message, e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a CompletionListener threw; ignored", e);
        } finally {
            callbackThread = null;
            done();
        }
    }

    private synchronized void done() {
        outstanding--;
        notifyAll();
    }

    /** Close, commit and rollback may not be called from a CompletionListener of the same session. */
    void checkNotInCallback(String what) throws IllegalStateException {
        if (callbackThread == Thread.currentThread()) {
            throw new IllegalStateException(what + "() may not be called from a CompletionListener callback of its own session");
        }
    }

    /** Waits until every asynchronous send of the session has had its callback. */
    synchronized void awaitAll() throws JMSException {
        while (outstanding > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Exceptions.wrap("interrupted while waiting for asynchronous sends to complete", e);
            }
        }
    }
}
