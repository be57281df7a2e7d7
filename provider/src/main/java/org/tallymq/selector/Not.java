package org.tallymq.selector;

/** {@code NOT a} (Table 3-6): UNKNOWN stays UNKNOWN. */
record Not(Expression operand) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        return Logic.not(Logic.truth(operand.evaluate(message)));
    }

    @Override
    public String toString() {
        return "(NOT " + operand + ")";
    }
}
