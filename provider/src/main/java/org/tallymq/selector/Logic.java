package org.tallymq.selector;

/**
 * SQL three-valued logic (section 3.8.1.2): a condition is {@link Boolean#TRUE},
 * {@link Boolean#FALSE} or null for UNKNOWN.
 */
final class Logic {

    private Logic() {
    }

    /**
     * A value seen as a condition: a Boolean is itself; NULL, and any value that is not a
     * Boolean (a property holding a number, say), is UNKNOWN.
     */
    static Boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b ? Boolean.TRUE : Boolean.FALSE; // canonical instances
        }
        return null;
    }

    static Boolean of(boolean value) {
        return value ? Boolean.TRUE : Boolean.FALSE;
    }

    /** Table 3-4. */
    static Boolean and(Boolean a, Boolean b) {
        if (a == Boolean.FALSE || b == Boolean.FALSE) {
            return Boolean.FALSE;
        }
        return a == null || b == null ? null : Boolean.TRUE;
    }

    /** Table 3-5. */
    static Boolean or(Boolean a, Boolean b) {
        if (a == Boolean.TRUE || b == Boolean.TRUE) {
            return Boolean.TRUE;
        }
        return a == null || b == null ? null : Boolean.FALSE;
    }

    /** Table 3-6. */
    static Boolean not(Boolean a) {
        return a == null ? null : of(!a);
    }
}
