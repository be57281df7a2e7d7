package org.tallymq.samples.exactlyonce;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.BiFunction;
import javax.transaction.xa.XAResource;
import org.tallymq.jta.TallyRecovery;

/**
 * The exactly-once transaction: in one JTA transaction, receive an order from {@code IN}, insert a row into
 * H2's {@code ORDERS} table and send a confirmation to {@code OUT}; then commit both resources with two-phase
 * commit. After any crash, recovery completes or rolls back the whole transaction, so each order ends up as
 * exactly one row and one confirmation.
 *
 * <p>Both XAResources are enlisted under names (Tally's and H2's recovery helpers use the same names), so
 * Narayana's log names them: see {@link org.tallymq.jta.NamedXAResource}.
 *
 * <p>Threading: one processor belongs to one thread (it owns one XA session and one H2 connection).
 */
public final class OrderProcessor implements AutoCloseable {

    /** The order in which the two resources are enlisted, which is the order in which Narayana prepares and commits them. */
    public enum Order { TALLY_FIRST, H2_FIRST }

    private final TransactionManager tm;
    private final XASession session;
    private final XAResource tally;
    private final javax.sql.XAConnection h2Connection;
    private final XAResource h2;
    private final Connection sql;
    private final PreparedStatement insert;
    private final MessageConsumer consumer;
    private final MessageProducer producer;

    /**
     * @param tm Narayana's transaction manager
     * @param jms an XA connection to the broker (started by the caller)
     * @param tallyName the name Tally's resources are enlisted and recovered under
     * @param db the database
     * @param h2Name the name H2's resources are enlisted and recovered under
     * @param decorate wraps each resource before it is named and enlisted (identity for the sample; the crash
     *        tests use it to stop the process inside two-phase commit); called with "tally" or "h2" and the resource
     */
    public OrderProcessor(TransactionManager tm, XAConnection jms, String tallyName, OrdersDatabase db, String h2Name,
            BiFunction<String, XAResource, XAResource> decorate) throws JMSException, SQLException {
        this.tm = tm;
        this.session = jms.createXASession();
        this.tally = TallyRecovery.named(decorate.apply("tally", session.getXAResource()), tallyName);
        this.h2Connection = db.xaConnection();
        this.h2 = OrdersDatabase.named(decorate.apply("h2", h2Connection.getXAResource()), h2Name);
        this.sql = h2Connection.getConnection();
        this.insert = sql.prepareStatement("INSERT INTO ORDERS (ORDER_ID, BODY) VALUES (?, ?)");
        Queue in = session.createQueue(ExactlyOnce.IN);
        this.consumer = session.createConsumer(in);
        this.producer = session.createProducer(session.createQueue(ExactlyOnce.OUT));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    /**
     * Runs one transaction.
     *
     * @param order which resource Narayana prepares and commits first
     * @param receiveTimeoutMillis how long to wait for an order
     * @return the order id processed and committed, or null when no order came within the timeout (the
     *         transaction is then rolled back, which changes nothing)
     * @throws ProcessingException when the transaction failed; it was rolled back, or its outcome is left to
     *         recovery (the message says which step failed)
     */
    public String processOne(Order order, long receiveTimeoutMillis) throws ProcessingException {
        String step = "begin";
        try {
            tm.begin();
            Transaction tx = tm.getTransaction();
            step = "enlist";
            XAResource first = order == Order.TALLY_FIRST ? tally : h2;
            XAResource second = order == Order.TALLY_FIRST ? h2 : tally;
            if (!tx.enlistResource(first) || !tx.enlistResource(second)) {
                throw new IllegalStateException("the transaction manager refused to enlist a resource");
            }
            step = "receive from " + ExactlyOnce.IN;
            Message m = consumer.receive(receiveTimeoutMillis);
            if (m == null) {
                tm.rollback();
                return null;
            }
            String orderId = m.getStringProperty(ExactlyOnce.ORDER_ID);
            if (orderId == null) {
                orderId = m.getJMSMessageID();
            }
            String body = m instanceof TextMessage t ? t.getText() : m.getClass().getSimpleName();
            step = "insert " + orderId;
            insert.setString(1, orderId);
            insert.setString(2, body);
            insert.executeUpdate();
            step = "send confirmation of " + orderId + " to " + ExactlyOnce.OUT;
            TextMessage confirmation = session.createTextMessage("processed " + orderId);
            confirmation.setStringProperty(ExactlyOnce.ORDER_ID, orderId);
            producer.send(confirmation);
            step = "commit " + orderId;
            tm.commit();
            return orderId;
        } catch (JMSException | SQLException | NotSupportedException | SystemException | RollbackException
                | HeuristicMixedException | HeuristicRollbackException | RuntimeException e) {
            rollbackQuietly(e);
            throw new ProcessingException("exactly-once transaction failed at step '" + step + "': " + e, e);
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            int status = tm.getStatus();
            if (status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK) {
                tm.rollback();
            } else if (status != Status.STATUS_NO_TRANSACTION) {
                tm.suspend(); // committing or unknown: the outcome is recovery's business, not this thread's
            }
        } catch (SystemException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws JMSException, SQLException {
        try {
            session.close();
        } finally {
            h2Connection.close();
        }
    }
}
