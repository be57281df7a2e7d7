package org.tallymq.client;

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
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

/**
 * The simplified API throws unchecked exceptions (spec 10.2): each checked {@link JMSException}
 * of the classic client becomes the {@code *RuntimeException} of the same name, with the same
 * message and error code. The cause of the runtime exception is the original JMSException, so
 * the stack trace shows where in the classic client the problem was found (and, below it, the
 * original's own cause or linked exception).
 *
 * <p>Subtypes without a runtime twin ({@code MessageEOFException}, {@code MessageNotReadableException})
 * become a plain {@link JMSRuntimeException}. Stateless and thread-safe.
 */
public final class RuntimeExceptions {

    private RuntimeExceptions() {
    }

    /**
     * The unchecked form of {@code e}.
     *
     * @throws IllegalArgumentException if {@code e} is null (a bug in the caller)
     */
    public static JMSRuntimeException convert(JMSException e) {
        if (e == null) {
            throw new IllegalArgumentException("RuntimeExceptions.convert: the exception to convert is null");
        }
        String message = e.getMessage();
        String code = e.getErrorCode();
        if (e instanceof IllegalStateException) {
            return new IllegalStateRuntimeException(message, code, e);
        }
        if (e instanceof InvalidClientIDException) {
            return new InvalidClientIDRuntimeException(message, code, e);
        }
        if (e instanceof InvalidDestinationException) {
            return new InvalidDestinationRuntimeException(message, code, e);
        }
        if (e instanceof InvalidSelectorException) {
            return new InvalidSelectorRuntimeException(message, code, e);
        }
        if (e instanceof JMSSecurityException) {
            return new JMSSecurityRuntimeException(message, code, e);
        }
        if (e instanceof MessageFormatException) {
            return new MessageFormatRuntimeException(message, code, e);
        }
        if (e instanceof MessageNotWriteableException) {
            return new MessageNotWriteableRuntimeException(message, code, e);
        }
        if (e instanceof ResourceAllocationException) {
            return new ResourceAllocationRuntimeException(message, code, e);
        }
        if (e instanceof TransactionInProgressException) {
            return new TransactionInProgressRuntimeException(message, code, e);
        }
        if (e instanceof TransactionRolledBackException) {
            return new TransactionRolledBackRuntimeException(message, code, e);
        }
        return new JMSRuntimeException(message, code, e);
    }

    /** A call into the classic client. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws JMSException;
    }

    /** A call into the classic client that returns nothing. */
    @FunctionalInterface
    interface Action {
        void run() throws JMSException;
    }

    /** Runs {@code c}, converting a JMSException with {@link #convert}. */
    static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (JMSException e) {
            throw convert(e);
        }
    }

    /** Runs {@code a}, converting a JMSException with {@link #convert}. */
    static void run(Action a) {
        try {
            a.run();
        } catch (JMSException e) {
            throw convert(e);
        }
    }

    /** An IllegalStateRuntimeException for a closed object: "the JMSContext is closed; ...". */
    static IllegalStateRuntimeException closed(String what) {
        return new IllegalStateRuntimeException("the " + what + " is closed; a closed JMSContext cannot be used again, "
                + "create a new one with ConnectionFactory.createContext", "TALLY-CLOSED");
    }
}
