package org.tallymq.selector;

/** A header field or property reference; its value is whatever the message holds, or null. */
record Identifier(String name) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        return message.get(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
