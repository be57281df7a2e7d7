package org.tallymq.client;

import jakarta.jms.MessageFormatException;

/**
 * The value conversions the specification allows when a value is read as another type: for
 * message properties (spec 3.5.4, Table 3-2) and for MapMessage and StreamMessage bodies
 * (spec 3.11.3, Table 3-7). Properties never hold a {@code Character} or a {@code byte[]}, so the
 * one table below serves both; the rows are the stored type, the columns the type read.
 *
 * <pre>
 * stored \ read | boolean byte short char int long float double String byte[]
 * --------------+----------------------------------------------------------
 * Boolean       |    X                                           X
 * Byte          |          X     X         X   X                 X
 * Short         |                X         X   X                 X
 * Character     |                     X                          X
 * Integer       |                          X   X                 X
 * Long          |                              X                 X
 * Float         |                                   X     X      X
 * Double        |                                         X      X
 * String        |    X     X     X         X   X    X     X      X
 * byte[]        |                                                       X
 * null          | false  NFE   NFE   NPE  NFE NFE  NPE   NPE   null   null
 * </pre>
 *
 * <p>An unmarked cell throws {@link MessageFormatException}. A String that the target type's
 * {@code valueOf} does not accept throws {@link NumberFormatException}. A null (an absent
 * property or map entry, or a null written to a stream) is read "as the primitive's
 * {@code valueOf(String)} called with null" (spec 3.5.4, 3.11.3): {@code Boolean.valueOf(null)}
 * is false; {@code Byte/Short/Integer/Long.valueOf(null)} throw {@link NumberFormatException};
 * {@code Float/Double.valueOf(null)} throw {@link NullPointerException}, and a null read as a char
 * must throw {@link NullPointerException} (spec 3.11.3). Those exceptions are required by the
 * specification (and checked by its TCK), so they are thrown here on purpose, with a message.
 *
 * <p>Every method names the value it failed on through {@code kind} ("property", "map entry",
 * "stream field") and {@code key} (a name or an index); the text is only built on failure.
 */
final class ValueConversion {

    private ValueConversion() {
    }

