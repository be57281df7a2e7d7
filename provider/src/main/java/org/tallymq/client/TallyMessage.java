package org.tallymq.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;
import java.util.Enumeration;
import org.tallymq.protocol.BodyType;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.MessageData;

/**
 * A message without a body ({@code Session.createMessage()}), and the base of Tally's five body
 * types: the header fields (spec 3.4), the properties (spec 3.5, see {@link MessageProperties})
 * and the conversion to and from {@link MessageData}, the immutable form that travels.
 *
 * <h2>Life of a message</h2>
 * <ul>
 *   <li>Created by a session: everything writable; BytesMessage and StreamMessage bodies are
 *       write-only until {@code reset()}.</li>
 *   <li>Sent: the producer sets the send-time headers with the public setters and calls
 *       {@link #toMessageData()}, an immutable snapshot; changing the message afterwards changes
 *       nothing that was sent (spec 3.9).</li>
 *   <li>Received: {@link #fromMessageData} makes a new message whose properties and body are
 *       read-only (spec 3.10) until {@link #clearProperties()} / {@link #clearBody()}; the header
 *       setters keep working, as the spec requires.</li>
 * </ul>
 *
 * <h2>JMSCorrelationID</h2>
 * Set as a String or as bytes; the last set wins. {@link #getJMSCorrelationID()} returns only a
 * value set as a String and {@link #getJMSCorrelationIDAsBytes()} only one set as bytes (a copy);
 * the other returns null. Both travel ({@link MessageData#correlationId()},
 * {@link MessageData#correlationIdBytes()}); a selector sees only the String form.
 *
 * <p>Threading: not thread-safe. Like the session it belongs to, a message is used by one thread
 * at a time; hand it to another thread only with a happens-before edge (e.g. a queue).
 */
public class TallyMessage implements Message {

    private String messageId;
    private long timestamp;
    private String correlationId;
    private byte[] correlationIdBytes;
    private Destination destination;
    private Destination replyTo;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;

    final MessageProperties properties = new MessageProperties();
    private Acknowledger acknowledger;
    private DeserializationPolicy deserializationPolicy;

    /**
     * True when the body is read-only: a received message, or a BytesMessage or StreamMessage
     * after {@code reset()}. For those two, false means write-only.
     */
    boolean bodyReadOnly;

    /** A new message without a body, everything writable. */
    public TallyMessage() {
    }

    // ---- the contract with session, producer and consumer -----------------------------------

    /**
     * An immutable snapshot of headers, properties and body, for sending; byte arrays are copied
     * (or were never shared), so later changes to this message change nothing in the snapshot.
     * Properties set to null are left out (an absent property reads as null everywhere).
     *
     * <p>Threading: the caller's (the thread that sends).
     *
     * @throws jakarta.jms.InvalidDestinationException if JMSDestination or JMSReplyTo is a
     *                                                 destination Tally cannot use
     * @throws MessageFormatException                  if the body cannot be encoded
     */
    public MessageData toMessageData() throws JMSException {
        return new MessageData(bodyType(), messageId, timestamp, correlationId,
                correlationIdBytes == null ? null : correlationIdBytes.clone(),
                refOf(destination), refOf(replyTo), deliveryMode, priority, expiration, deliveryTime, type,
                properties.snapshot(), encodeBody());
    }

    private static DestinationRef refOf(Destination d) throws JMSException {
        return d == null ? null : Destinations.toRef(d);
    }

