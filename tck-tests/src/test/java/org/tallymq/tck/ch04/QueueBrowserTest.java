package org.tallymq.tck.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;

/** Spec 4.1.6 "QueueBrowser" and the javadoc of {@code QueueBrowser} and {@code Session.createBrowser}. */
@DisplayName("4.1.6 QueueBrowser")
class QueueBrowserTest extends ClassicSupport {

    @Test
    @DisplayName("4.1.6 A browser enumerates the queue's messages in the order they would be received, without removing them")
    void browseWithoutConsuming() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        String[] texts = numbered("b", 5);
        sendTexts(s, q, texts);
        try (QueueBrowser browser = s.createBrowser(q)) {
            assertEquals(Arrays.asList(texts), browse(browser));
            assertEquals(Arrays.asList(texts), browse(browser), "a second enumeration sees the same messages");
        }
        assertEquals(Arrays.asList(texts), receiveTexts(s.createConsumer(q), texts.length),
                "browsing must not remove messages");
    }

    @Test
    @DisplayName("4.1.6 A browser with a message selector enumerates only the matching messages, in order")
    void browseWithSelector() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        for (int i = 0; i < 6; i++) {
            Message m = s.createTextMessage("m" + i);
            m.setIntProperty("n", i);
            producer.send(m);
        }
        try (QueueBrowser browser = s.createBrowser(q, "n >= 2 AND n <= 4")) {
            assertEquals("n >= 2 AND n <= 4", browser.getMessageSelector());
            assertEquals(List.of("m2", "m3", "m4"), browse(browser));
        }
    }

    @Test
    @DisplayName("4.1.6 getQueue returns the browsed queue; getMessageSelector is null without a selector (or with null / \"\")")
    void getters() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        QueueBrowser plain = s.createBrowser(q);
        assertEquals(q, plain.getQueue());
        assertNull(plain.getMessageSelector());
        assertNull(s.createBrowser(q, null).getMessageSelector());
        assertNull(s.createBrowser(q, "").getMessageSelector());
    }

    @Test
    @DisplayName("4.1.6 Browsing an empty queue gives an empty enumeration")
    void browseEmptyQueue() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        try (QueueBrowser browser = s.createBrowser(newQueue(s))) {
            Enumeration<?> e = browser.getEnumeration();
            assertFalse(e.hasMoreElements());
        }
    }

    @Test
    @DisplayName("4.1.6 A browser works on a stopped connection (browsing is not delivery)")
    void browseOnStoppedConnection() throws JMSException {
        Connection c = connection(); // never started
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(s, q, "x");
        assertEquals(List.of("x"), browse(s.createBrowser(q)));
    }

    @Test
    @DisplayName("4.1.6 Messages consumed (acknowledged) are no longer browsed")
    void consumedNotBrowsed() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(s, q, "a", "b");
        Session consuming = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertEquals("a", receiveText(consuming.createConsumer(q)));
        // close the consuming session, so that no message is held by a consumer (prefetched) while browsing
        consuming.close();
        assertEquals(List.of("b"), browse(s.createBrowser(q)));
    }

    @Test
    @DisplayName("4.1.6 QueueSession.createBrowser works like Session.createBrowser")
    void queueSessionBrowser() throws JMSException {
        QueueSession qs = queueConnection().createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(qs);
        sendTexts(qs, q, "a");
        assertEquals(List.of("a"), browse(qs.createBrowser(q)));
    }

    @Test
    @DisplayName("4.1.6 createBrowser(null) → InvalidDestinationException; invalid selector → InvalidSelectorException")
    void invalidArguments() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createBrowser(null));
        assertThrows(InvalidSelectorException.class, () -> s.createBrowser(newQueue(s), "= = nonsense"));
    }

    @Test
    @DisplayName("4.1.6 Closing a browser twice is allowed")
    void closeBrowserTwice() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueBrowser browser = s.createBrowser(newQueue(s));
        browser.close();
        browser.close();
    }

    @Test
    @Tag("beyond-spec")
    @DisplayName("4.1.6 (beyond the spec) A closed browser's methods → IllegalStateException")
    void closedBrowser() throws JMSException {
        // The spec and the QueueBrowser javadoc do not say what a closed browser does (6.1.8/6.2.15 name only
        // sessions, consumers and producers); the official TCK and Tally treat it like a closed consumer.
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueBrowser browser = s.createBrowser(newQueue(s));
        browser.close();
        browser.close();
        assertThrows(IllegalStateException.class, browser::getEnumeration);
        assertThrows(IllegalStateException.class, browser::getQueue);
        assertThrows(IllegalStateException.class, browser::getMessageSelector);
    }

    private static List<String> browse(QueueBrowser browser) throws JMSException {
        List<String> texts = new ArrayList<>();
        Enumeration<?> e = browser.getEnumeration();
        while (e.hasMoreElements()) {
            texts.add(text((Message) e.nextElement()));
        }
        return texts;
    }
}
