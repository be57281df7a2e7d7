package org.tallymq.selector;

/**
 * {@code a AND b AND ...} (Table 3-4): FALSE if any operand is FALSE, else UNKNOWN if any is
 * UNKNOWN, else TRUE. A chain is one node, so a long chain costs no evaluation depth.
 */
record And(Expression[] operands) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        boolean unknown = false;
        for (Expression operand : operands) {
            Boolean b = Logic.truth(operand.evaluate(message));
            if (b == null) {
                unknown = true;
            } else if (!b) {
                return Boolean.FALSE;
            }
        }
        return unknown ? null : Boolean.TRUE;
    }

    @Override
    public String toString() {
        return Or.join(operands, " AND ");
    }
}
