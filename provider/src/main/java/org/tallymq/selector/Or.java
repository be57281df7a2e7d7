package org.tallymq.selector;

/**
 * {@code a OR b OR ...} (Table 3-5): TRUE if any operand is TRUE, else UNKNOWN if any is
 * UNKNOWN, else FALSE. A chain is one node, so a long chain costs no evaluation depth.
 */
record Or(Expression[] operands) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        boolean unknown = false;
        for (Expression operand : operands) {
            Boolean b = Logic.truth(operand.evaluate(message));
            if (b == null) {
                unknown = true;
            } else if (b) {
                return Boolean.TRUE;
            }
        }
        return unknown ? null : Boolean.FALSE;
    }

    @Override
    public String toString() {
        return join(operands, " OR ");
    }

    static String join(Expression[] operands, String operator) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < operands.length; i++) {
            if (i > 0) {
                s.append(operator);
            }
            s.append(operands[i]);
        }
        return s.append(')').toString();
    }
}