    /**
     * A new message as a consumer receives it: body and properties read-only,
     * {@code JMSRedelivered = deliveryCount > 1}, property {@code JMSXDeliveryCount = deliveryCount}
     * (left out when {@code deliveryCount} is 0, e.g. for a browser that does not count).
     * The body is decoded lazily, so a malformed body surfaces as a MessageFormatException from
     * the first body read, not here.
     *
     * <p>Threading: any; the message is handed to the application thread afterwards.
     *
     * @param policy the classes an ObjectMessage may deserialize; null means
     *               {@link DeserializationPolicy#defaults()} at the time of {@code getObject()}
     * @throws IllegalArgumentException if {@code data} or its body type is null, or {@code deliveryCount} is negative
     */
    public static TallyMessage fromMessageData(MessageData data, int deliveryCount, DeserializationPolicy policy) {
        if (data == null) {
            throw new IllegalArgumentException("fromMessageData: data is null");
        }
        if (data.bodyType() == null) {
            throw new IllegalArgumentException("fromMessageData: " + data + " has no body type");
        }
        if (deliveryCount < 0) {
            throw new IllegalArgumentException("fromMessageData: negative delivery count " + deliveryCount);
        }
        TallyMessage m = newOfType(data.bodyType());
        m.messageId = data.messageId();
        m.timestamp = data.timestamp();
        m.correlationId = data.correlationId();
        m.correlationIdBytes = data.correlationIdBytes(); // never mutated; getter copies
        m.destination = Destinations.fromRef(data.destination());
        m.replyTo = Destinations.fromRef(data.replyTo());
        m.deliveryMode = data.deliveryMode();
        m.priority = data.priority();
        m.expiration = data.expiration();
        m.deliveryTime = data.deliveryTime();
        m.type = data.type();
        m.redelivered = deliveryCount > 1;
        m.properties.load(data.properties());
        if (deliveryCount > 0) {
            m.properties.setByProvider(MessageProperties.JMSX_DELIVERY_COUNT, deliveryCount);
        }
        m.properties.setReadOnly(true);
        m.deserializationPolicy = policy;
        m.receiveBody(data.body());
        m.bodyReadOnly = true;
        return m;
    }

    private static TallyMessage newOfType(BodyType t) {
        return switch (t) {
            case MESSAGE -> new TallyMessage();
            case TEXT -> new TallyTextMessage();
            case BYTES -> new TallyBytesMessage();
            case MAP -> new TallyMapMessage();
            case STREAM -> new TallyStreamMessage();
            case OBJECT -> new TallyObjectMessage();
        };
    }

    /**
     * A Tally copy of a message of another provider (spec 3.12: a provider must accept foreign
     * messages), keeping the body, the properties and the headers. JMSX properties that only a
     * provider sets (JMSXDeliveryCount, JMSXUserID, ...) are not copied. A foreign BytesMessage
     * or StreamMessage is {@code reset()} before and after its body is read, so it is left
     * readable from the start.
     *
     * <p>Threading: the caller's (the thread that sends).
     *
     * @throws MessageFormatException if a property name of the foreign message is not one Tally accepts
     * @throws JMSException           if the foreign message fails while being read
     */
    public static TallyMessage copyOf(Message foreign) throws JMSException {
        return ForeignMessages.copy(foreign);
    }

    /** The session that delivered this message; {@link #acknowledge()} delegates to it. Null: acknowledge() does nothing. */
    public void setAcknowledger(Acknowledger a) {
        this.acknowledger = a;
    }

    /** The classes an ObjectMessage may deserialize (set by the session that created or received it). */
    public void setDeserializationPolicy(DeserializationPolicy p) {
        this.deserializationPolicy = p;
    }

    /** The policy in force: the one set, else {@link DeserializationPolicy#defaults()}. */
    DeserializationPolicy deserializationPolicy() {
        return deserializationPolicy != null ? deserializationPolicy : DeserializationPolicy.defaults();
    }

    // ---- body hooks; the subclasses override them ---------------------------------------------

    /** The body type on the wire. */
    BodyType bodyType() {
        return BodyType.MESSAGE;
    }

    /** The body as {@link MessageData#body()} carries it; must not be mutated afterwards by anyone. */
    byte[] encodeBody() throws JMSException {
        return null;
    }

    /** Installs a received body; the caller then marks the body read-only. */
    void receiveBody(byte[] body) {
    }

    /** Whether there is a body in the sense of {@link #getBody}: "no body" reads as null for any type. */
    boolean hasBody() throws JMSException {
        return false;
    }

    /** The body for {@link #getBody}, called only when {@link #hasBody()}; checks the type. */
    <T> T bodyAs(Class<T> c) throws JMSException {
        throw new MessageFormatException("this message has no body");
    }

    /** Whether {@link #bodyAs} would succeed, called only when {@link #hasBody()}. */
    boolean bodyAssignableTo(Class<?> c) throws JMSException {
        return false;
    }

