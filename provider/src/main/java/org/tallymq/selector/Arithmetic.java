package org.tallymq.selector;

/**
 * A left-associative chain of one precedence level, {@code a + b - c} or {@code a * b / c},
 * evaluated left to right (section 3.8.1.1). A chain is one node, so a long chain costs no
 * evaluation depth. Any UNKNOWN or non-numeric operand, an overflow or a division by zero makes
 * the result UNKNOWN (see {@link Numbers}).
 *
 * @param operators {@code operators[i]} combines the result so far with {@code operands[i + 1]}
 */
record Arithmetic(Expression[] operands, char[] operators) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        Object result = operands[0].evaluate(message);
        for (int i = 0; i < operators.length && result != null; i++) {
            Object next = operands[i + 1].evaluate(message);
            result = next == null ? null : Numbers.apply(operators[i], result, next);
        }
        return result == null || Numbers.kind(result) == Numbers.NOT_A_NUMBER ? null : result;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("(").append(operands[0]);
        for (int i = 0; i < operators.length; i++) {
            s.append(' ').append(operators[i]).append(' ').append(operands[i + 1]);
        }
        return s.append(')').toString();
    }
}
