package org.tallymq.selector;

import java.util.HashMap;
import java.util.Map;

/** A message for tests: a map from identifier to value. Absent names are null. */
final class TestMessage implements SelectorContext {

    private final Map<String, Object> values = new HashMap<>();

    static TestMessage message() {
        return new TestMessage();
    }

    static TestMessage message(String name, Object value) {
        return new TestMessage().with(name, value);
    }

    TestMessage with(String name, Object value) {
        values.put(name, value);
        return this;
    }

    @Override
    public Object get(String identifier) {
        return values.get(identifier);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
