package org.tallymq.selector;

/**
 * The type of a selector expression as far as the parser can know it before seeing a message.
 * Literals, operators and the typed header fields have a known type; a property identifier is
 * {@link #ANY} because its type is only known per message (section 3.8.1.1: "Not all semantic
 * checking can be performed at the time a message selector is presented").
 */
enum ValueType {
    BOOLEAN("a boolean"),
    NUMBER("a number"),
    STRING("a string"),
    ANY("a value");

    private final String noun;

    ValueType(String noun) {
        this.noun = noun;
    }

    /** For messages: "a number", "a string", ... */
    String noun() {
        return noun;
    }

    boolean canBe(ValueType wanted) {
        return this == ANY || this == wanted;
    }
}