    static boolean toBoolean(Object v, String kind, Object key) throws MessageFormatException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return Boolean.parseBoolean(s);
        }
        if (v == null) {
            return false; // Boolean.valueOf((String) null)
        }
        throw cannotConvert(v, "boolean", kind, key);
    }

    static byte toByte(Object v, String kind, Object key) throws MessageFormatException {
        if (v instanceof Byte b) {
            return b;
        }
        if (v instanceof String s) {
            try {
                return Byte.parseByte(s);
            } catch (NumberFormatException e) {
                throw notANumber(s, "byte", kind, key);
            }
        }
        if (v == null) {
            throw nullAsNumber("byte", kind, key);
        }
        throw cannotConvert(v, "byte", kind, key);
    }

    static short toShort(Object v, String kind, Object key) throws MessageFormatException {
        if (v instanceof Short s) {
            return s;
        }
        if (v instanceof Byte b) {
            return b;
        }
        if (v instanceof String s) {
            try {
                return Short.parseShort(s);
            } catch (NumberFormatException e) {
                throw notANumber(s, "short", kind, key);
            }
        }
        if (v == null) {
            throw nullAsNumber("short", kind, key);
        }
        throw cannotConvert(v, "short", kind, key);
    }

    static char toChar(Object v, String kind, Object key) throws MessageFormatException {
        if (v instanceof Character c) {
            return c;
        }
        if (v == null) {
            throw new NullPointerException(describe(kind, key)
                    + " is null, and a null cannot be read as a char (spec 3.11.3 requires NullPointerException)");
        }
        throw cannotConvert(v, "char", kind, key);
    }

    static int toInt(Object v, String kind, Object key) throws MessageFormatException {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Short s) {
            return s;
        }
        if (v instanceof Byte b) {
            return b;
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw notANumber(s, "int", kind, key);
            }
        }
        if (v == null) {
            throw nullAsNumber("int", kind, key);
        }
        throw cannotConvert(v, "int", kind, key);
    }

    static long toLong(Object v, String kind, Object key) throws MessageFormatException {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Short s) {
            return s;
        }
        if (v instanceof Byte b) {
            return b;
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw notANumber(s, "long", kind, key);
            }
        }
        if (v == null) {
            throw nullAsNumber("long", kind, key);
        }
        throw cannotConvert(v, "long", kind, key);
    }

    static float toFloat(Object v, String kind, Object key) throws MessageFormatException {
        if (v instanceof Float f) {
            return f;
        }
        if (v instanceof String s) {
            try {
                return Float.parseFloat(s);
            } catch (NumberFormatException e) {
                throw notANumber(s, "float", kind, key);
            }
        }
        if (v == null) {
            throw nullAsFloatingPoint("float", kind, key);
        }
        throw cannotConvert(v, "float", kind, key);
    }

    static double toDouble(Object v, String kind, Object key) throws MessageFormatException {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Float f) {
            return f;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw notANumber(s, "double", kind, key);
            }
        }
        if (v == null) {
            throw nullAsFloatingPoint("double", kind, key);
        }
        throw cannotConvert(v, "double", kind, key);
    }

    static String toText(Object v, String kind, Object key) throws MessageFormatException {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof byte[]) {
            throw cannotConvert(v, "String", kind, key);
        }
        return v.toString(); // Boolean, Byte, Short, Character, Integer, Long, Float, Double
    }

    static byte[] toBytes(Object v, String kind, Object key) throws MessageFormatException {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw cannotConvert(v, "byte[]", kind, key);
    }

    /** True for the value types a property may hold: boxed primitives except Character, and String. */
    static boolean isPropertyType(Object v) {
        return v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean
                || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte;
    }

    /** True for the value types a MapMessage or StreamMessage may hold (null aside). */
    static boolean isBodyValueType(Object v) {
        return isPropertyType(v) || v instanceof Character || v instanceof byte[];
    }

    /** The simple type name of a stored value, for messages: "int", "String", "byte[]", ... */
    static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[]) {
            return "byte[]";
        }
        if (v instanceof String) {
            return "String";
        }
        if (v instanceof Integer) {
            return "int";
        }
        if (v instanceof Character) {
            return "char";
        }
        Class<?> c = v.getClass();
        if (c.getPackageName().equals("java.lang")) {
            return c.getSimpleName().toLowerCase(java.util.Locale.ROOT); // boolean, byte, short, long, float, double
        }
        return c.getName();
    }

    static String describe(String kind, Object key) {
        return key instanceof String ? kind + " '" + key + "'" : kind + " " + key;
    }

    private static MessageFormatException cannotConvert(Object v, String target, String kind, Object key) {
        return new MessageFormatException(describe(kind, key) + " holds a " + typeName(v) + ", which cannot be read as a "
                + target + " (conversion table of spec " + (kind.equals("property") ? "3.5.4" : "3.11.3")
                + "); read it with the getter of its own type or as a String");
    }

    private static NumberFormatException notANumber(String s, String target, String kind, Object key) {
        return new NumberFormatException(describe(kind, key) + " holds the String \"" + abbreviate(s)
                + "\", which is not a valid " + target);
    }

    private static NumberFormatException nullAsNumber(String target, String kind, Object key) {
        return new NumberFormatException(describe(kind, key) + " is not set (or is null), and a null cannot be read as a "
                + target + " (the specification treats it as valueOf(null)); check with "
                + (kind.equals("property") ? "propertyExists" : kind.equals("map entry") ? "itemExists" : "readObject")
                + " first");
    }

    private static NullPointerException nullAsFloatingPoint(String target, String kind, Object key) {
        return new NullPointerException(describe(kind, key) + " is not set (or is null), and a null cannot be read as a "
                + target + " (the specification treats it as " + (target.equals("float") ? "Float" : "Double")
                + ".valueOf(null), which throws NullPointerException)");
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
