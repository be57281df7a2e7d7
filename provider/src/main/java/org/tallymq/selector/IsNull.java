package org.tallymq.selector;

/**
 * {@code identifier IS [NOT] NULL}: tests for a null header field value or a missing property
 * (section 3.8.1.1); never UNKNOWN.
 */
record IsNull(Identifier identifier, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        boolean isNull = identifier.evaluate(message) == null;
        return Logic.of(isNull != negated);
    }

    @Override
    public String toString() {
        return "(" + identifier + (negated ? " IS NOT NULL)" : " IS NULL)");
    }
}
