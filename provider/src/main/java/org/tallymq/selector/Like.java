package org.tallymq.selector;

/**
 * {@code identifier [NOT] LIKE 'pattern' [ESCAPE 'c']} (section 3.8.1.1). A NULL identifier gives
 * UNKNOWN, as the specification says; a value that is not a String also gives UNKNOWN (LIKE is
 * defined for an identifier with a String value), for LIKE and NOT LIKE alike.
 */
record Like(Identifier identifier, LikePattern pattern, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        Object v = identifier.evaluate(message);
        if (!(v instanceof String s)) {
            return null;
        }
        return Logic.of(pattern.matches(s) != negated);
    }

    @Override
    public String toString() {
        return "(" + identifier + (negated ? " NOT LIKE " : " LIKE ") + pattern + ")";
    }
}
