package org.tallymq.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import java.io.UTFDataFormatException;
import java.util.Arrays;
import org.tallymq.protocol.BodyType;

/**
 * A message whose body is a stream of bytes written and read with the {@link java.io.DataOutput}
 * and {@link java.io.DataInput} encodings (big-endian; writeUTF/readUTF in modified UTF-8 with a
 * 2-byte length). Write-only when created or cleared, read-only after {@link #reset()} or on
 * receipt (BytesMessage javadoc).
 *
 * <p>A read that fails (end of body, malformed UTF) leaves the position where it was. Null values
 * cannot be written: {@link NullPointerException}, as spec 3.12 requires for a BytesMessage.
 *
 * <p>Threading: not thread-safe; see {@link TallyMessage}.
 */
public class TallyBytesMessage extends TallyMessage implements BytesMessage {

    private static final byte[] EMPTY = new byte[0];

    /** Write-only mode: the bytes written so far are {@code out[0, outSize)}. */
    private byte[] out = EMPTY;
    private int outSize;
    /** Read-only mode: the whole body, never mutated (it may be shared with a MessageData). */
    private byte[] in = EMPTY;
    private int pos;

    /** A new, empty message in write-only mode. */
    public TallyBytesMessage() {
    }

    // ---- reading ------------------------------------------------------------------------------

    /** @throws jakarta.jms.MessageNotReadableException in write-only mode */
    @Override
    public long getBodyLength() throws JMSException {
        checkBodyReadable();
        return in.length;
    }

    private int need(int n, String what) throws JMSException {
        checkBodyReadable();
        if (n > in.length - pos) {
            throw new MessageEOFException("cannot read " + what + ": it needs " + n + " bytes but only "
                    + (in.length - pos) + " remain at position " + pos + " of this " + in.length + "-byte body");
        }
        int at = pos;
        pos += n;
        return at;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return in[need(1, "a boolean")] != 0;
    }

    @Override
    public byte readByte() throws JMSException {
        return in[need(1, "a byte")];
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return in[need(1, "an unsigned byte")] & 0xFF;
    }

    @Override
    public short readShort() throws JMSException {
        return (short) u16(need(2, "a short"));
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return u16(need(2, "an unsigned short"));
    }

    @Override
    public char readChar() throws JMSException {
        return (char) u16(need(2, "a char"));
    }

    @Override
    public int readInt() throws JMSException {
        return s32(need(4, "an int"));
    }

    @Override
    public long readLong() throws JMSException {
        return s64(need(8, "a long"));
    }

    @Override
    public float readFloat() throws JMSException {
        return Float.intBitsToFloat(s32(need(4, "a float")));
    }

    @Override
    public double readDouble() throws JMSException {
        return Double.longBitsToDouble(s64(need(8, "a double")));
    }

