package org.tallymq.protocol;

import java.util.List;

/**
 * Every command that travels between a client connection and the broker, as immutable records.
 * The in-VM channel passes these objects as they are; the TCP transport encodes them with the
 * versioned codec. Requests (client to broker) are answered by exactly one {@link Reply};
 * {@link Deliver} and {@link ConnectionClosedByBroker} are pushed by the broker.
 *
 * <p>Identifiers: a connection chooses its own session and consumer ids (unique within the
 * connection); the broker chooses delivery ids (unique within the connection, increasing).
 */
public sealed interface Command {

    // ---- requests: client to broker --------------------------------------------------------

    /** Opens a connection. {@code clientId} is the administratively configured one, or null. */
    record Connect(int protocolVersion, String user, String password, String clientId) implements Command {
        @Override
        public String toString() {
            return "Connect[v" + protocolVersion + ", user=" + user + ", clientId=" + clientId + "]"; // never the password
        }
    }

    record SetClientId(String clientId) implements Command {
    }

    /** Closes the connection: rolls back open transactions, returns unacked messages, deletes temporaries. */
    record Disconnect() implements Command {
    }

    /** @param mode {@link SessionMode} */
    record CreateSession(long sessionId, SessionMode mode) implements Command {
    }

    /** Closes a session as {@link Rollback} would, then forgets it. */
    record CloseSession(long sessionId, long[] consumedDeliveryIds) implements Command {
    }

    /**
     * Creates a consumer on a queue or a subscription on a topic.
     *
     * @param subscriptionName null for a non-durable unshared topic subscription and for queues
     * @param durable          the subscription survives its consumers (needs a name)
     * @param shared           several consumers may share the subscription (needs a name)
     * @param prefetch         how many messages the broker may push before the client returns credit
     */
    record CreateConsumer(long sessionId, long consumerId, DestinationRef destination, String selector,
                          boolean noLocal, String subscriptionName, boolean durable, boolean shared,
                          int prefetch) implements Command {
    }

    /**
     * Closes a consumer. Deliveries the application consumed and has not acknowledged
     * ({@code consumedDeliveryIds}) stay with the session until it acknowledges, commits, recovers
     * or rolls back; every other delivery pushed to this consumer (buffered in the client, or still
     * on its way) goes back to the queue unchanged.
     */
    record CloseConsumer(long consumerId, long[] consumedDeliveryIds) implements Command {
    }

    /** Returns {@code credits} to a consumer's window (one-way: no reply). */
    record Credit(long consumerId, int credits) implements Command {
    }

    /** Returns credit, then delivers what is available to this consumer before replying (for receiveNoWait). */
    record Pull(long consumerId, int credits) implements Command {
    }

    /** Sends a message; in a transacted session it becomes visible at commit. */
    record Send(long sessionId, MessageData message) implements Command {
    }

    /** Acknowledges the given deliveries of a session (CLIENT, AUTO, DUPS_OK). */
    record Ack(long sessionId, long[] deliveryIds) implements Command {
    }

    /**
     * Restarts a session's delivery: every delivery of the session that is not acknowledged goes
     * back to its queue in its original order; those in {@code consumedDeliveryIds} were handed to
     * the application and count as a delivery attempt (JMSRedelivered, JMSXDeliveryCount + 1).
     */
    record Recover(long sessionId, long[] consumedDeliveryIds) implements Command {
    }

    /** Commits a transacted session: its sends become visible, the consumed deliveries are acknowledged. */
    record Commit(long sessionId, long[] consumedDeliveryIds) implements Command {
    }

    /** Rolls back a transacted session: sends are dropped, deliveries return as by {@link Recover}. */
    record Rollback(long sessionId, long[] consumedDeliveryIds) implements Command {
    }

    /** Reads a queue without consuming; replies {@link Reply.Browsed}. */
    record Browse(DestinationRef queue, String selector) implements Command {
    }

    record CreateTemporary(DestinationRef destination) implements Command {
    }

    record DeleteTemporary(DestinationRef destination) implements Command {
    }

    /** Deletes a durable subscription of this connection's client ID (or a shared one without it). */
    record Unsubscribe(String subscriptionName) implements Command {
    }

