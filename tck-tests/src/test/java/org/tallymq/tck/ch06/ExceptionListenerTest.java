package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;

/** Spec 6.1.7 "ExceptionListener" and the javadoc of {@code Connection.get/setExceptionListener}. */
@DisplayName("6.1.7 ExceptionListener")
class ExceptionListenerTest extends ClassicSupport {

    @Test
    @DisplayName("6.1.7 getExceptionListener returns null when none is registered")
    void noneByDefault() throws JMSException {
        assertNull(connection().getExceptionListener());
    }

    @Test
    @DisplayName("6.1.7 getExceptionListener returns the registered listener; setting null unregisters it")
    void setAndGet() throws JMSException {
        Connection c = connection();
        ExceptionListener listener = e -> { };
        c.setExceptionListener(listener);
        assertSame(listener, c.getExceptionListener());
        ExceptionListener other = e -> { };
        c.setExceptionListener(other);
        assertSame(other, c.getExceptionListener());
        c.setExceptionListener(null);
        assertNull(c.getExceptionListener());
    }

    @Test
    @DisplayName("6.1.7 Setting an ExceptionListener does not prevent using the connection afterwards")
    void connectionUsableAfterSettingListener() throws JMSException {
        Connection c = connection();
        c.setExceptionListener(e -> { });
        c.start();
        c.createSession().close();
    }

    @Test
    @DisplayName("6.1.8 get/setExceptionListener on a closed connection → IllegalStateException")
    void closedConnection() throws JMSException {
        Connection c = connection();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.setExceptionListener(e -> { }));
        assertThrows(IllegalStateException.class, c::getExceptionListener);
    }
}
