package org.tallymq.client;

import static org.tallymq.client.RuntimeExceptions.call;
import static org.tallymq.client.RuntimeExceptions.run;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;

/**
 * The simplified API's consumer (spec 8, JMSConsumer javadoc): a {@link TallyMessageConsumer}
 * whose checked exceptions come out unchecked, plus {@code receiveBody}.
 *
 * <h2>receiveBody (spec 8.6)</h2>
 * Works for TextMessage, BytesMessage, MapMessage and ObjectMessage that have a body which can
 * be assigned to the class asked for; anything else (a StreamMessage, a Message without a body
 * type, a body of another type, no body at all, an ObjectMessage that cannot be deserialized,
 * including a class the deserialization allow-list refuses) is a MessageFormatRuntimeException.
 * What happens to that message depends on the session mode, as the javadoc requires: in
 * AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE it is not acknowledged and is the next message
 * received, not marked redelivered; in CLIENT_ACKNOWLEDGE and transacted sessions it counts as
 * consumed (recover or rollback brings it back). The body is read before the session acknowledges
 * the message ({@link TallyMessageConsumer.BeforeAcknowledge}), so a body that cannot be read
 * is never acknowledged in AUTO mode.
 *
 * <p>Threading: one thread at a time, like its context; {@link #close()} may be called from any
 * thread, including this consumer's own MessageListener.
 */
public final class TallyJMSConsumer implements JMSConsumer {

    private final TallyJMSContext context;
    private final TallyMessageConsumer consumer;

    TallyJMSConsumer(TallyJMSContext context, TallyMessageConsumer consumer) {
        this.context = context;
        this.consumer = consumer;
    }

    /** Null when there is no selector, also when it was given as "" (JMSConsumer javadoc). */
    @Override
    public String getMessageSelector() {
        String selector = call(consumer::getMessageSelector);
        return selector == null || selector.isBlank() ? null : selector;
    }

    @Override
    public MessageListener getMessageListener() {
        return call(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        run(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return call(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return call(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return call(consumer::receiveNoWait);
    }

    /** Blocks until a message arrives or the consumer is closed (then null). */
    @Override
    public <T> T receiveBody(Class<T> c) {
        return receiveBody(c, 0);
    }

    /** Null when the timeout expires or the consumer is closed. */
    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        Body<T> body = new Body<>(c);
        return call(() -> consumer.receive(timeout, body)) == null ? null : body.value;
    }

    /** Null when no message is available at once. */
    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        Body<T> body = new Body<>(c);
        return call(() -> consumer.receiveNoWait(body)) == null ? null : body.value;
    }

    /** Reads the body of the message being received, before it is acknowledged. */
    private static final class Body<T> implements TallyMessageConsumer.BeforeAcknowledge {
        private final Class<T> type;
        private T value;

        Body(Class<T> type) {
            this.type = type;
        }

        @Override
        public void check(TallyMessage m) throws JMSException {
            value = bodyOf(m, type);
        }
    }

    /** The body of {@code m} as {@code c}, under the rules of receiveBody (see the class comment). */
    static <T> T bodyOf(TallyMessage m, Class<T> c) throws JMSException {
        boolean supported = m instanceof TextMessage || m instanceof BytesMessage || m instanceof MapMessage
                || m instanceof ObjectMessage;
        if (!supported) {
            throw new MessageFormatException("receiveBody cannot return the body of a " + m.kind() + " (message "
                    + m.getJMSMessageID() + "): it works only for TextMessage, BytesMessage, MapMessage and "
                    + "ObjectMessage; use receive() for this message", "TALLY-RECEIVE-BODY-TYPE");
        }
        if (!m.hasBody()) {
            throw new MessageFormatException("message " + m.getJMSMessageID() + " is a " + m.kind() + " without a body, "
                    + "so receiveBody has no body to return (JMSConsumer.receiveBody); use receive() where bodies "
                    + "may be absent", "TALLY-RECEIVE-BODY-EMPTY");
        }
        if (c == null) {
            throw new MessageFormatException("receiveBody(null): pass the class the body should be returned as, e.g. "
                    + "String.class for a TextMessage", "TALLY-RECEIVE-BODY-TYPE");
        }
        try {
            return m.getBody(c);
        } catch (MessageFormatException e) {
            throw e;
        } catch (JMSException e) {
            MessageFormatException mfe = new MessageFormatException("the body of " + m.kind() + " "
                    + m.getJMSMessageID() + " cannot be read: " + e.getMessage(), e.getErrorCode());
            mfe.setLinkedException(e);
            mfe.initCause(e);
            throw mfe;
        }
    }

    /** Closes the consumer; a receive in progress returns null. Callable from any thread. */
    @Override
    public void close() {
        run(consumer::close);
    }

    /** The classic consumer underneath (for tests and diagnostics). */
    TallyMessageConsumer delegate() {
        return consumer;
    }

    @Override
    public String toString() {
        return "TallyJMSConsumer[" + consumer + " of " + context + "]";
    }
}
