package org.tallymq.tck.ch03;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * The eight property types of spec 3.5.2 with their typed setter and getter on {@link Message}, so
 * a test can say "set as int, read as String" as data.
 */
enum PropertyKind {
    BOOLEAN("boolean") {
        @Override void set(Message m, String name, Object value) throws JMSException { m.setBooleanProperty(name, (Boolean) value); }
        @Override Object get(Message m, String name) throws JMSException { return m.getBooleanProperty(name); }
    },
    BYTE("byte") {
        @Override void set(Message m, String name, Object value) throws JMSException { m.setByteProperty(name, (Byte) value); }
        @Override Object get(Message m, String name) throws JMSException { return m.getByteProperty(name); }
    },
    SHORT("short") {
        @Override void set(Message m, String name, Object value) throws JMSException { m.setShortProperty(name, (Short) value); }
        @Override Object get(Message m, String name) throws JMSException { return m.getShortProperty(name); }
    },
    INT("int") {
        @Override void set(Message m, String name, Object value) throws JMSException { m.setIntProperty(name, (Integer) value); }
        @Override Object get(Message m, String name) throws JMSException { return m.getIntProperty(name); }
    },
    LONG("long") {
        @Override void set(Message m, String name, Object value) throws JMSException { m.setLongProperty(name, (Long) value); }
        @Override Object get(Message m, String name) throws JMSException { return m.getLongProperty(name); }
    },
    FLOAT("float") {
        @Override void set(Message m, String name, Object value) throws JMSException { m.setFloatProperty(name, (Float) value); }
        @Override Object get(Message m, String name) throws JMSException { return m.getFloatProperty(name); }
    },
    DOUBLE("double") {
        @Override void set(Message m, String name, Object value) throws JMSException { m.setDoubleProperty(name, (Double) value); }
        @Override Object get(Message m, String name) throws JMSException { return m.getDoubleProperty(name); }
    },
    STRING("String") {
        @Override void set(Message m, String name, Object value) throws JMSException { m.setStringProperty(name, (String) value); }
        @Override Object get(Message m, String name) throws JMSException { return m.getStringProperty(name); }
    };

    final String javaName;

    PropertyKind(String javaName) {
        this.javaName = javaName;
    }

    /** Calls {@code set<Type>Property(name, value)}; {@code value} is the boxed form of the type. */
    abstract void set(Message message, String name, Object value) throws JMSException;

    /** Calls {@code get<Type>Property(name)} and boxes the result. */
    abstract Object get(Message message, String name) throws JMSException;

    String setter() {
        return "set" + Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1) + "Property";
    }

    String getter() {
        return "get" + Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1) + "Property";
    }

    /** A typical value of this kind, boxed. */
    Object sample() {
        return switch (this) {
            case BOOLEAN -> Boolean.TRUE;
            case BYTE -> (byte) -12;
            case SHORT -> (short) -1234;
            case INT -> -123456;
            case LONG -> -1234567890123L;
            case FLOAT -> -1.5f;
            case DOUBLE -> -2.25d;
            case STRING -> "text";
        };
    }
}
