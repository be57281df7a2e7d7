package org.tallymq.client;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tallymq.protocol.BodyType;

/**
 * A message whose body is a sequence of typed fields: boxed primitives, String and byte[]
 * (copied in and out), read in order with the conversions of spec 3.11.3
 * ({@link ValueConversion}). Write-only when created or cleared, read-only after
 * {@link #reset()} or on receipt.
 *
 * <p>Reading rules (StreamMessage javadoc, spec 3.11.3):
 * <ul>
 *   <li>A read that throws MessageFormatException, NumberFormatException (or the
 *       NullPointerException of a null read as char/float/double) does not move the position:
 *       the field can be read again as another type.</li>
 *   <li>{@link #readBytes} reads a byte[] field in pieces: it returns the buffer length while
 *       more bytes follow, then fewer (or -1 once nothing is left); -1 for a null field, 0 for an
 *       empty one. Until a started field is finished every other read throws
 *       MessageFormatException.</li>
 *   <li>Reading past the last field throws {@link MessageEOFException}.</li>
 * </ul>
 *
 * <p>Threading: not thread-safe; see {@link TallyMessage}.
 */
public class TallyStreamMessage extends TallyMessage implements StreamMessage {

    private static final String KIND = "stream field";

    /** The fields; null while only the received encoding exists. */
    private List<Object> fields = new ArrayList<>();
    /** The received encoding while the fields are unchanged; else null. */
    private byte[] encoded;
    /** The index of the next field to read. */
    private int position;
    /** While a byte[] field is being read in pieces: the bytes of it already read; else -1. */
    private int bytesOffset = -1;

    /** A new, empty message in write-only mode. */
    public TallyStreamMessage() {
    }

    private List<Object> fields() throws MessageFormatException {
        if (fields == null) {
            fields = BodyCodec.decodeStream(encoded);
        }
        return fields;
    }

    /** The next field, without moving past it. */
    private Object next() throws JMSException {
        checkBodyReadable();
        if (bytesOffset >= 0) {
            throw new MessageFormatException("field " + position + " is a byte[] being read with readBytes; call"
                    + " readBytes until it returns less than the buffer length or -1 before reading the next field");
        }
        List<Object> f = fields();
        if (position >= f.size()) {
            throw new MessageEOFException("end of the StreamMessage: all " + f.size() + " fields have been read");
        }
        return f.get(position);
    }

    // ---- reading ------------------------------------------------------------------------------

    @Override
    public boolean readBoolean() throws JMSException {
        boolean v = ValueConversion.toBoolean(next(), KIND, position);
        position++;
        return v;
    }

    @Override
    public byte readByte() throws JMSException {
        byte v = ValueConversion.toByte(next(), KIND, position);
        position++;
        return v;
    }

    @Override
    public short readShort() throws JMSException {
        short v = ValueConversion.toShort(next(), KIND, position);
        position++;
        return v;
    }

    @Override
    public char readChar() throws JMSException {
        char v = ValueConversion.toChar(next(), KIND, position);
        position++;
        return v;
    }

    @Override
    public int readInt() throws JMSException {
        int v = ValueConversion.toInt(next(), KIND, position);
        position++;
        return v;
    }

    @Override
    public long readLong() throws JMSException {
        long v = ValueConversion.toLong(next(), KIND, position);
        position++;
        return v;
    }

    @Override
    public float readFloat() throws JMSException {
        float v = ValueConversion.toFloat(next(), KIND, position);
        position++;
        return v;
    }

    @Override
    public double readDouble() throws JMSException {
        double v = ValueConversion.toDouble(next(), KIND, position);
        position++;
        return v;
    }

    @Override
    public String readString() throws JMSException {
        String v = ValueConversion.toText(next(), KIND, position);
        position++;
        return v;
    }

    /** The next field as stored (a byte[] is copied). */
    @Override
    public Object readObject() throws JMSException {
        Object v = next();
        position++;
        return v instanceof byte[] b ? b.clone() : v;
    }

    /** See the class comment for the piece-by-piece rules. */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        checkBodyReadable();
        if (value == null) {
            throw new NullPointerException("readBytes: the buffer to read into is null");
        }
        if (bytesOffset < 0) {
            Object field = next();
            if (field == null) {
                position++;
                return -1;
            }
            if (!(field instanceof byte[] b)) {
                throw new MessageFormatException("stream field " + position + " holds a "
                        + ValueConversion.typeName(field) + ", which cannot be read with readBytes (spec 3.11.3)");
            }
            if (b.length == 0) {
                position++;
                return 0;
            }
            bytesOffset = 0;
        }
        byte[] b = (byte[]) fields().get(position);
        int remaining = b.length - bytesOffset;
        if (remaining == 0) {
            endBytesField();
            return -1;
        }
        int n = Math.min(remaining, value.length);
        System.arraycopy(b, bytesOffset, value, 0, n);
        bytesOffset += n;
        if (n < value.length) {
            endBytesField();
        }
        return n;
    }

    private void endBytesField() {
        bytesOffset = -1;
        position++;
    }

    // ---- writing ------------------------------------------------------------------------------

    private void add(Object v) throws JMSException {
        checkBodyWritable();
        fields().add(v);
        encoded = null;
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    /** Writes a String field; null is allowed and reads back as null. */
    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    /** Writes a copy of {@code value} as one byte[] field; null is allowed and reads back as null. */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    /**
     * Writes a copy of {@code value[offset, offset + length)} as one byte[] field.
     *
     * @throws NullPointerException      if {@code value} is null
     * @throws IndexOutOfBoundsException if the range does not lie within {@code value}
     */
    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeBytes(null, offset, length): no array to copy from;"
                    + " use writeBytes(null) to write a null field");
        }
        TallyBytesMessage.checkRange(value, offset, length);
        add(Arrays.copyOfRange(value, offset, offset + length));
    }

    /**
     * Writes a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String, byte[]
     * (copied) or null.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value != null && !ValueConversion.isBodyValueType(value)) {
            throw new MessageFormatException("StreamMessage.writeObject cannot write a " + value.getClass().getName()
                    + ": only boxed primitives, String and byte[] are allowed");
        }
        add(value instanceof byte[] b ? b.clone() : value);
    }

    // ---- modes and body -----------------------------------------------------------------------

    /** Makes the body read-only (if it was not) and moves the read position to the first field. */
    @Override
    public void reset() {
        bodyReadOnly = true;
        position = 0;
        bytesOffset = -1;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        fields = new ArrayList<>();
        encoded = null;
        position = 0;
        bytesOffset = -1;
    }

    @Override
    BodyType bodyType() {
        return BodyType.STREAM;
    }

    @Override
    byte[] encodeBody() {
        return encoded != null ? encoded : BodyCodec.encodeStream(fields);
    }

    @Override
    void receiveBody(byte[] body) {
        encoded = body;
        fields = null;
        position = 0;
        bytesOffset = -1;
    }

    /** @throws MessageFormatException always: getBody cannot be used on a StreamMessage (Message javadoc) */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("getBody cannot be used on a StreamMessage (Message.getBody javadoc);"
                + " read its fields with reset() and readObject()");
    }

    /** Always false for a StreamMessage (Message javadoc). */
    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    @Override
    String kind() {
        return "StreamMessage";
    }

    @Override
    String bodySummary() {
        return fields != null ? ", " + fields.size() + (fields.size() == 1 ? " field" : " fields")
                + (bodyReadOnly ? ", read position " + position : " written")
                : ", " + (encoded == null ? 0 : encoded.length) + " encoded bytes";
    }
}
