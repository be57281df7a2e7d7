package org.tallymq.tck.ch03;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TextMessage} that is not the provider's: plain fields, no provider code. Spec 3.12: "A
 * provider must be prepared to accept, from a client, a message whose implementation is not one of
 * its own." The provider sets the send-time header fields through the public setters (3.4.11).
 * Property getters do only the conversions this suite's tests need; unsupported ones throw
 * MessageFormatException. Not thread-safe, like any message.
 */
final class ForeignTextMessage implements TextMessage {

    private String text;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private String messageId;
    private long timestamp;
    private byte[] correlationIdBytes;
    private String correlationId;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DEFAULT_DELIVERY_MODE;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = DEFAULT_PRIORITY;

    ForeignTextMessage(String text) {
        this.text = text;
    }

    @Override public void setText(String string) { text = string; }
    @Override public String getText() { return text; }

    @Override public String getJMSMessageID() { return messageId; }
    @Override public void setJMSMessageID(String id) { messageId = id; }
    @Override public long getJMSTimestamp() { return timestamp; }
    @Override public void setJMSTimestamp(long value) { timestamp = value; }
    @Override public byte[] getJMSCorrelationIDAsBytes() { return correlationIdBytes == null ? null : correlationIdBytes.clone(); }
    @Override public void setJMSCorrelationIDAsBytes(byte[] value) { correlationIdBytes = value == null ? null : value.clone(); }
    @Override public void setJMSCorrelationID(String value) { correlationId = value; }
    @Override public String getJMSCorrelationID() { return correlationId; }
    @Override public Destination getJMSReplyTo() { return replyTo; }
    @Override public void setJMSReplyTo(Destination value) { replyTo = value; }
    @Override public Destination getJMSDestination() { return destination; }
    @Override public void setJMSDestination(Destination value) { destination = value; }
    @Override public int getJMSDeliveryMode() { return deliveryMode; }
    @Override public void setJMSDeliveryMode(int value) { deliveryMode = value; }
    @Override public boolean getJMSRedelivered() { return redelivered; }
    @Override public void setJMSRedelivered(boolean value) { redelivered = value; }
    @Override public String getJMSType() { return type; }
    @Override public void setJMSType(String value) { type = value; }
    @Override public long getJMSExpiration() { return expiration; }
    @Override public void setJMSExpiration(long value) { expiration = value; }
    @Override public long getJMSDeliveryTime() { return deliveryTime; }
    @Override public void setJMSDeliveryTime(long value) { deliveryTime = value; }
    @Override public int getJMSPriority() { return priority; }
    @Override public void setJMSPriority(int value) { priority = value; }

    @Override public void clearProperties() { properties.clear(); }
    @Override public boolean propertyExists(String name) { return properties.containsKey(name); }
    @Override public Enumeration<String> getPropertyNames() { return Collections.enumeration(properties.keySet()); }
    @Override public Object getObjectProperty(String name) { return properties.get(name); }

    @Override public boolean getBooleanProperty(String name) throws JMSException {
        Object v = properties.get(name);
        return v instanceof Boolean b ? b : Boolean.parseBoolean(asString(name, v));
    }

    @Override public byte getByteProperty(String name) throws JMSException {
        Object v = properties.get(name);
        return v instanceof Byte b ? b : Byte.parseByte(asString(name, v));
    }

    @Override public short getShortProperty(String name) throws JMSException {
        Object v = properties.get(name);
        return v instanceof Short || v instanceof Byte ? ((Number) v).shortValue() : Short.parseShort(asString(name, v));
    }

    @Override public int getIntProperty(String name) throws JMSException {
        Object v = properties.get(name);
        return v instanceof Integer || v instanceof Short || v instanceof Byte
                ? ((Number) v).intValue() : Integer.parseInt(asString(name, v));
    }

    @Override public long getLongProperty(String name) throws JMSException {
        Object v = properties.get(name);
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                ? ((Number) v).longValue() : Long.parseLong(asString(name, v));
    }

    @Override public float getFloatProperty(String name) throws JMSException {
        Object v = properties.get(name);
        return v instanceof Float f ? f : Float.parseFloat(asString(name, v));
    }

    @Override public double getDoubleProperty(String name) throws JMSException {
        Object v = properties.get(name);
        return v instanceof Double || v instanceof Float ? ((Number) v).doubleValue() : Double.parseDouble(asString(name, v));
    }

    @Override public String getStringProperty(String name) {
        Object v = properties.get(name);
        return v == null ? null : v.toString();
    }

    private static String asString(String name, Object value) throws MessageFormatException {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new MessageFormatException("property " + name + " holds a " + value.getClass().getSimpleName()
                + " which this test message does not convert");
    }

    @Override public void setBooleanProperty(String name, boolean value) { put(name, value); }
    @Override public void setByteProperty(String name, byte value) { put(name, value); }
    @Override public void setShortProperty(String name, short value) { put(name, value); }
    @Override public void setIntProperty(String name, int value) { put(name, value); }
    @Override public void setLongProperty(String name, long value) { put(name, value); }
    @Override public void setFloatProperty(String name, float value) { put(name, value); }
    @Override public void setDoubleProperty(String name, double value) { put(name, value); }
    @Override public void setStringProperty(String name, String value) { put(name, value); }
    @Override public void setObjectProperty(String name, Object value) { put(name, value); }

    private void put(String name, Object value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must be neither null nor empty");
        }
        properties.put(name, value);
    }

    @Override public void acknowledge() {
        // never received through a session: nothing to acknowledge
    }

    @Override public void clearBody() { text = null; }

    @Override public <T> T getBody(Class<T> c) throws JMSException {
        if (text == null || c.isAssignableFrom(String.class)) {
            return c.cast(text);
        }
        throw new MessageFormatException("a text body cannot be assigned to " + c.getName());
    }

    @Override public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return text == null || c.isAssignableFrom(String.class);
    }
}
