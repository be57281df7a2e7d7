package org.tallymq.selector;

import java.util.Set;

/**
 * {@code identifier [NOT] IN ('a', 'b', ...)} (section 3.8.1.1). A NULL identifier gives
 * UNKNOWN, as the specification says. A value that is not a String also gives UNKNOWN, for IN and
 * for NOT IN alike: the operator is defined only for "an identifier [that] has a String or NULL
 * value", and the Jakarta Messaging TCK expects {@code intProp NOT IN ('foo')} not to match.
 *
 * @param values an unmodifiable set in the order written (a LinkedHashSet), for lookup in constant time
 */
record In(Identifier identifier, Set<String> values, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        Object v = identifier.evaluate(message);
        if (!(v instanceof String s)) {
            return null;
        }
        return Logic.of(values.contains(s) != negated);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("(").append(identifier).append(negated ? " NOT IN (" : " IN (");
        boolean first = true;
        for (String value : values) {
            if (!first) {
                s.append(", ");
            }
            first = false;
            s.append(new Literal(value));
        }
        return s.append("))").toString();
    }
}
