package org.tallymq.client;

import static org.tallymq.client.RuntimeExceptions.call;
import static org.tallymq.client.RuntimeExceptions.run;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's producer (spec 7, JMSProducer javadoc): a lightweight bundle of send
 * options, message headers and message properties, applied to every message it sends. It owns no
 * broker resource: every send goes through its context's one unidentified classic producer
 * ({@link TallyJMSContext#sender()}), so applications may create as many as they like.
 *
 * <p>What a send does, in order: checks the context is open, the destination and the message;
 * sets the headers configured here (JMSCorrelationID, JMSType, JMSReplyTo, each only when set
 * here) and the properties configured here on the message, overriding what the message had; then
 * sends it with this producer's delivery mode, priority, time to live, delivery delay,
 * disable-ID/-timestamp hints and, if {@link #setAsync} gave one, CompletionListener.
 *
 * <p>Properties follow the rules of message properties (spec 3.5): names are checked by
 * {@link MessageProperties}, values read back with the conversions of {@link ValueConversion}
 * (a MessageFormatException there becomes MessageFormatRuntimeException; the
 * NumberFormatException and NullPointerException the conversion table requires are thrown as
 * they are).
 *
 * <p>Threading: like its context, one thread at a time. The setters only change this object and
 * keep working after the context is closed; a send then throws IllegalStateRuntimeException.
 */
public final class TallyJMSProducer implements JMSProducer {

    private final TallyJMSContext context;
    private final MessageProperties properties = new MessageProperties();
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private CompletionListener completionListener;
    /** JMSCorrelationID as a String or as bytes: the last one set wins, the other is null. */
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;

    TallyJMSProducer(TallyJMSContext context) {
        this.context = context;
    }

    // ---- send --------------------------------------------------------------------------------

    /**
     * @throws MessageFormatRuntimeException        if {@code message} is null
     * @throws InvalidDestinationRuntimeException   if {@code destination} is null or not usable
     * @throws jakarta.jms.MessageNotWriteableRuntimeException if properties are configured here
     *                                              and the message's properties are read-only
     * @throws jakarta.jms.IllegalStateRuntimeException if the context is closed
     */
    @Override
    public JMSProducer send(Destination destination, Message message) {
        context.checkOpen();
        if (destination == null) {
            throw new InvalidDestinationRuntimeException("JMSProducer.send: the destination is null; pass the Queue or "
                    + "Topic to send to");
        }
        if (message == null) {
            throw new MessageFormatRuntimeException("JMSProducer.send: the message is null; pass a message, or use "
                    + "send(destination, body) to send a body");
        }
        run(() -> {
            applyHeadersAndProperties(message);
            TallyMessageProducer p = context.sender();
            p.setDeliveryDelay(deliveryDelay);
            p.setDisableMessageID(disableMessageId);
            p.setDisableMessageTimestamp(disableTimestamp);
            if (completionListener == null) {
                p.send(destination, message, deliveryMode, priority, timeToLive);
            } else {
                p.send(destination, message, deliveryMode, priority, timeToLive, completionListener);
            }
        });
        return this;
    }

    private void applyHeadersAndProperties(Message m) throws JMSException {
        if (correlationIdBytes != null) {
            m.setJMSCorrelationIDAsBytes(correlationIdBytes);
        } else if (correlationId != null) {
            m.setJMSCorrelationID(correlationId);
        }
        if (type != null) {
            m.setJMSType(type);
        }
        if (replyTo != null) {
            m.setJMSReplyTo(replyTo);
        }
        for (Map.Entry<String, Object> e : properties.view().entrySet()) {
            m.setObjectProperty(e.getKey(), e.getValue());
        }
    }

    /** A TextMessage with {@code body}; null sends a TextMessage without a body. */
    @Override
    public JMSProducer send(Destination destination, String body) {
        context.checkOpen();
        return send(destination, context.createTextMessage(body));
    }

    /**
     * A MapMessage with the entries of {@code body}; null sends one without entries.
     *
     * @throws MessageFormatRuntimeException for a null or empty key, or a value that is not a boxed
     *                                       primitive, String or byte[]
     */
    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        context.checkOpen();
        MapMessage m = context.createMapMessage();
        if (body != null) {
            for (Map.Entry<String, Object> e : body.entrySet()) {
                String name = e.getKey();
                if (name == null || name.isEmpty()) {
                    throw new MessageFormatRuntimeException("JMSProducer.send: the Map body has a "
                            + (name == null ? "null" : "empty") + " key; MapMessage entries need a name");
                }
                run(() -> m.setObject(name, e.getValue()));
            }
        }
        return send(destination, m);
    }

    /** A BytesMessage with {@code body}; null sends a BytesMessage without a body. */
    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        context.checkOpen();
        BytesMessage m = context.createBytesMessage();
        if (body != null) {
            run(() -> m.writeBytes(body));
        }
        return send(destination, m);
    }

    /**
     * An ObjectMessage with {@code body}; null sends an ObjectMessage without a body.
     *
     * @throws MessageFormatRuntimeException if {@code body} cannot be serialized
     */
    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        context.checkOpen();
        return send(destination, context.createObjectMessage(body));
    }

    // ---- send options ------------------------------------------------------------------------

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        disableMessageId = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return disableMessageId;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        disableTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return disableTimestamp;
    }

    /** @throws jakarta.jms.JMSRuntimeException unless PERSISTENT or NON_PERSISTENT */
    @Override
    public JMSProducer setDeliveryMode(int mode) {
        run(() -> TallyMessageProducer.checkDeliveryMode(mode));
        deliveryMode = mode;
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return deliveryMode;
    }

    /** @throws jakarta.jms.JMSRuntimeException unless 0 to 9 */
    @Override
    public JMSProducer setPriority(int value) {
        run(() -> TallyMessageProducer.checkPriority(value));
        priority = value;
        return this;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(long ms) {
        timeToLive = ms;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long ms) {
        deliveryDelay = ms;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return deliveryDelay;
    }

    /** Non-null: later sends are asynchronous and report to {@code listener}; null: synchronous again. */
    @Override
    public JMSProducer setAsync(CompletionListener listener) {
        completionListener = listener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return completionListener;
    }

    // ---- properties --------------------------------------------------------------------------

    private JMSProducer set(String name, Object value) {
        run(() -> properties.set(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return set(name, value);
    }

    /**
     * @throws IllegalArgumentException      for a name a message property may not have (spec 3.5.1)
     * @throws MessageFormatRuntimeException unless {@code value} is null, a boxed primitive (not
     *                                       Character) or a String
     */
    @Override
    public JMSProducer setProperty(String name, Object value) {
        return set(name, value);
    }

    @Override
    public JMSProducer clearProperties() {
        properties.clear();
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return call(() -> properties.getBoolean(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return call(() -> properties.getByte(name));
    }

    @Override
    public short getShortProperty(String name) {
        return call(() -> properties.getShort(name));
    }

    @Override
    public int getIntProperty(String name) {
        return call(() -> properties.getInt(name));
    }

    @Override
    public long getLongProperty(String name) {
        return call(() -> properties.getLong(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return call(() -> properties.getFloat(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return call(() -> properties.getDouble(name));
    }

    @Override
    public String getStringProperty(String name) {
        return call(() -> properties.getString(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    /** An unmodifiable view, backed by this producer (JMSProducer javadoc). */
    @Override
    public Set<String> getPropertyNames() {
        return properties.view().keySet();
    }

    // ---- headers -----------------------------------------------------------------------------

    /** The array is copied; replaces a correlation ID set as a String. */
    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        correlationIdBytes = correlationID == null ? null : correlationID.clone();
        correlationId = null;
        return this;
    }

    /** A copy; null unless the correlation ID was last set as bytes. */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationIdBytes == null ? null : correlationIdBytes.clone();
    }

    /** Replaces a correlation ID set as bytes. */
    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        correlationId = correlationID;
        correlationIdBytes = null;
        return this;
    }

    /** Null unless the correlation ID was last set as a String. */
    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(String value) {
        type = value;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination value) {
        replyTo = value;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public String toString() {
        return "TallyJMSProducer[" + (deliveryMode == DeliveryMode.PERSISTENT ? "persistent" : "non-persistent")
                + ", priority " + priority + ", ttl " + timeToLive + ", delay " + deliveryDelay
                + (completionListener == null ? "" : ", async") + ", " + properties.size() + " properties]";
    }
}
