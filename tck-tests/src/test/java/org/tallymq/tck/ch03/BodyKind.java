package org.tallymq.tck.ch03;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ten value types of {@link MapMessage} and {@link StreamMessage} (spec 3.11.3, Table 3-7) with
 * their typed map setter/getter and stream writer/reader, so a test can say "written as short, read
 * as String" as data. Values are boxed; a {@code byte[]} is compared through {@link #comparable}.
 */
enum BodyKind {
    BOOLEAN("boolean", "Boolean") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setBoolean(name, (Boolean) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getBoolean(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeBoolean((Boolean) v); }
        @Override Object read(StreamMessage m) throws JMSException { return m.readBoolean(); }
    },
    BYTE("byte", "Byte") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setByte(name, (Byte) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getByte(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeByte((Byte) v); }
        @Override Object read(StreamMessage m) throws JMSException { return m.readByte(); }
    },
    SHORT("short", "Short") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setShort(name, (Short) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getShort(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeShort((Short) v); }
        @Override Object read(StreamMessage m) throws JMSException { return m.readShort(); }
    },
    CHAR("char", "Char") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setChar(name, (Character) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getChar(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeChar((Character) v); }
        @Override Object read(StreamMessage m) throws JMSException { return m.readChar(); }
    },
    INT("int", "Int") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setInt(name, (Integer) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getInt(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeInt((Integer) v); }
        @Override Object read(StreamMessage m) throws JMSException { return m.readInt(); }
    },
    LONG("long", "Long") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setLong(name, (Long) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getLong(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeLong((Long) v); }
        @Override Object read(StreamMessage m) throws JMSException { return m.readLong(); }
    },
    FLOAT("float", "Float") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setFloat(name, (Float) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getFloat(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeFloat((Float) v); }
        @Override Object read(StreamMessage m) throws JMSException { return m.readFloat(); }
    },
    DOUBLE("double", "Double") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setDouble(name, (Double) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getDouble(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeDouble((Double) v); }
        @Override Object read(StreamMessage m) throws JMSException { return m.readDouble(); }
    },
    STRING("String", "String") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setString(name, (String) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getString(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeString((String) v); }
        @Override Object read(StreamMessage m) throws JMSException { return m.readString(); }
    },
    BYTES("byte[]", "Bytes") {
        @Override void put(MapMessage m, String name, Object v) throws JMSException { m.setBytes(name, (byte[]) v); }
        @Override Object get(MapMessage m, String name) throws JMSException { return m.getBytes(name); }
        @Override void write(StreamMessage m, Object v) throws JMSException { m.writeBytes((byte[]) v); }

        /** Reads a whole byte[] field with one buffer larger than any field the tests write. */
        @Override Object read(StreamMessage m) throws JMSException {
            byte[] buffer = new byte[256];
            int n = m.readBytes(buffer);
            return n < 0 ? null : Arrays.copyOf(buffer, n);
        }
    };

    final String javaName;
    private final String methodSuffix;

    BodyKind(String javaName, String methodSuffix) {
        this.javaName = javaName;
        this.methodSuffix = methodSuffix;
    }

    abstract void put(MapMessage message, String name, Object value) throws JMSException;

    abstract Object get(MapMessage message, String name) throws JMSException;

    abstract void write(StreamMessage message, Object value) throws JMSException;

    abstract Object read(StreamMessage message) throws JMSException;

    String mapGetter() {
        return "get" + methodSuffix;
    }

    String streamReader() {
        return "read" + methodSuffix;
    }

    /** A typical value of this kind, boxed. */
    Object sample() {
        return switch (this) {
            case BOOLEAN -> Boolean.TRUE;
            case BYTE -> (byte) -12;
            case SHORT -> (short) -1234;
            case CHAR -> 'x';
            case INT -> -123456;
            case LONG -> -1234567890123L;
            case FLOAT -> -1.5f;
            case DOUBLE -> -2.25d;
            case STRING -> "text";
            case BYTES -> new byte[] {1, -2, 3, 127, -128};
        };
    }

    /** {@code value}, with a byte[] turned into a list so that assertEquals compares contents. */
    static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            List<Byte> list = new ArrayList<>(bytes.length);
            for (byte b : bytes) {
                list.add(b);
            }
            return list;
        }
        return value;
    }

    static String show(Object value) {
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Character c) {
            return "'" + c + "'";
        }
        return String.valueOf(value);
    }
}
