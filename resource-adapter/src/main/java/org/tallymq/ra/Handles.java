package org.tallymq.ra;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The objects applications hold: connection, session and context handles over a {@link TallyManagedConnection},
 * and the producers, consumers and browsers made from them. Each is a {@link Proxy} of the standard
 * {@code jakarta.jms} interfaces whose handler forwards to the physical Tally object, except where the Jakarta EE
 * container rules differ from Java SE:
 *
 * <ul>
 *   <li>the calls of {@link Restrictions} throw (section 12.2);</li>
 *   <li>a connection handle has at most one open session (section 12.2: "must not attempt to create more than one
 *       active (not closed) Session object per connection");</li>
 *   <li>inside a container transaction, {@code commit} and {@code rollback} throw
 *       {@code TransactionInProgressException} (section 12.3: the transaction manager commits);</li>
 *   <li>{@code close} closes the handle and what was made from it, and gives the managed connection back to the
 *       server's pool; the physical connection stays open for the next user.</li>
 * </ul>
 *
 * <p>Threading: like the objects they stand for (a session or context is used by one thread at a time), except
 * that {@link Handle#invalidate()} may come from the server's thread at any time.
 */
final class Handles {

    private Handles() {
    }

    /** A new classic connection handle (also a QueueConnection and TopicConnection). */
    static Connection connection(TallyManagedConnection mc) {
        ConnectionHandle h = new ConnectionHandle(mc);
        PooledConnection c = new PooledConnection(h);
        h.setPublicHandle(c);
        return c;
    }

    /** A new JMSContext handle. */
    static JMSContext context(TallyManagedConnection mc) {
        ContextHandle h = new ContextHandle(mc);
        return (JMSContext) h.proxy(new Class<?>[] {JMSContext.class});
    }

    /** The handler behind a proxy made by this class, or null for another object. */
    static Handle handleOf(Object proxy) {
        if (proxy instanceof PooledConnection c) {
            return c.handle();
        }
        if (proxy != null && Proxy.isProxyClass(proxy.getClass())
                && Proxy.getInvocationHandler(proxy) instanceof Handle h) {
            return h;
        }
        return null;
    }

    /** Common parts: identity, closed state, forwarding, children closed with their parent. */
    abstract static class Handle implements InvocationHandler {

        private final List<Handle> children = new ArrayList<>();
        private volatile boolean closed;
        private Object proxy;

        Object proxy(Class<?>[] interfaces) {
            proxy = Proxy.newProxyInstance(Handles.class.getClassLoader(), interfaces, this);
            return proxy;
        }

        Object proxy() {
            return proxy;
        }

        void setPublicHandle(Object handle) {
            this.proxy = handle;
        }

        boolean isClosed() {
            return closed;
        }

        abstract String what();

        abstract Object target() throws JMSException;

        /** Forwards anything not handled by a subclass; wraps producers, consumers and browsers. */
        Object forward(Method m, Object[] args) throws Throwable {
            Object result;
            try {
                result = m.invoke(target(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return wrapChild(result);
        }

        Object wrapChild(Object result) {
            if (result == null) {
                return null;
            }
            if (result == physicalOrNull()) {
                return proxy; // fluent JMSProducer setters return the producer itself
            }
            if (result instanceof MessageProducer || result instanceof MessageConsumer || result instanceof QueueBrowser
                    || result instanceof JMSProducer || result instanceof JMSConsumer) {
                ChildHandle child = new ChildHandle(result, what());
                synchronized (children) {
                    children.add(child);
                }
                return child.proxy(jmsInterfaces(result.getClass()));
            }
            return result;
        }

        Object physicalOrNull() {
            return null;
        }

        @Override
        public final Object invoke(Object self, Method m, Object[] args) throws Throwable {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> what() + "@" + Integer.toHexString(System.identityHashCode(self));
                };
            }
            if (m.getName().equals("close") && m.getParameterCount() == 0) {
                try {
                    close();
                } catch (JMSException e) {
                    if (Restrictions.declaresJmsException(m)) {
                        throw e;
                    }
                    throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
                }
                return null;
            }
            if (closed) {
                String text = "this " + what() + " is closed; get a new one from the connection factory";
                if (Restrictions.declaresJmsException(m)) {
                    throw new IllegalStateException(text, "TALLY-RA-CLOSED");
                }
                throw new IllegalStateRuntimeException(text, "TALLY-RA-CLOSED");
            }
            return call(m, args);
        }

        abstract Object call(Method m, Object[] args) throws Throwable;

        /** Closes this handle and its children; idempotent, as every JMS close is. */
        void close() throws JMSException {
            if (closed) {
                return;
            }
            closed = true;
            closeChildren();
            closed();
        }

        /** Called once, when the handle closes: give the managed connection back, or drop the physical child. */
        abstract void closed() throws JMSException;

        void closeChildren() throws JMSException {
            List<Handle> copy;
            synchronized (children) {
                copy = new ArrayList<>(children);
                children.clear();
            }
            JMSException first = null;
            for (Handle c : copy) {
                try {
                    c.close();
                } catch (JMSException e) {
                    first = first == null ? e : first;
                } catch (JMSRuntimeException e) {
                    first = first == null ? new JMSException(e.getMessage(), e.getErrorCode()) : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }

        /** The server took the managed connection back (cleanup or destroy): the handle is dead. */
        void invalidate() {
            try {
                close();
            } catch (JMSException | RuntimeException ignored) {
                // the managed connection is being cleaned up; what was made from it goes with it
            }
        }
    }

    /** A producer, consumer or browser of a handle: forwards, except for the restricted calls. */
    static final class ChildHandle extends Handle {
        private final Object physical;
        private final String what;

        ChildHandle(Object physical, String parent) {
            this.physical = physical;
            this.what = (physical instanceof MessageProducer ? "MessageProducer"
                    : physical instanceof MessageConsumer ? "MessageConsumer"
                    : physical instanceof QueueBrowser ? "QueueBrowser"
                    : physical instanceof JMSProducer ? "JMSProducer" : "JMSConsumer") + " of a " + parent;
        }

        @Override
        String what() {
            return what;
        }

        @Override
        Object target() {
            return physical;
        }

        @Override
        Object physicalOrNull() {
            return physical;
        }

        @Override
        Object call(Method m, Object[] args) throws Throwable {
            boolean consumer = physical instanceof MessageConsumer || physical instanceof JMSConsumer;
            if (consumer && Restrictions.CONSUMER.contains(m.getName())) {
                throw Restrictions.forbidden(m, what, "asynchronous delivery is for message-driven beans; "
                        + "call receive, or use a message-driven bean");
            }
            if (Restrictions.isAsyncSend(m, args)) {
                throw Restrictions.forbiddenAsyncSend(m, what);
            }
            return forward(m, args);
        }

        @Override
        void closed() throws JMSException {
            try {
                if (physical instanceof MessageProducer p) {
                    p.close();
                } else if (physical instanceof MessageConsumer c) {
                    c.close();
                } else if (physical instanceof QueueBrowser b) {
                    b.close();
                } else if (physical instanceof JMSConsumer c) {
                    c.close();
                }
            } catch (JMSRuntimeException e) {
                throw new JMSException(e.getMessage(), e.getErrorCode());
            }
        }
    }

    /**
     * The state behind a classic connection handle ({@link PooledConnection}, a real class because ra.xml names it):
     * one physical connection of the pool, at most one open session.
     */
    static final class ConnectionHandle extends Handle {
        private volatile TallyManagedConnection mc;
        private SessionHandle session; // guarded by this

        ConnectionHandle(TallyManagedConnection mc) {
            this.mc = mc;
            mc.register(this);
        }

        @Override
        String what() {
            return "Connection from the Tally resource adapter";
        }

        @Override
        Object target() throws JMSException {
            return mc.connection();
        }

        TallyManagedConnection managedConnection() {
            return mc;
        }

        void reassociate(TallyManagedConnection other) {
            mc = other;
        }

        /** The physical connection, or IllegalStateException once this handle is closed. */
        Connection physical() throws JMSException {
            if (isClosed()) {
                throw new IllegalStateException("this " + what() + " is closed; get a new one from the connection "
                        + "factory", "TALLY-RA-CLOSED");
            }
            return mc.connection();
        }

        /** Not reached: the application holds a {@link PooledConnection}, which calls this handle directly. */
        @Override
        Object call(Method m, Object[] args) {
            throw new UnsupportedOperationException(m.getName());
        }

        /**
         * Every createSession variant: the arguments are ignored, as section 12.3 allows (inside a container
         * transaction the session takes part in it; outside one it is non-transacted with AUTO_ACKNOWLEDGE).
         */
        synchronized Session createSession() throws JMSException {
            physical(); // IllegalStateException once closed
            if (session != null && !session.isClosed()) {
                throw new IllegalStateException("this connection already has an open session, and an application in a "
                        + "Jakarta EE web or EJB container may have only one per connection (Jakarta Messaging 3.1 "
                        + "section 12.2); close it first, or create another connection", "TALLY-RA-ONE-SESSION");
            }
            session = new SessionHandle(mc, mc.session());
            return (Session) session.proxy(new Class<?>[] {Session.class, QueueSession.class, TopicSession.class});
        }

        @Override
        void closed() throws JMSException {
            SessionHandle s;
            synchronized (this) {
                s = session;
                session = null;
            }
            try {
                if (s != null) {
                    s.close();
                }
            } finally {
                mc.closed(this, proxy());
            }
        }
    }

    /** A session of a connection handle: the managed connection's physical session. */
    static final class SessionHandle extends Handle {
        private final TallyManagedConnection mc;
        private final Session physical;

        SessionHandle(TallyManagedConnection mc, Session physical) {
            this.mc = mc;
            this.physical = physical;
        }

        @Override
        String what() {
            return "Session from the Tally resource adapter";
        }

        @Override
        Object target() {
            return physical;
        }

        @Override
        Object call(Method m, Object[] args) throws Throwable {
            String name = m.getName();
            if (Restrictions.SESSION.contains(name)) {
                if (name.equals("run")) {
                    throw new UnsupportedOperationException("Session.run is for the server's connection consumers, "
                            + "which an application in a Jakarta EE web or EJB container may not use (section 12.2)");
                }
                throw Restrictions.forbidden(m, "Session", "asynchronous delivery is for message-driven beans");
            }
            if ((name.equals("commit") || name.equals("rollback")) && mc.inTransaction()) {
                throw new TransactionInProgressException("Session." + name + " may not be called while the session "
                        + "takes part in a container transaction (Jakarta Messaging 3.1 section 12.3); the transaction "
                        + "manager commits or rolls it back", "TALLY-RA-TX");
            }
            if (!mc.inTransaction()) {
                // outside a transaction the session is non-transacted with AUTO_ACKNOWLEDGE (section 12.3), even when
                // it is the managed connection's XA session
                switch (name) {
                    case "getTransacted":
                        return false;
                    case "getAcknowledgeMode":
                        return Session.AUTO_ACKNOWLEDGE;
                    case "commit", "rollback":
                        throw new IllegalStateException("Session." + name + " outside a transaction: the session is "
                                + "non-transacted (Jakarta Messaging 3.1 section 12.3)", "TALLY-RA-NOT-TRANSACTED");
                    default:
                        break;
                }
            }
            return forward(m, args);
        }

        @Override
        void closed() {
            // the physical session belongs to the managed connection and is reused
        }
    }

    /** A JMSContext handle: the managed connection's physical context. */
    static final class ContextHandle extends Handle {
        private volatile TallyManagedConnection mc;

        ContextHandle(TallyManagedConnection mc) {
            this.mc = mc;
            mc.register(this);
        }

        @Override
        String what() {
            return "JMSContext from the Tally resource adapter";
        }

        @Override
        Object target() throws JMSException {
            return mc.context();
        }

        TallyManagedConnection managedConnection() {
            return mc;
        }

        void reassociate(TallyManagedConnection other) {
            mc = other;
        }

        @Override
        Object call(Method m, Object[] args) throws Throwable {
            String name = m.getName();
            if (Restrictions.CONTEXT.contains(name)) {
                throw Restrictions.forbidden(m, "JMSContext", Restrictions.whyConnection(name));
            }
            if ((name.equals("commit") || name.equals("rollback")) && mc.inTransaction()) {
                throw new TransactionInProgressRuntimeException("JMSContext." + name + " may not be called while the "
                        + "context takes part in a container transaction (Jakarta Messaging 3.1 section 12.3); the "
                        + "transaction manager commits or rolls it back", "TALLY-RA-TX");
            }
            if (name.equals("getExceptionListener")) {
                return null;
            }
            if (!mc.inTransaction()) {
                switch (name) {
                    case "getTransacted":
                        return false;
                    case "getSessionMode":
                        return JMSContext.AUTO_ACKNOWLEDGE;
                    case "commit", "rollback":
                        throw new IllegalStateRuntimeException("JMSContext." + name + " outside a transaction: the "
                                + "context is non-transacted (Jakarta Messaging 3.1 section 12.3)",
                                "TALLY-RA-NOT-TRANSACTED");
                    default:
                        break;
                }
            }
            try {
                return forward(m, args);
            } catch (JMSException e) {
                throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
            }
        }

        @Override
        void closed() throws JMSException {
            mc.closed(this, proxy());
        }
    }

    /** Every jakarta.jms interface {@code type} implements, for the proxy of a physical child object. */
    static Class<?>[] jmsInterfaces(Class<?> type) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            collect(c, found);
        }
        return found.toArray(new Class<?>[0]);
    }

    private static void collect(Class<?> c, Set<Class<?>> found) {
        for (Class<?> i : c.getInterfaces()) {
            if (i.getName().startsWith("jakarta.jms.")) {
                found.add(i);
            }
            collect(i, found);
        }
    }
}