    /**
     * @throws MessageEOFException    if the length or the string runs past the end (position unchanged)
     * @throws MessageFormatException if the bytes are not modified UTF-8 (position unchanged)
     */
    @Override
    public String readUTF() throws JMSException {
        int start = pos;
        int len = u16(need(2, "the length of a UTF string"));
        try {
            int at = need(len, "a UTF string of " + len + " bytes");
            return ModifiedUtf8.decode(in, at, len);
        } catch (MessageEOFException e) {
            pos = start;
            throw e;
        } catch (UTFDataFormatException e) {
            pos = start;
            throw new MessageFormatException("cannot read a UTF string at position " + start + ": " + e.getMessage());
        }
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("readBytes: the buffer to read into is null");
        }
        return readBytes(value, value.length);
    }

    /**
     * Reads up to {@code length} bytes into {@code value[0, length)}.
     *
     * @return the number of bytes read, less than {@code length} at the end of the body, or -1
     *         when no bytes remain
     * @throws IndexOutOfBoundsException if {@code length} is negative or exceeds {@code value.length}
     *                                   (the javadoc's exception; nothing is read)
     */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        checkBodyReadable();
        if (value == null) {
            throw new NullPointerException("readBytes: the buffer to read into is null");
        }
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("readBytes: length " + length + " must be between 0 and the buffer's "
                    + value.length + " bytes");
        }
        int remaining = in.length - pos;
        if (remaining == 0) {
            return -1;
        }
        int n = Math.min(length, remaining);
        System.arraycopy(in, pos, value, 0, n);
        pos += n;
        return n;
    }

    private int u16(int at) {
        return ((in[at] & 0xFF) << 8) | (in[at + 1] & 0xFF);
    }

    private int s32(int at) {
        return ((in[at] & 0xFF) << 24) | ((in[at + 1] & 0xFF) << 16) | ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF);
    }

    private long s64(int at) {
        return ((long) s32(at) << 32) | (s32(at + 4) & 0xFFFFFFFFL);
    }

    // ---- writing ------------------------------------------------------------------------------

    private int room(int n) throws JMSException {
        checkBodyWritable();
        if (n > out.length - outSize) {
            long wanted = Math.max(Math.max(64L, (long) out.length * 2), (long) outSize + n);
            if ((long) outSize + n > Integer.MAX_VALUE - 8) {
                throw new MessageFormatException("a BytesMessage body cannot exceed 2 GB");
            }
            out = Arrays.copyOf(out, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
        int at = outSize;
        outSize += n;
        return at;
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        int at = room(1);
        out[at] = (byte) (value ? 1 : 0);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        int at = room(1);
        out[at] = value;
    }

    @Override
    public void writeShort(short value) throws JMSException {
        put16(room(2), value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        put16(room(2), value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        put32(room(4), value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        put64(room(8), value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        put32(room(4), Float.floatToIntBits(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        put64(room(8), Double.doubleToLongBits(value));
    }

    /**
     * @throws NullPointerException   for null (spec 3.12)
     * @throws MessageFormatException if the string encodes to more than 65535 bytes, the limit of the 2-byte length
     */
    @Override
    public void writeUTF(String value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeUTF(null): a BytesMessage cannot hold a null string (spec 3.12)");
        }
        long len = ModifiedUtf8.encodedLength(value);
        if (len > 65535) {
            throw new MessageFormatException("writeUTF: the string encodes to " + len + " bytes but writeUTF allows at"
                    + " most 65535; write the bytes with writeBytes and your own length prefix instead");
        }
        int at = room(2 + (int) len);
        put16(at, (int) len);
        ModifiedUtf8.encode(value, out, at + 2);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeBytes(null): a BytesMessage cannot hold a null array (spec 3.12)");
        }
        writeBytes(value, 0, value.length);
    }

    /** @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not lie within {@code value} */
    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeBytes(null, ...): a BytesMessage cannot hold a null array (spec 3.12)");
        }
        checkRange(value, offset, length);
        int at = room(length); // before reading 'out': room() may replace the array
        System.arraycopy(value, offset, out, at, length);
    }

    static void checkRange(byte[] value, int offset, int length) {
        if (offset < 0 || length < 0 || length > value.length - offset) {
            throw new IndexOutOfBoundsException("writeBytes: offset " + offset + " and length " + length
                    + " do not lie within the " + value.length + "-byte array");
        }
    }

    /**
     * Writes a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String (as writeUTF)
     * or byte[] (as writeBytes).
     *
     * @throws NullPointerException   for null (the javadoc's exception)
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeObject(null): a BytesMessage cannot hold a null (spec 3.12)");
        } else if (value instanceof byte[] b) {
            writeBytes(b);
        } else if (value instanceof String s) {
            writeUTF(s);
        } else if (value instanceof Integer i) {
            writeInt(i);
        } else if (value instanceof Long l) {
            writeLong(l);
        } else if (value instanceof Boolean b) {
            writeBoolean(b);
        } else if (value instanceof Double d) {
            writeDouble(d);
        } else if (value instanceof Float f) {
            writeFloat(f);
        } else if (value instanceof Short s) {
            writeShort(s);
        } else if (value instanceof Byte b) {
            writeByte(b);
        } else if (value instanceof Character c) {
            writeChar(c);
        } else {
            throw new MessageFormatException("BytesMessage.writeObject cannot write a " + value.getClass().getName()
                    + ": only boxed primitives, String and byte[] are allowed");
        }
    }

    private void put16(int at, int v) {
        out[at] = (byte) (v >>> 8);
        out[at + 1] = (byte) v;
    }

    private void put32(int at, int v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
    }

    private void put64(int at, long v) {
        put32(at, (int) (v >>> 32));
        put32(at + 4, (int) v);
    }

    // ---- modes --------------------------------------------------------------------------------

    /** Makes the body read-only (if it was not) and moves the read position to the start. */
    @Override
    public void reset() {
        if (!bodyReadOnly) {
            in = outSize == 0 ? EMPTY : Arrays.copyOf(out, outSize);
            out = EMPTY;
            outSize = 0;
            bodyReadOnly = true;
        }
        pos = 0;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        out = EMPTY;
        outSize = 0;
        in = EMPTY;
        pos = 0;
    }

    @Override
    BodyType bodyType() {
        return BodyType.BYTES;
    }

    @Override
    byte[] encodeBody() {
        return bodyReadOnly ? in : Arrays.copyOf(out, outSize);
    }

    @Override
    void receiveBody(byte[] body) {
        in = body == null ? EMPTY : body;
        pos = 0;
    }

    @Override
    boolean hasBody() {
        return (bodyReadOnly ? in.length : outSize) > 0;
    }

    /** The whole body; as the javadoc says, the message is reset before and after (so it ends read-only at 0). */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (hasBody() && !bodyAssignableTo(c)) {
            throw new MessageFormatException("the body of a BytesMessage is a byte[] and cannot be returned as "
                    + (c == null ? "null" : c.getName()) + "; ask for byte[].class or Object.class (Message.getBody)");
        }
        reset();
        T body = hasBody() ? c.cast(in.clone()) : null;
        reset();
        return body;
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return c != null && c.isAssignableFrom(byte[].class);
    }

    @Override
    String kind() {
        return "BytesMessage";
    }

    @Override
    String bodySummary() {
        return bodyReadOnly ? ", " + in.length + " bytes, read position " + pos : ", " + outSize + " bytes written";
    }
}
