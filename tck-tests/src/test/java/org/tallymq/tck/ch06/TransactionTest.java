package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.tck.ClassicSupport;

/** Spec 6.2.7 "Transactions" and the javadoc of {@code Session.commit/rollback/recover}. */
@DisplayName("6.2.7 Transactions")
class TransactionTest extends ClassicSupport {

    @Test
    @DisplayName("6.2.7 Messages sent in a transaction are invisible until commit; commit sends them")
    void commitMakesSendsVisible() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer producer = tx.createProducer(q);
        producer.send(tx.createTextMessage("a"));
        producer.send(tx.createTextMessage("b"));
        MessageConsumer observer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertNoMessage(observer);
        tx.commit();
        assertEquals(List.of("a", "b"), receiveTexts(observer, 2));
    }

    @Test
    @DisplayName("6.2.7 rollback destroys the messages sent in the transaction")
    void rollbackDropsSends() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer producer = tx.createProducer(q);
        producer.send(tx.createTextMessage("dropped"));
        tx.rollback();
        producer.send(tx.createTextMessage("kept"));
        tx.commit();
        MessageConsumer observer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertEquals("kept", receiveText(observer));
        assertNoMessage(observer);
    }

    @Test
    @DisplayName("6.2.7 commit acknowledges the messages consumed in the transaction: they do not come back")
    void commitConsumes() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        sendTexts(c, q, "a");
        MessageConsumer consumer = tx.createConsumer(q);
        assertEquals("a", receiveText(consumer));
        tx.commit();
        tx.close();
        assertNoMessage(c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q));
    }

    @Test
    @DisplayName("6.2.7 rollback recovers the consumed messages: all redelivered, JMSRedelivered=true, JMSXDeliveryCount=2")
    void rollbackRedelivers() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        sendTexts(c, q, "a", "b", "c");
        MessageConsumer consumer = tx.createConsumer(q);
        for (String expected : new String[] {"a", "b", "c"}) {
            Message m = receiveOrFail(consumer);
            assertEquals(expected, text(m));
            assertFirstDelivery(m);
        }
        tx.rollback();
        Set<String> redelivered = new TreeSet<>();
        for (int i = 0; i < 3; i++) {
            Message m = receiveOrFail(consumer);
            redelivered.add(text(m));
            assertRedelivered(m, 2);
        }
        // the order of redelivered messages is checked separately (MessageOrderTest): the javadoc of
        // Session.recover says they "do not have to be delivered in exactly their original delivery order"
        assertEquals(Set.of("a", "b", "c"), redelivered);
        tx.commit();
        assertNoMessage(consumer);
    }

    @Test
    @DisplayName("6.2.7 Sends and receives of one transaction commit together (atomic unit of input and output)")
    void receiveAndSendAtomically() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue in = newQueue(tx);
        Queue out = newQueue(tx);
        sendTexts(c, in, "request");
        MessageConsumer consumer = tx.createConsumer(in);
        MessageProducer producer = tx.createProducer(out);

        assertEquals("request", receiveText(consumer));
        producer.send(tx.createTextMessage("reply-1"));
        tx.rollback();                       // neither the reply nor the consumption happened

        assertEquals("request", receiveText(consumer));
        producer.send(tx.createTextMessage("reply-2"));
        tx.commit();

        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer outObserver = plain.createConsumer(out);
        assertEquals("reply-2", receiveText(outObserver));
        assertNoMessage(outObserver);
        assertNoMessage(plain.createConsumer(in));
    }

    @Test
    @DisplayName("6.2.7 The completion of a transaction automatically begins the next one")
    void transactionsChain() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer producer = tx.createProducer(q);
        MessageConsumer observer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        for (int i = 0; i < 3; i++) {
            producer.send(tx.createTextMessage("t" + i));
            tx.commit();
            assertEquals("t" + i, receiveText(observer));
        }
        assertTrue(tx.getTransacted());
    }

    @ParameterizedTest(name = "acknowledgeMode {0}")
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    @DisplayName("6.2.7 commit/rollback on a non-transacted session → IllegalStateException (javadoc Session.commit/rollback)")
    void commitOnNonTransacted(int mode) throws JMSException {
        Session s = connection().createSession(false, mode);
        assertFalse(s.getTransacted());
        assertThrows(IllegalStateException.class, s::commit);
        assertThrows(IllegalStateException.class, s::rollback);
    }

    @Test
    @DisplayName("6.2.10 recover on a transacted session → IllegalStateException (javadoc Session.recover)")
    void recoverOnTransacted() throws JMSException {
        Session tx = connection().createSession(true, Session.SESSION_TRANSACTED);
        assertThrows(IllegalStateException.class, tx::recover);
    }

    @Test
    @DisplayName("6.2.7 A transacted session's messages are consumed once: a second consumer after commit sees nothing")
    void committedOnce() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer producer = tx.createProducer(q);
        producer.send(tx.createTextMessage("x"));
        tx.commit();
        MessageConsumer consumer = tx.createConsumer(q);
        assertEquals("x", receiveText(consumer));
        tx.commit();
        Connection other = startedConnection();
        assertNoMessage(other.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q));
    }
}
