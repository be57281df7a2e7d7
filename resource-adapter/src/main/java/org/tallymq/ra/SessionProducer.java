package org.tallymq.ra;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@link JMSProducer} over a managed connection's session (see {@link SessionContext}): its settings are kept
 * here and applied to each send through one anonymous {@link MessageProducer}. Message properties are kept in a
 * scratch message of the session, so their names, types and conversions follow the Message rules exactly.
 * Asynchronous send is refused (Jakarta Messaging 3.1 section 7.3.5: not in a Jakarta EE container).
 *
 * <p>Threading: that of the session, one thread at a time.
 */
final class SessionProducer implements JMSProducer {

    private final Session session;
    private MessageProducer producer;
    private final Message properties;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageID;
    private boolean disableMessageTimestamp;
    private String correlationID;
    private byte[] correlationIDBytes;
    private String type;
    private Destination replyTo;

    SessionProducer(Session session) {
        this.session = session;
        try {
            this.properties = session.createMessage();
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    // ---- send ------------------------------------------------------------------------------------

    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("the message to send is null");
        }
        try {
            for (String name : getPropertyNames()) {
                message.setObjectProperty(name, properties.getObjectProperty(name));
            }
            if (correlationIDBytes != null) {
                message.setJMSCorrelationIDAsBytes(correlationIDBytes);
            } else if (correlationID != null) {
                message.setJMSCorrelationID(correlationID);
            }
            if (type != null) {
                message.setJMSType(type);
            }
            if (replyTo != null) {
                message.setJMSReplyTo(replyTo);
            }
            MessageProducer p = producer();
            p.setDisableMessageID(disableMessageID);
            p.setDisableMessageTimestamp(disableMessageTimestamp);
            p.setDeliveryDelay(deliveryDelay);
            p.send(destination, message, deliveryMode, priority, timeToLive);
            return this;
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        try {
            return send(destination, session.createTextMessage(body));
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        try {
            MapMessage m = session.createMapMessage();
            if (body != null) {
                for (Map.Entry<String, Object> e : body.entrySet()) {
                    m.setObject(e.getKey(), e.getValue());
                }
            }
            return send(destination, m);
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        try {
            BytesMessage m = session.createBytesMessage();
            if (body != null) {
                m.writeBytes(body);
            }
            return send(destination, m);
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        try {
            return send(destination, session.createObjectMessage(body));
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    private MessageProducer producer() throws JMSException {
        if (producer == null) {
            producer = session.createProducer(null);
        }
        return producer;
    }

    // ---- settings --------------------------------------------------------------------------------

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        disableMessageID = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return disableMessageID;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        disableMessageTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return disableMessageTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(int mode) {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSRuntimeException("delivery mode " + mode + " is neither PERSISTENT (2) nor NON_PERSISTENT (1)");
        }
        deliveryMode = mode;
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int value) {
        if (value < 0 || value > 9) {
            throw new JMSRuntimeException("priority " + value + " is outside 0..9");
        }
        priority = value;
        return this;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(long value) {
        timeToLive = value;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long value) {
        deliveryDelay = value;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return deliveryDelay;
    }

    /** Only null is accepted: asynchronous send is not permitted in a Jakarta EE container (section 7.3.5). */
    @Override
    public JMSProducer setAsync(CompletionListener listener) {
        if (listener != null) {
            throw new IllegalStateRuntimeException("asynchronous send is not permitted in a Jakarta EE web or EJB "
                    + "container (Jakarta Messaging 3.1 section 7.3.5); send synchronously", "TALLY-RA-EE-RESTRICTION");
        }
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return null;
    }

    // ---- properties (kept in a scratch message: same names, types and conversions) --------------

    private JMSProducer set(PropertySetter setter) {
        try {
            setter.set();
            return this;
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    private interface PropertySetter {
        void set() throws JMSException;
    }

    private interface PropertyGetter<T> {
        T get() throws JMSException;
    }

    private static <T> T get(PropertyGetter<T> getter) {
        try {
            return getter.get();
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return set(() -> properties.setBooleanProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return set(() -> properties.setByteProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return set(() -> properties.setShortProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return set(() -> properties.setIntProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return set(() -> properties.setLongProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return set(() -> properties.setFloatProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return set(() -> properties.setDoubleProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return set(() -> properties.setStringProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        return set(() -> properties.setObjectProperty(name, value));
    }

    @Override
    public JMSProducer clearProperties() {
        return set(properties::clearProperties);
    }

    @Override
    public boolean propertyExists(String name) {
        return get(() -> properties.propertyExists(name));
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return get(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return get(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return get(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return get(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return get(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return get(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return get(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return get(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return get(() -> properties.getObjectProperty(name));
    }

    @Override
    public Set<String> getPropertyNames() {
        Set<String> names = new HashSet<>();
        for (Object n : Collections.list(get(properties::getPropertyNames))) {
            names.add((String) n);
        }
        return names;
    }

    // ---- headers ---------------------------------------------------------------------------------

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] id) {
        correlationIDBytes = id == null ? null : id.clone();
        correlationID = null;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationIDBytes == null ? null : correlationIDBytes.clone();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String id) {
        correlationID = id;
        correlationIDBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationID;
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
}
