package org.tallymq.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds instances of any protocol record by reflection over its components, so that a command
 * the lead adds is covered without touching the tests (and a component of a type nobody taught
 * the codec fails loudly here).
 *
 * <p>Edge mode ({@link #edge(int)}): instance {@code k} gives component {@code j} the value at
 * {@code (k + j) mod poolSize} of its type's pool of extreme values, so iterating
 * {@code k = 0 ..} {@link #EDGE_ROUNDS}{@code - 1} puts every extreme value into every component,
 * and neighbouring components of one type never hold the same value (a codec that swaps two
 * fields fails). Random mode ({@link #random(Random)}): half pool values, half fresh random ones.
 */
final class Samples {

    static final int[] INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x01020304, 0x80808080, 255, 65_536};
    static final long[] LONGS = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L,
            0x8080808080808080L, 255L, 1L << 32};
    static final String[] STRINGS = {null, "", "a", "queue.orders", "h\u00e9llo w\u00f6rld", "\u65e5\u672c\u8a9e",
            "emoji \ud83d\ude00 clef \ud834\udd1e", "\u0000nul\u0000", "\u007f\u0080\u07ff\u0800\uffff",
            "\ud800\udc00\udbff\udfff", "x".repeat(300)};
    static final byte[][] BYTES = {null, {}, {0}, {-128, 127, -1, 0, 1}, allByteValues()};
    static final long[][] LONG_ARRAYS = {null, {}, {0}, {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1},
            sequence(100)};

    /** The number of edge instances per class that puts every pool value into every component. */
    static final int EDGE_ROUNDS = 12;

    private final Random random; // null in edge mode
    private final int k;

    private Samples(Random random, int k) {
        this.random = random;
        this.k = k;
    }

    static Samples edge(int k) {
        return new Samples(null, k);
    }

    static Samples random(Random random) {
        return new Samples(random, 0);
    }

    /** Every record class that implements {@link Command}, through nested sealed interfaces. */
    static List<Class<?>> commandClasses() {
        List<Class<?>> out = new ArrayList<>();
        collect(Command.class, out);
        return out;
    }

    private static void collect(Class<?> c, List<Class<?>> out) {
        if (c.isRecord()) {
            out.add(c);
        } else if (c.isSealed()) {
            for (Class<?> sub : c.getPermittedSubclasses()) {
                collect(sub, out);
            }
        } else {
            throw new AssertionError(c + " is neither a record nor sealed; the codec cannot know its fields");
        }
    }

    /** A random command of a random type. */
    Command command() {
        List<Class<?>> classes = commandClasses();
        return (Command) record(classes.get(random.nextInt(classes.size())), 0);
    }

    Frame frame(Class<?> commandClass) {
        long correlationId = random == null ? LONGS[k % LONGS.length] : random.nextLong();
        return new Frame(correlationId, (Command) record(commandClass, 0));
    }

    Object record(Class<?> c, int salt) {
        RecordComponent[] components = c.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int j = 0; j < components.length; j++) {
            types[j] = components[j].getType();
            args[j] = value(components[j].getGenericType(), salt + j, c.getSimpleName() + "." + components[j].getName());
        }
        try {
            Constructor<?> ctor = c.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new AssertionError("cannot build " + c.getName(), e);
        }
    }

    private int pick(int size, int salt) {
        return random == null ? Math.floorMod(k + salt, size) : random.nextInt(size);
    }

    private boolean fresh() {
        return random != null && random.nextBoolean();
    }

    Object value(Type t, int salt, String where) {
        if (t == int.class) {
            return fresh() ? random.nextInt() : INTS[pick(INTS.length, salt)];
        }
        if (t == long.class) {
            return fresh() ? random.nextLong() : LONGS[pick(LONGS.length, salt)];
        }
        if (t == boolean.class) {
            return pick(2, salt) == 1;
        }
        if (t == String.class) {
            return fresh() ? randomString(40) : STRINGS[pick(STRINGS.length, salt)];
        }
        if (t == byte[].class) {
            if (fresh()) {
                byte[] b = new byte[random.nextInt(200)];
                random.nextBytes(b);
                return b;
            }
            return BYTES[pick(BYTES.length, salt)];
        }
        if (t == long[].class) {
            if (fresh()) {
                return random.longs(random.nextInt(20)).toArray();
            }
            return LONG_ARRAYS[pick(LONG_ARRAYS.length, salt)];
        }
        if (t instanceof Class<?> c && c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            int i = pick(constants.length + 1, salt);
            return i == constants.length ? null : constants[i];
        }
        if (t == DestinationRef.class) {
            DestinationRef.Kind[] kinds = DestinationRef.Kind.values();
            int i = pick(kinds.length + 1, salt);
            if (i == kinds.length) {
                return null;
            }
            String name = (String) value(String.class, salt + 1, where);
            return new DestinationRef(kinds[i], name == null ? "" : name);
        }
        if (t == XidData.class) {
            return xid(salt);
        }
        if (t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == XidData.class) {
            int n = pick(4, salt);
            List<XidData> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(xid(salt + i));
            }
            return List.copyOf(list);
        }
        if (t instanceof Class<?> c && c.isRecord()) {
            return pick(4, salt) == 0 ? null : record(c, salt * 31 + 7);
        }
        if (t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == MessageData.class) {
            int n = pick(4, salt);
            if (n == 3) {
                return null;
            }
            List<MessageData> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add((MessageData) record(MessageData.class, salt + i));
            }
            return List.copyOf(list);
        }
        if (t instanceof ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class && p.getActualTypeArguments()[1] == Object.class) {
            return properties(salt);
        }
        throw new AssertionError("no sample values for " + t + " (" + where + "): teach Samples and the Codec"
                + " about this type");
    }

    /** A valid Xid: format ids at the edges, global ids of 1 and 64 bytes, qualifiers of 0 and 64. */
    private XidData xid(int salt) {
        int formatId = fresh() ? random.nextInt() : INTS[pick(INTS.length, salt)];
        if (formatId == -1) {
            formatId = 0;
        }
        int g = fresh() ? 1 + random.nextInt(64) : (pick(2, salt) == 0 ? 1 : 64);
        int b = fresh() ? random.nextInt(65) : (pick(2, salt + 1) == 0 ? 0 : 64);
        byte[] gtrid = new byte[g];
        byte[] bqual = new byte[b];
        for (int i = 0; i < g; i++) {
            gtrid[i] = (byte) (i * 7 + salt);
        }
        for (int i = 0; i < b; i++) {
            bqual[i] = (byte) (255 - i - salt);
        }
        return XidData.of(formatId, gtrid, bqual);
    }

    private Map<String, Object> properties(int salt) {
        if (random != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) {
                String name = randomString(12);
                m.put(name == null ? "" : name, randomPropertyValue());
            }
            return m;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        switch (pick(4, salt)) {
            case 0:
                break;
            case 1:
                m.put("bool", true);
                m.put("bool2", false);
                m.put("byte", Byte.MIN_VALUE);
                m.put("short", Short.MIN_VALUE);
                m.put("int", Integer.MIN_VALUE);
                m.put("long", Long.MIN_VALUE);
                m.put("float", Float.NaN);
                m.put("double", -0.0d);
                m.put("empty", "");
                m.put("null", null);
                m.put("\u540d\u524d", "\u5024 \ud83d\ude00");
                break;
            case 2:
                m.put("byte", Byte.MAX_VALUE);
                m.put("short", Short.MAX_VALUE);
                m.put("int", Integer.MAX_VALUE);
                m.put("long", Long.MAX_VALUE);
                m.put("float", -0.0f);
                m.put("float+inf", Float.POSITIVE_INFINITY);
                m.put("double", Double.longBitsToDouble(0x7ff8000000000123L)); // NaN with a payload
                m.put("double-inf", Double.NEGATIVE_INFINITY);
                m.put("minusOne", -1L);
                m.put("b-1", (byte) -1);
                m.put("s-1", (short) -1);
                m.put("", "empty name");
                break;
            default:
                m.put("JMSXGroupID", "group-1");
                m.put("zeroF", 0.0f);
                m.put("zeroD", 0.0d);
                m.put("minF", Float.MIN_VALUE);
                m.put("maxF", Float.MAX_VALUE);
                m.put("minD", Double.MIN_VALUE);
                m.put("maxD", Double.MAX_VALUE);
                m.put("nanF", Float.intBitsToFloat(0xFFC00001)); // negative NaN with a payload
                m.put("zeroI", 0);
                m.put("zeroL", 0L);
                break;
        }
        return m;
    }

    private Object randomPropertyValue() {
        switch (random.nextInt(9)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return (byte) random.nextInt();
            case 3:
                return (short) random.nextInt();
            case 4:
                return random.nextInt();
            case 5:
                return random.nextLong();
            case 6:
                return Float.intBitsToFloat(random.nextInt());
            case 7:
                return Double.longBitsToDouble(random.nextLong());
            default:
                return randomString(30);
        }
    }

    /** Well-formed strings (no unpaired surrogates) mixing 1-, 2-, 3- and 4-byte UTF-8. */
    String randomString(int maxCodePoints) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        int n = random.nextInt(maxCodePoints + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp;
            switch (random.nextInt(4)) {
                case 0:
                    cp = random.nextInt(0x80);
                    break;
                case 1:
                    cp = 0x80 + random.nextInt(0x800 - 0x80);
                    break;
                case 2:
                    cp = 0x800 + random.nextInt(0x10000 - 0x800);
                    if (cp >= 0xD800 && cp <= 0xDFFF) {
                        cp = 0xE000;
                    }
                    break;
                default:
                    cp = 0x10000 + random.nextInt(0x110000 - 0x10000);
                    break;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static byte[] allByteValues() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static long[] sequence(int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = (long) i * 0x0101010101010101L;
        }
        return a;
    }
}
