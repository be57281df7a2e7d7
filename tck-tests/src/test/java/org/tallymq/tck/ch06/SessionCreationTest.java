package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.tck.ClassicSupport;

/** Spec 6.2 "Sessions" and the javadoc of {@code Connection.createSession} and {@code Session.getAcknowledgeMode}. */
@DisplayName("6.2 Sessions: creation and modes")
class SessionCreationTest extends ClassicSupport {

    @Test
    @DisplayName("6.2 createSession() (JMS 2.0, Java SE) → non-transacted, AUTO_ACKNOWLEDGE")
    void createSessionNoArgs() throws JMSException {
        Session s = connection().createSession();
        assertFalse(s.getTransacted());
        assertEquals(Session.AUTO_ACKNOWLEDGE, s.getAcknowledgeMode());
    }

    @ParameterizedTest(name = "sessionMode {0}")
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    @DisplayName("6.2 createSession(int) with an acknowledgement mode → non-transacted with that mode")
    void createSessionWithAckMode(int mode) throws JMSException {
        Session s = connection().createSession(mode);
        assertFalse(s.getTransacted());
        assertEquals(mode, s.getAcknowledgeMode());
    }

    @Test
    @DisplayName("6.2 createSession(SESSION_TRANSACTED) → transacted; getAcknowledgeMode returns SESSION_TRANSACTED")
    void createSessionTransactedMode() throws JMSException {
        Session s = connection().createSession(Session.SESSION_TRANSACTED);
        assertTrue(s.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, s.getAcknowledgeMode());
    }

    @ParameterizedTest(name = "acknowledgeMode {0}")
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    @DisplayName("6.2 createSession(false, mode) → non-transacted with that mode")
    void createSessionBooleanInt(int mode) throws JMSException {
        Session s = connection().createSession(false, mode);
        assertFalse(s.getTransacted());
        assertEquals(mode, s.getAcknowledgeMode());
    }

    @ParameterizedTest(name = "acknowledgeMode {0} (ignored)")
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.SESSION_TRANSACTED})
    @DisplayName("6.2 createSession(true, mode) → transacted; the acknowledgeMode argument is ignored")
    void createSessionTransactedIgnoresAckMode(int mode) throws JMSException {
        Session s = connection().createSession(true, mode);
        assertTrue(s.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, s.getAcknowledgeMode());
    }

    @Test
    @DisplayName("6.2 A connection can create several independent sessions")
    void severalSessions() throws JMSException {
        Connection c = startedConnection();
        Session a = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session b = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(a);
        sendTexts(a, q, "x");
        assertEquals("x", receiveText(b.createConsumer(q)));
        b.commit();
        a.close();
        assertTrue(b.getTransacted(), "closing one session leaves the others open");
    }

    @Test
    @DisplayName("6.2 QueueConnection.createQueueSession and TopicConnection.createTopicSession keep their modes")
    void domainSessions() throws JMSException {
        QueueSession qs = queueConnection().createQueueSession(false, Session.CLIENT_ACKNOWLEDGE);
        assertNotNull(qs);
        assertFalse(qs.getTransacted());
        assertEquals(Session.CLIENT_ACKNOWLEDGE, qs.getAcknowledgeMode());
        TopicSession ts = topicConnection().createTopicSession(true, Session.AUTO_ACKNOWLEDGE);
        assertTrue(ts.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, ts.getAcknowledgeMode());
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(ints = {-1, 4, 99})
    @DisplayName("6.2 createSession with an illegal session/acknowledge mode → JMSException (javadoc createSession)")
    void illegalMode(int mode) throws JMSException {
        // the javadoc names the checked JMSException ("lack of support for the specific transaction and
        // acknowledgement mode"); ActiveMQ Artemis 2.40 throws the unchecked JMSRuntimeException instead
        Connection c = connection();
        assertThrows(JMSException.class, () -> c.createSession(false, mode));
        assertThrows(JMSException.class, () -> c.createSession(mode));
    }
}