    /**
     * Starts or stops delivery to the consumers of this connection (Connection.start/stop). A new
     * connection is stopped: the broker pushes nothing to its consumers until it is started, so a
     * consumer of a connection that is never started takes no messages away from the others.
     */
    record SetStarted(boolean started) implements Command {
    }

    /**
     * Protocol version 2: the client proposes its heartbeat period (milliseconds); the broker answers
     * {@link Reply.HeartbeatAgreed} with the period both ends then use. Sent only after a CONNECTED that
     * announced version 2 or later.
     */
    record SetHeartbeat(long proposedMillis) implements Command {
    }

    /**
     * Keeps an idle connection alive; either side sends it when it has sent nothing for a while and
     * closes the connection when it has heard nothing for longer. Never answered; carries correlation id 0.
     */
    record Heartbeat() implements Command {
    }

    // ---- XA (the broker keeps branches by Xid, so any connection may prepare, commit or recover) -------

    /**
     * Associates a session with an XA branch: {@code flags} is XAResource.TMNOFLAGS (a new branch),
     * TMJOIN or TMRESUME. Until {@link XaEnd}, the session's sends belong to the branch.
     *
     * @param timeoutSeconds the branch is rolled back if it is not prepared within this time; 0 = the
     *                       broker's default
     */
    record XaStart(long sessionId, XidData xid, int flags, int timeoutSeconds) implements Command {
    }

    /**
     * Ends a session's association with a branch ({@code flags} TMSUCCESS, TMFAIL or TMSUSPEND); the
     * deliveries the application consumed in the association ({@code consumedDeliveryIds}) become the
     * branch's: acknowledged if it commits, returned to their queues if it rolls back.
     */
    record XaEnd(long sessionId, XidData xid, int flags, long[] consumedDeliveryIds) implements Command {
    }

    /** Prepares a branch; replies {@link Reply.XaResult} XA_OK (forced to the store) or XA_RDONLY. */
    record XaPrepare(XidData xid) implements Command {
    }

    record XaCommit(XidData xid, boolean onePhase) implements Command {
    }

    record XaRollback(XidData xid) implements Command {
    }

    /** Forgets a heuristically completed branch. */
    record XaForget(XidData xid) implements Command {
    }

    /** Lists every prepared or heuristically completed branch of the broker; replies {@link Reply.Xids}. */
    record XaRecover() implements Command {
    }

    // ---- pushed by the broker ----------------------------------------------------------------

    /**
     * A message for a consumer.
     *
     * @param deliveryCount 1 on the first delivery; JMSRedelivered is {@code deliveryCount > 1}
     */
    record Deliver(long consumerId, long deliveryId, int deliveryCount, MessageData message) implements Command {
    }

    /** The broker closed this connection (shutdown, error); the reason is for the ExceptionListener. */
    record ConnectionClosedByBroker(ErrorCode code, String reason) implements Command {
    }

    // ---- replies -----------------------------------------------------------------------------

    /** The answer to a request. */
    sealed interface Reply extends Command {

        record Ok() implements Reply {
        }

        /**
         * @param protocolVersion the version both ends speak on this connection: the lower of the client's
         *                        and the broker's; 1 for a client that announced version 1 (then it is not
         *                        on the wire)
         */
        record Connected(String connectionId, String brokerName, int protocolVersion) implements Reply {

            /** A version-1 answer. */
            public Connected(String connectionId, String brokerName) {
                this(connectionId, brokerName, 1);
            }
        }

        /** Answers {@link SetHeartbeat}: both ends use this period from now on. */
        record HeartbeatAgreed(long millis) implements Reply {
        }

        record Browsed(List<MessageData> messages) implements Reply {
        }

        /** The request failed; the client throws the JMS exception that {@code code} names. */
        record Failed(ErrorCode code, String message) implements Reply {
        }

        /**
         * The outcome of an XA request: {@code code} is an XAResource/XAException code: XA_OK (0),
         * XA_RDONLY (3) or an error (XAER_*, XA_RB*, XA_HEUR*), which the client throws as an
         * XAException with that errorCode and {@code message}.
         */
        record XaResult(int code, String message) implements Reply {
        }

        record Xids(List<XidData> xids) implements Reply {
        }

        Ok OK = new Ok();
    }
}
