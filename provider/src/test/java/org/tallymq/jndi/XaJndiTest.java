package org.tallymq.jndi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.jms.XAConnectionFactory;
import java.util.Hashtable;
import javax.naming.Context;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyXAConnectionFactory;

class XaJndiTest {

    @Test
    void xaConnectionFactoryEntryBindsAnXaFactoryWithItsUrl() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put("xaConnectionFactory.jms/XA", "vm://jndi-xa?persistent=false");
        Context ctx = new TallyInitialContextFactory().getInitialContext(env);
        Object f = ctx.lookup("jms/XA");
        assertInstanceOf(XAConnectionFactory.class, f);
        assertEquals("vm://jndi-xa?persistent=false", ((TallyXAConnectionFactory) f).getUrl());
    }
}
