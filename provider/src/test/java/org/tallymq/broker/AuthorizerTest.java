package org.tallymq.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.ErrorCode;

class AuthorizerTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "orders.eu, orders.eu, true",
            "orders.eu, orders.us, false",
            "orders.eu, orders.eu.paid, false",
            "orders.*, orders.eu, true",
            "orders.*, orders, false",
            "orders.*, orders.eu.paid, false",
            "orders.#, orders, true",
            "orders.#, orders.eu, true",
            "orders.#, orders.eu.paid, true",
            "orders.#, ordersx, false",
            "orders.#, order, false",
            "#, anything.at.all, true",
            "#, x, true",
            "*.paid, orders.paid, true",
            "*.paid, orders.eu.paid, false",
            "#.paid, orders.eu.paid, true",
            "#.paid, orders.eu.open, false",
            "orders.*.paid, orders.eu.paid, true",
            "orders.*.paid, orders.paid, false",
            "orders.#.paid, orders.paid, true",
            "orders.#.paid, orders.a.b.paid, true",
    })
    void patternMatching(String pattern, String name, boolean expected) {
        assertEquals(expected, new Authorizer.Pattern(pattern).matches(name));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource(value = {"''", "orders*", "orders.#x", "orders..eu", ".orders", "orders.", "a.b*c"}, quoteCharacter = '\'')
    void malformedPatterns(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> new Authorizer.Pattern(pattern));
    }

    @Test
    @DisplayName("no permissions configured: everything is allowed, for anyone")
    void allowAll() throws BrokerException {
        Authorizer a = Authorizer.allowAll();
        assertFalse(a.enabled());
        for (Authorizer.Operation op : Authorizer.Operation.values()) {
            a.check(null, op, DestinationRef.queue("x"), "test");
            a.check("u", op, DestinationRef.topic("y"), "test");
        }
    }

    @Test
    @DisplayName("with rules: a user gets exactly what its roles grant; others and anonymous get nothing")
    void rules() {
        Authorizer a = new Authorizer(Map.of("alice", Set.of("p"), "norole", Set.of()), Map.of("p", List.of(
                new Authorizer.Permission(Authorizer.Operation.SEND, new Authorizer.Pattern("orders.#")),
                new Authorizer.Permission(Authorizer.Operation.CREATE_TEMPORARY, null))));
        DestinationRef orders = DestinationRef.queue("orders.eu");
        assertTrue(a.allows("alice", Authorizer.Operation.SEND, orders));
        assertTrue(a.allows("alice", Authorizer.Operation.SEND, DestinationRef.topic("orders.eu")), "a rule covers topics too");
        assertFalse(a.allows("alice", Authorizer.Operation.CONSUME, orders));
        assertFalse(a.allows("alice", Authorizer.Operation.SEND, DestinationRef.queue("payments")));
        assertTrue(a.allows("alice", Authorizer.Operation.CREATE_TEMPORARY,
                new DestinationRef(DestinationRef.Kind.TEMP_QUEUE, "tmp-1")));
        assertFalse(a.allows("norole", Authorizer.Operation.SEND, orders));
        assertFalse(a.allows("stranger", Authorizer.Operation.SEND, orders));
        assertFalse(a.allows(null, Authorizer.Operation.SEND, orders));
        assertFalse(a.allows("norole", Authorizer.Operation.CREATE_TEMPORARY,
                new DestinationRef(DestinationRef.Kind.TEMP_TOPIC, "tmp-2")));
        assertTrue(a.allows("norole", Authorizer.Operation.SEND, new DestinationRef(DestinationRef.Kind.TEMP_QUEUE, "tmp-1")),
                "a temporary destination is reached by its JMSReplyTo, not by permission");
        BrokerException e = assertThrows(BrokerException.class,
                () -> a.check("alice", Authorizer.Operation.CONSUME, orders, "127.0.0.1:5"));
        assertEquals(ErrorCode.SECURITY, e.code);
        assertTrue(e.getMessage().contains("'alice'") && e.getMessage().contains("consume from queue 'orders.eu'"), e.getMessage());
    }
}
