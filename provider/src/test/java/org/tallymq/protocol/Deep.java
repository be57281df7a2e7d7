package org.tallymq.protocol;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Deep comparison of records for tests: arrays by content, records component by component (not
 * by their equals, which compares arrays by reference), maps in iteration order, floats and
 * doubles by their raw bits (so NaN equals NaN and -0.0 differs from 0.0).
 */
final class Deep {

    private Deep() {
    }

    static void assertDeepEquals(Object expected, Object actual) {
        String diff = diff(expected, actual, "");
        if (diff != null) {
            fail("differs at " + diff + "\n expected: " + expected + "\n actual:   " + actual);
        }
    }

    /** @return null if equal, else the path of the first difference and the two values there */
    static String diff(Object a, Object b, String path) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null) {
            return path + ": " + show(a) + " vs " + show(b);
        }
        boolean sameKind = a instanceof List && b instanceof List || a instanceof Map && b instanceof Map;
        if (!sameKind && a.getClass() != b.getClass()) {
            return path + ": class " + a.getClass().getName() + " vs " + b.getClass().getName();
        }
        if (a instanceof Record) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                String d = diff(get(rc, a), get(rc, b), path + "." + rc.getName());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b) ? null : path + ": byte arrays differ ("
                    + ((byte[]) a).length + " vs " + ((byte[]) b).length + " bytes)";
        }
        if (a instanceof long[]) {
            return Arrays.equals((long[]) a, (long[]) b) ? null
                    : path + ": " + Arrays.toString((long[]) a) + " vs " + Arrays.toString((long[]) b);
        }
        if (a instanceof Float) {
            return Float.floatToRawIntBits((Float) a) == Float.floatToRawIntBits((Float) b) ? null
                    : path + ": float bits " + a + " vs " + b;
        }
        if (a instanceof Double) {
            return Double.doubleToRawLongBits((Double) a) == Double.doubleToRawLongBits((Double) b) ? null
                    : path + ": double bits " + a + " vs " + b;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return path + ": list size " + la.size() + " vs " + lb.size();
            }
            for (int i = 0; i < la.size(); i++) {
                String d = diff(la.get(i), lb.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof Map<?, ?> ma) {
            Map<?, ?> mb = (Map<?, ?>) b;
            List<Object> ka = new ArrayList<>(ma.keySet());
            List<Object> kb = new ArrayList<>(mb.keySet());
            if (!ka.equals(kb)) {
                return path + ": keys " + ka + " vs " + kb;
            }
            for (Object k : ka) {
                String d = diff(ma.get(k), mb.get(k), path + "['" + k + "']");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.getClass().isArray()) {
            throw new IllegalArgumentException("Deep cannot compare " + a.getClass() + " at " + path);
        }
        return a.equals(b) ? null : path + ": " + show(a) + " vs " + show(b);
    }

    private static Object get(RecordComponent rc, Object record) {
        try {
            return rc.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot read " + rc, e);
        }
    }

    private static String show(Object o) {
        if (o instanceof String s && s.length() > 60) {
            return "\"" + s.substring(0, 60) + "...\" (" + s.length() + " chars)";
        }
        return o instanceof String ? "\"" + o + "\"" : String.valueOf(o);
    }
}
