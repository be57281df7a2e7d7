package org.tallymq.ra;

import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;

/**
 * What an application in the Jakarta EE web or EJB container may not do with a connection, session or context
 * it got from the resource adapter (Jakarta Messaging 3.1 section 12.2, "Restrictions on the use of the Jakarta
 * Messaging API in the Jakarta EE web or EJB container", and section 7.3.5 for asynchronous send). The spec lets
 * a provider throw for these calls; Tally always does, so a misuse shows at once instead of failing later: a
 * {@link IllegalStateException} (a {@code JMSException}) where the method may throw one, an
 * {@link IllegalStateRuntimeException} where it may not.
 *
 * <p>Stateless and thread-safe.
 */
final class Restrictions {

    /** Connection: these would interfere with the container's management of connections and threads. */
    static final Set<String> CONNECTION = Set.of("setExceptionListener", "stop", "setClientID",
            "createConnectionConsumer", "createSharedConnectionConsumer", "createDurableConnectionConsumer",
            "createSharedDurableConnectionConsumer");

    /** Session: asynchronous delivery is for message-driven beans only. */
    static final Set<String> SESSION = Set.of("setMessageListener", "getMessageListener", "run");

    /** MessageConsumer and JMSConsumer: asynchronous delivery is for message-driven beans only. */
    static final Set<String> CONSUMER = Set.of("setMessageListener", "getMessageListener");

    /**
     * JMSContext: like Connection, plus {@code createContext}, which would put a second session on the
     * connection (JMSContext.createContext javadoc).
     */
    static final Set<String> CONTEXT = Set.of("setExceptionListener", "stop", "setClientID", "createContext");

    private Restrictions() {
    }

    /** True for {@code MessageProducer.send(..., CompletionListener)} and {@code JMSProducer.setAsync(non-null)}. */
    static boolean isAsyncSend(Method m, Object[] args) {
        if (m.getName().equals("setAsync")) {
            return args != null && args.length == 1 && args[0] != null;
        }
        return (m.getName().equals("send") || m.getName().equals("publish"))
                && Arrays.asList(m.getParameterTypes()).contains(CompletionListener.class);
    }

    /**
     * The exception for a forbidden call of {@code m} on {@code what}: checked where {@code m} declares
     * {@code JMSException}, unchecked otherwise.
     */
    static Exception forbidden(Method m, String what, String why) {
        return declaresJmsException(m) ? forbidden(what, m.getName(), why)
                : new IllegalStateRuntimeException(text(what, m.getName(), why), "TALLY-RA-EE-RESTRICTION");
    }

    /** The exception for a forbidden call of a method that declares JMSException. */
    static IllegalStateException forbidden(String what, String method, String why) {
        return new IllegalStateException(text(what, method, why), "TALLY-RA-EE-RESTRICTION");
    }

    private static String text(String what, String method, String why) {
        return what + "." + method + " may not be called by an application in a Jakarta EE web or EJB "
                + "container (Jakarta Messaging 3.1 section 12.2): " + why;
    }

    static Exception forbiddenAsyncSend(Method m, String what) {
        return forbidden(m, what, "asynchronous send is not permitted there (section 7.3.5); send synchronously");
    }

    static boolean declaresJmsException(Method m) {
        for (Class<?> e : m.getExceptionTypes()) {
            if (e.isAssignableFrom(JMSException.class)) {
                return true;
            }
        }
        return false;
    }

    /** Why a method in {@link #CONNECTION} or {@link #CONTEXT} is forbidden, for the exception message. */
    static String whyConnection(String method) {
        return switch (method) {
            case "setClientID" -> "the server shares pooled connections, so a client ID would leak between "
                    + "applications; configure a client ID on the activation spec of a message-driven bean instead";
            case "setExceptionListener" -> "the server watches the connection for failures itself";
            case "stop" -> "the server owns the connection's life cycle; close the connection instead";
            case "createContext" -> "it would put a second session on a connection; inject or create another "
                    + "JMSContext from the connection factory instead";
            default -> "connection consumers belong to the server; use a message-driven bean";
        };
    }
}
