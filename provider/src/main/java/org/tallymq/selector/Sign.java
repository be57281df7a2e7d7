package org.tallymq.selector;

/**
 * Unary {@code -a} or {@code +a} on an operand that is not a literal (the parser folds signs into
 * numeric literals). Unary plus keeps a number as it is; both give UNKNOWN for a non-number.
 */
record Sign(boolean negate, Expression operand) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        Object value = operand.evaluate(message);
        if (negate) {
            return Numbers.negate(value);
        }
        return Numbers.kind(value) == Numbers.NOT_A_NUMBER ? null : value;
    }

    @Override
    public String toString() {
        return "(" + (negate ? "-" : "+") + operand + ")";
    }
}
