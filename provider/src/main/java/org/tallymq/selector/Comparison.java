package org.tallymq.selector;

/**
 * {@code left op right} (section 3.8.1.1). NULL on either side gives UNKNOWN. Numbers compare
 * with numbers (Java numeric promotion, see {@link Numbers}); strings and booleans compare with
 * their own kind, and only with {@code =} and {@code <>}. Any other combination (a string with a
 * number, or {@code <} between two strings) is FALSE, as the specification says for "non-like
 * type values".
 */
record Comparison(ComparisonOperator operator, Expression left, Expression right) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        Object l = left.evaluate(message);
        if (l == null) {
            return null;
        }
        Object r = right.evaluate(message);
        if (r == null) {
            return null;
        }
        return compare(operator, l, r);
    }

    /** Compares two non-null values; never null. */
    static Boolean compare(ComparisonOperator operator, Object l, Object r) {
        int lk = Numbers.kind(l);
        int rk = Numbers.kind(r);
        if (lk != Numbers.NOT_A_NUMBER && rk != Numbers.NOT_A_NUMBER) {
            return Logic.of(Numbers.compare(operator, lk, (Number) l, rk, (Number) r));
        }
        if (operator.isOrdering()) {
            return Boolean.FALSE;
        }
        boolean equal;
        if (l instanceof String ls && r instanceof String rs) {
            equal = ls.equals(rs);
        } else if (l instanceof Boolean lb && r instanceof Boolean rb) {
            equal = lb.booleanValue() == rb.booleanValue();
        } else {
            return Boolean.FALSE; // non-like types
        }
        return Logic.of(equal == (operator == ComparisonOperator.EQ));
    }

    /** {@code compare} for operands that may be null: UNKNOWN when either is. */
    static Boolean compareNullable(ComparisonOperator operator, Object l, Object r) {
        return l == null || r == null ? null : compare(operator, l, r);
    }

    @Override
    public String toString() {
        return "(" + left + " " + operator.symbol() + " " + right + ")";
    }
}
