package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * Tally's own choices in the simplified API, which the provider-agnostic suite in tck-tests does
 * not pin down: when setClientID is still allowed, and the consumer's credit after receiveBody
 * put messages back.
 */
class TallyJMSContextTest {

    private static final long WAIT_MS = 5_000;

    @Test
    @DisplayName("Getters do not count as an action: setClientID still works after them")
    void gettersDoNotLockTheClientId() {
        try (JMSContext c = new TallyConnectionFactory("vm://simplified-unit").createContext()) {
            assertInstanceOf(TallyJMSContext.class, c);
            assertNull(c.getClientID());
            c.getMetaData();
            c.getExceptionListener();
            c.getAutoStart();
            c.getSessionMode();
            c.getTransacted();
            String id = "unit-" + UUID.randomUUID();
            c.setClientID(id);
            assertEquals(id, c.getClientID());
        }
    }

    @Test
    @DisplayName("receiveBody refusals in AUTO mode do not starve the consumer of credit (prefetch 2)")
    void refusalsKeepCreditInBalance() throws Exception {
        try (JMSContext c = new TallyConnectionFactory("vm://simplified-unit?prefetch=2").createContext()) {
            Queue q = c.createQueue("unit." + UUID.randomUUID());
            for (int i = 0; i < 10; i++) {
                c.createProducer().send(q, "m" + i);
            }
            JMSConsumer consumer = c.createConsumer(q);
            TallyMessageConsumer classic = ((TallyJMSConsumer) consumer).delegate();
            for (int i = 0; i < 10; i++) {
                for (int refusal = 0; refusal < 5; refusal++) {
                    assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, WAIT_MS));
                    // credit is returned when a message is taken, before its body is read: a refusal may leave
                    // one more than the prefetch buffered, never more (the debt is paid by the next take)
                    assertTrue(classic.bufferedDeliveryIds().size() <= 3, "more buffered than prefetch + 1: "
                            + classic.bufferedDeliveryIds());
                }
                TextMessage m = (TextMessage) consumer.receive(WAIT_MS);
                assertEquals("m" + i, m == null ? null : m.getText(), "message " + i);
            }
            assertNull(consumer.receiveNoWait());
        }
    }

    @Test
    @DisplayName("The last context sharing a connection closes it: SharedConnection counts users")
    void sharedConnectionCounts() {
        TallyJMSContext first = (TallyJMSContext) new TallyConnectionFactory("vm://simplified-unit").createContext();
        JMSContext second = first.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        TallyConnection connection = first.session().connection;
        first.close();
        second.createProducer(); // still usable
        second.close();
        assertThrows(jakarta.jms.IllegalStateException.class, connection::getClientID, "the connection is closed");
    }
}
