package org.tallymq.tck.simplified;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.tallymq.tck.Tck;

/**
 * What the simplified-API tests share: contexts that are closed after each test (in reverse order,
 * ignoring failures of contexts a test already broke), a fresh queue per test, and small helpers.
 * Everything comes through JNDI ({@link Tck}); nothing here names a provider class.
 */
abstract class SimplifiedTestSupport {

    private final List<JMSContext> contexts = new ArrayList<>();

    static ConnectionFactory cf() {
        return Tck.connectionFactory();
    }

    /** A context from the default factory that the test's cleanup closes. */
    JMSContext context() {
        return track(cf().createContext());
    }

    /** A context in {@code sessionMode} that the test's cleanup closes. */
    JMSContext context(int sessionMode) {
        return track(cf().createContext(sessionMode));
    }

    <C extends JMSContext> C track(C context) {
        contexts.add(context);
        return context;
    }

    @AfterEach
    void closeContexts() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (JMSRuntimeException e) {
                // the test may have left it in a state that cannot close cleanly; the next context is independent
            }
        }
        contexts.clear();
    }

    /** A queue no other test uses. */
    static Queue freshQueue(JMSContext context) {
        return context.createQueue(Tck.uniqueName("simplified"));
    }

    static Message receive(JMSConsumer consumer) {
        Message m = consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
        assertNotNull(m, "expected a message within " + Tck.RECEIVE_TIMEOUT_MS + " ms");
        return m;
    }

    static String text(Message m) throws Exception {
        assertNotNull(m, "expected a message");
        return ((TextMessage) m).getText();
    }

    /** Everything still on {@code queue}, received with a new AUTO_ACKNOWLEDGE context (so it is consumed). */
    List<String> drainTexts(Queue queue) throws Exception {
        List<String> texts = new ArrayList<>();
        try (JMSContext c = cf().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            JMSConsumer consumer = c.createConsumer(queue);
            Message m;
            while ((m = consumer.receive(Tck.NO_MESSAGE_MS)) != null) {
                texts.add(text(m));
            }
        }
        return texts;
    }
}
