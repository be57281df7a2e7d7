package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeserializationPolicyTest {

    @AfterEach
    void clear() {
        System.clearProperty(DeserializationPolicy.SYSTEM_PROPERTY);
    }

    @Test
    @DisplayName("defaults: java.lang.*, java.util.**, java.math.*, java.time.**; nothing else")
    void defaults() {
        DeserializationPolicy p = DeserializationPolicy.defaults();
        for (String allowed : new String[] {"java.lang.String", "java.lang.Integer", "java.lang.Enum",
            "java.util.HashMap", "java.util.ImmutableCollections$ListN", "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.atomic.AtomicLong", "java.math.BigDecimal", "java.time.Instant",
            "java.time.chrono.HijrahDate"}) {
            assertTrue(p.allows(allowed), allowed);
        }
        for (String refused : new String[] {"java.lang.reflect.Proxy", "java.lang.invoke.SerializedLambda",
            "javax.management.BadAttributeValueExpException", "sun.rmi.server.UnicastRef", "com.acme.Order",
            "org.apache.commons.collections.functors.InvokerTransformer", "java.rmi.MarshalledObject",
            "java.net.URL", "java.mathx.Evil", "java.utilx.Evil"}) {
            assertFalse(p.allows(refused), refused);
        }
    }

    @Test
    @DisplayName("arrays are judged by their element type; arrays of primitives are always allowed")
    void arrays() {
        DeserializationPolicy none = DeserializationPolicy.fromSpec("");
        assertTrue(none.allows(int[].class));
        assertTrue(none.allows(byte[][].class));
        assertFalse(none.allows(String[].class));
        assertFalse(none.allows(String.class));
        assertTrue(DeserializationPolicy.defaults().allows(String[][].class));
        assertFalse(DeserializationPolicy.defaults().allows(java.net.URL[].class));
    }

    @Test
    @DisplayName("pattern forms: pkg.* (package only), pkg.** (with subpackages), prefix*, exact name, *")
    void patternForms() {
        DeserializationPolicy p = DeserializationPolicy.fromSpec(" com.acme.* , org.x.** ,net.Ord*, io.One$Inner ");
        assertTrue(p.allows("com.acme.Order"));
        assertTrue(p.allows("com.acme.Order$Line"));
        assertFalse(p.allows("com.acme.sub.Order"));
        assertFalse(p.allows("com.acmex.Order"));
        assertTrue(p.allows("org.x.A"));
        assertTrue(p.allows("org.x.deep.er.A"));
        assertFalse(p.allows("org.xy.A"));
        assertTrue(p.allows("net.Order"));
        assertTrue(p.allows("net.Ordinal"));
        assertFalse(p.allows("net.Other"));
        assertTrue(p.allows("io.One$Inner"));
        assertFalse(p.allows("io.One"));
        assertEquals("com.acme.*,org.x.**,net.Ord*,io.One$Inner", p.spec());
        assertTrue(DeserializationPolicy.fromSpec("*").allows("anything.At.All"));
    }

    @ParameterizedTest(name = "invalid pattern \"{0}\"")
    @ValueSource(strings = {"com.*.x", "**", ".x", "a..b", "a b", "com.acme.**.x", "com.*acme", "a.b-c", "com.acme***"})
    @DisplayName("a malformed pattern is rejected with IllegalArgumentException naming it")
    void invalidPatterns(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeserializationPolicy.fromSpec("java.lang.*," + pattern));
        assertTrue(e.getMessage().contains(pattern), e.getMessage());
    }

    @Test
    @DisplayName("null spec is rejected; the system property replaces the defaults")
    void systemPropertyAndNull() {
        assertThrows(IllegalArgumentException.class, () -> DeserializationPolicy.fromSpec(null));
        System.setProperty(DeserializationPolicy.SYSTEM_PROPERTY, "com.acme.**");
        DeserializationPolicy p = DeserializationPolicy.defaults();
        assertTrue(p.allows("com.acme.a.B"));
        assertFalse(p.allows("java.lang.String"), "the property replaces the defaults, it does not add to them");
    }
}
