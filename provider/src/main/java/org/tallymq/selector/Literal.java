package org.tallymq.selector;

/** A string, numeric (Long, Float, Double) or boolean literal. */
record Literal(Object value) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        return value;
    }

    @Override
    public String toString() {
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Float f) {
            return f + "F";
        }
        return String.valueOf(value);
    }
}
