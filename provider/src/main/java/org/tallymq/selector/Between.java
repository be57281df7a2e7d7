package org.tallymq.selector;

/**
 * {@code value [NOT] BETWEEN low AND high}, exactly as section 3.8.1.1 defines it:
 * {@code value >= low AND value <= high}, and for NOT BETWEEN {@code value < low OR value > high},
 * each comparison following {@link Comparison} and combined with three-valued logic. So a
 * non-number (a string property, say) is neither BETWEEN nor NOT BETWEEN any bounds, and a NULL
 * value gives UNKNOWN.
 */
record Between(Expression value, Expression low, Expression high, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        Object v = value.evaluate(message);
        if (v == null) {
            return null;
        }
        Object lo = low.evaluate(message);
        Object hi = high.evaluate(message);
        if (negated) {
            return Logic.or(Comparison.compareNullable(ComparisonOperator.LT, v, lo),
                    Comparison.compareNullable(ComparisonOperator.GT, v, hi));
        }
        return Logic.and(Comparison.compareNullable(ComparisonOperator.GE, v, lo),
                Comparison.compareNullable(ComparisonOperator.LE, v, hi));
    }

    @Override
    public String toString() {
        return "(" + value + (negated ? " NOT BETWEEN " : " BETWEEN ") + low + " AND " + high + ")";
    }
}
