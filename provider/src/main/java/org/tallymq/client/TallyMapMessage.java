package org.tallymq.client;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tallymq.protocol.BodyType;

/**
 * A message whose body is a set of named values: boxed primitives, String and byte[] (copied in
 * and out), read with the conversions of spec 3.11.3 ({@link ValueConversion}). Readable at all
 * times; read-only on receipt until {@link #clearBody()} (MapMessage javadoc). Encoded by
 * {@link BodyCodec}; a received body is decoded at the first access, so a malformed one surfaces
 * there as a {@link MessageFormatException}.
 *
 * <p>Names must not be null or empty ({@link IllegalArgumentException}); any other String is a
 * valid name (MapMessage names are not selector identifiers).
 *
 * <p>Threading: not thread-safe; see {@link TallyMessage}.
 */
public class TallyMapMessage extends TallyMessage implements MapMessage {

    private static final String KIND = "map entry";

    /** The entries; null while only the received encoding exists. */
    private Map<String, Object> map = new LinkedHashMap<>();
    /** The received encoding while the entries are unchanged (so forwarding does not re-encode); else null. */
    private byte[] encoded;

    /** A new, empty, writable message. */
    public TallyMapMessage() {
    }

    private Map<String, Object> map() throws MessageFormatException {
        if (map == null) {
            map = BodyCodec.decodeMap(encoded);
        }
        return map;
    }

    private Object value(String name) throws MessageFormatException {
        return map().get(name);
    }

    // ---- reading ------------------------------------------------------------------------------

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversion.toBoolean(value(name), KIND, name);
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversion.toByte(value(name), KIND, name);
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversion.toShort(value(name), KIND, name);
    }

    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversion.toChar(value(name), KIND, name);
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversion.toInt(value(name), KIND, name);
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversion.toLong(value(name), KIND, name);
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversion.toFloat(value(name), KIND, name);
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversion.toDouble(value(name), KIND, name);
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversion.toText(value(name), KIND, name);
    }

    /** A copy of the byte[] value; null if there is no such entry. */
    @Override
    public byte[] getBytes(String name) throws JMSException {
        return ValueConversion.toBytes(value(name), KIND, name);
    }

    /** The value as stored (a byte[] is copied); null if there is no such entry. */
    @Override
    public Object getObject(String name) throws JMSException {
        Object v = value(name);
        return v instanceof byte[] b ? b.clone() : v;
    }

    /** The names, as a snapshot. */
    @Override
    public Enumeration<String> getMapNames() throws JMSException {
        return Collections.enumeration(new ArrayList<>(map().keySet()));
    }

    @Override
    public boolean itemExists(String name) throws JMSException {
        return map().containsKey(name);
    }

    // ---- writing ------------------------------------------------------------------------------

    private void put(String name, Object value) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a MapMessage entry name must not be " + (name == null ? "null" : "empty"));
        }
        checkBodyWritable();
        map().put(name, value);
        encoded = null;
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    /** Stores a copy of {@code value} (null is allowed and reads back as null). */
    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    /**
     * Stores a copy of {@code value[offset, offset + length)}.
     *
     * @throws NullPointerException      if {@code value} is null (use {@code setBytes(name, null)} to store a null)
     * @throws IndexOutOfBoundsException if the range does not lie within {@code value}
     */
    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        if (value == null) {
            throw new NullPointerException("setBytes(name, null, offset, length): no array to copy from;"
                    + " use setBytes(name, null) to store a null");
        }
        TallyBytesMessage.checkRange(value, offset, length);
        put(name, Arrays.copyOfRange(value, offset, offset + length));
    }

    /**
     * Stores a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String, byte[]
     * (copied) or null.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (value != null && !ValueConversion.isBodyValueType(value)) {
            throw new MessageFormatException("MapMessage.setObject cannot store a " + value.getClass().getName()
                    + " under '" + name + "': only boxed primitives, String and byte[] are allowed");
        }
        put(name, value instanceof byte[] b ? b.clone() : value);
    }

    // ---- body ---------------------------------------------------------------------------------

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        map = new LinkedHashMap<>();
        encoded = null;
    }

    @Override
    BodyType bodyType() {
        return BodyType.MAP;
    }

    @Override
    byte[] encodeBody() {
        return encoded != null ? encoded : BodyCodec.encodeMap(map);
    }

    @Override
    void receiveBody(byte[] body) {
        encoded = body;
        map = null;
    }

    @Override
    boolean hasBody() throws JMSException {
        return !map().isEmpty();
    }

    /** A new HashMap of the entries (byte[] values copied). */
    @Override
    <T> T bodyAs(Class<T> c) throws JMSException {
        if (!bodyAssignableTo(c)) {
            return assign(null, c, Map.class, kind()); // throws
        }
        Map<String, Object> copy = new HashMap<>();
        for (Map.Entry<String, Object> e : map().entrySet()) {
            copy.put(e.getKey(), e.getValue() instanceof byte[] b ? b.clone() : e.getValue());
        }
        return c.cast(copy);
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return c != null && c.isAssignableFrom(Map.class);
    }

    @Override
    String kind() {
        return "MapMessage";
    }

    @Override
    String bodySummary() {
        return map != null ? ", " + map.size() + (map.size() == 1 ? " entry" : " entries")
                : ", " + (encoded == null ? 0 : encoded.length) + " encoded bytes";
    }
}
