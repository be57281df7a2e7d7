package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every JMSException subtype becomes its runtime twin, keeping message, error code and cause (spec 10.2). */
class RuntimeExceptionsTest {

    private record Case(BiFunction<String, String, JMSException> checked, Class<? extends JMSRuntimeException> expected) {
    }

    private static final List<Case> CASES = List.of(
            new Case(IllegalStateException::new, IllegalStateRuntimeException.class),
            new Case(InvalidClientIDException::new, InvalidClientIDRuntimeException.class),
            new Case(InvalidDestinationException::new, InvalidDestinationRuntimeException.class),
            new Case(InvalidSelectorException::new, InvalidSelectorRuntimeException.class),
            new Case(JMSSecurityException::new, JMSSecurityRuntimeException.class),
            new Case(MessageFormatException::new, MessageFormatRuntimeException.class),
            new Case(MessageNotWriteableException::new, MessageNotWriteableRuntimeException.class),
            new Case(ResourceAllocationException::new, ResourceAllocationRuntimeException.class),
            new Case(TransactionInProgressException::new, TransactionInProgressRuntimeException.class),
            new Case(TransactionRolledBackException::new, TransactionRolledBackRuntimeException.class),
            new Case(JMSException::new, JMSRuntimeException.class),
            new Case(MessageEOFException::new, JMSRuntimeException.class),
            new Case(MessageNotReadableException::new, JMSRuntimeException.class));

    @Test
    @DisplayName("Each JMSException subtype maps to its *RuntimeException with message, error code, cause")
    void mapsEverySubtype() {
        for (Case c : CASES) {
            JMSException original = c.checked().apply("what happened", "TALLY-CODE");
            JMSRuntimeException converted = RuntimeExceptions.convert(original);
            assertEquals(c.expected(), converted.getClass(), original.getClass().getSimpleName());
            assertEquals("what happened", converted.getMessage());
            assertEquals("TALLY-CODE", converted.getErrorCode());
            assertSame(original, converted.getCause(), "the original stays reachable as the cause");
        }
    }

    @Test
    @DisplayName("A null error code stays null; the original's own cause stays in the chain")
    void nullCodeAndNestedCause() {
        JMSException original = new JMSException("m");
        java.io.IOException io = new java.io.IOException("disk");
        original.initCause(io);
        JMSRuntimeException converted = RuntimeExceptions.convert(original);
        assertEquals(null, converted.getErrorCode());
        assertSame(io, converted.getCause().getCause());
    }

    @Test
    @DisplayName("convert(null) is a caller bug: IllegalArgumentException, not NullPointerException")
    void nullIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RuntimeExceptions.convert(null));
    }

    @Test
    @DisplayName("call/run convert checked exceptions and pass results through")
    void callAndRun() {
        assertEquals(5, RuntimeExceptions.call(() -> 5));
        assertThrows(InvalidSelectorRuntimeException.class,
                () -> RuntimeExceptions.run(() -> {
                    throw new InvalidSelectorException("bad");
                }));
    }
}