    /** A few words about the body for {@link #toString()}, starting with ", "; never the body itself. */
    String bodySummary() {
        return "";
    }

    /** The JMS interface name, for messages: "TextMessage", ... */
    String kind() {
        return "Message";
    }

    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the body of this " + kind() + " is read-only (it was received"
                    + (this instanceof BytesMessage || this instanceof StreamMessage ? " or reset() was called" : "")
                    + "); call clearBody() to write a new body");
        }
    }

    final void checkBodyReadable() throws MessageNotReadableException {
        if (!bodyReadOnly) {
            throw new MessageNotReadableException("the body of this " + kind()
                    + " is write-only; call reset() to read what was written");
        }
    }

    static <T> T assign(Object body, Class<T> c, Class<?> bodyClass, String kind) throws MessageFormatException {
        if (c != null && c.isAssignableFrom(bodyClass)) {
            return c.cast(body);
        }
        throw new MessageFormatException("the body of a " + kind + " is a " + bodyClass.getSimpleName()
                + " and cannot be returned as " + (c == null ? "null" : c.getName()) + "; ask for "
                + bodyClass.getSimpleName() + ".class or a supertype of it (Message.getBody)");
    }

    // ---- jakarta.jms.Message: body ------------------------------------------------------------

    /** Empties the body and makes it writable (spec 3.11.1); headers and properties stay. */
    @Override
    public void clearBody() throws JMSException {
        bodyReadOnly = false;
    }

    /**
     * The body as {@code c} (Message javadoc): null when there is no body, whatever {@code c};
     * otherwise {@code c} must be the body's type or a supertype of it.
     *
     * @throws MessageFormatException for another type, for a StreamMessage, or when an
     *                                ObjectMessage cannot be deserialized
     * @throws jakarta.jms.JMSSecurityException when an ObjectMessage holds a class the
     *                                          deserialization policy refuses
     */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        return hasBody() ? bodyAs(c) : null;
    }

    /** Whether {@link #getBody} with {@code c} would succeed; true for no body, whatever {@code c}. */
    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        return !hasBody() || bodyAssignableTo(c);
    }

    @Override
    public void acknowledge() throws JMSException {
        Acknowledger a = acknowledger;
        if (a != null) {
            a.acknowledge();
        }
    }

    // ---- headers ------------------------------------------------------------------------------

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /** The correlation ID if it was set as bytes (a copy), else null; see the class comment. */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationIdBytes == null ? null : correlationIdBytes.clone();
    }

    /** Sets the correlation ID as bytes (copied), replacing a String one; see the class comment. */
    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationIdBytes = correlationID == null ? null : correlationID.clone();
        this.correlationId = null;
    }

    @Override
    public void setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
        this.correlationIdBytes = null;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ---- properties ---------------------------------------------------------------------------

    /** Deletes every property, JMSXDeliveryCount included, and makes the properties writable (spec 3.5.7). */
    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return properties.getBoolean(name);
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return properties.getByte(name);
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return properties.getShort(name);
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return properties.getInt(name);
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return properties.getLong(name);
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return properties.getFloat(name);
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return properties.getDouble(name);
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return properties.getString(name);
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    /**
     * The names of the properties: those set by the application and the JMSX properties of the
     * provider (JMSXDeliveryCount on a received message); never header fields (spec 3.5.6).
     */
    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    /** @throws MessageFormatException unless {@code value} is null, a boxed primitive (not Character) or a String */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    // ---- diagnostics --------------------------------------------------------------------------

    /** Short and safe to log: id, destination, delivery mode, priority, counts; never the body or property values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
        sb.append(messageId == null ? "no id" : messageId);
        if (destination != null) {
            sb.append(" to ").append(destination);
        }
        sb.append(deliveryMode == DeliveryMode.NON_PERSISTENT ? ", non-persistent" : ", persistent");
        sb.append(", priority ").append(priority);
        if (redelivered) {
            sb.append(", redelivered");
        }
        if (properties.size() > 0) {
            sb.append(", ").append(properties.size()).append(properties.size() == 1 ? " property" : " properties");
        }
        sb.append(bodySummary());
        return sb.append(']').toString();
    }
}
