package org.tallymq.jta;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad settings are refused before Narayana sees them. (Applying good ones changes process-wide singletons, so
 * it is tested where a JVM belongs to one application: the sample's crash tests and NamedResourcesRecoveryTest.)
 */
class NarayanaStandaloneTest {

    @Test
    @DisplayName("a node identifier longer than Narayana's 28 bytes, or none at all, is refused with the reason")
    void nodeIdentifier() {
        NarayanaStandalone.Builder b = NarayanaStandalone.builder(Path.of("tx"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> b.nodeIdentifier("x".repeat(29)));
        assertTrue(tooLong.getMessage().contains("28"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.nodeIdentifier(" "));
        IllegalStateException missing = assertThrows(IllegalStateException.class, b::configure);
        assertTrue(missing.getMessage().contains("nodeIdentifier"), missing.getMessage());
    }

    @Test
    @DisplayName("periods and intervals must be positive; the object store directory is required")
    void numbers() {
        NarayanaStandalone.Builder b = NarayanaStandalone.builder(Path.of("tx"));
        assertThrows(IllegalArgumentException.class, () -> b.recoveryPeriodSeconds(0));
        assertThrows(IllegalArgumentException.class, () -> b.recoveryBackoffSeconds(-1));
        assertThrows(IllegalArgumentException.class, () -> b.orphanSafetyIntervalMillis(0));
        assertThrows(IllegalArgumentException.class, () -> b.defaultTimeoutSeconds(0));
        assertThrows(IllegalArgumentException.class, () -> NarayanaStandalone.builder(null));
    }

    @Test
    @DisplayName("TallyRecovery.register refuses a missing factory or name before touching Narayana")
    void registerArguments() {
        assertThrows(IllegalArgumentException.class, () -> TallyRecovery.register(null, "tally"));
        assertThrows(IllegalArgumentException.class, () -> TallyRecovery.register(new org.tallymq.jms.TallyXAConnectionFactory("vm://x"), " "));
    }
}
