package org.tallymq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * equals/hashCode over the configuration properties, which Connectors 2.1 requires of a ResourceAdapter (section
 * 5.3.1), a ManagedConnectionFactory (section 6.5.3.2) and a ConnectionRequestInfo (section 6.5.6.3).
 */
class EqualsHashCodeTest {

    @Test
    @DisplayName("ResourceAdapter: equal when every config property is equal")
    void resourceAdapter() {
        TallyResourceAdapter a = new TallyResourceAdapter();
        TallyResourceAdapter b = new TallyResourceAdapter();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        a.setConnectionURL("tcp://h:1");
        b.setConnectionURL("tcp://h:1");
        a.setUserName("u");
        b.setUserName("u");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        b.setPassword("p");
        assertNotEquals(a, b);
        b.setPassword(null);
        b.setConnectionURL("tcp://h:2");
        assertNotEquals(a, b);
    }

    @Test
    @DisplayName("ManagedConnectionFactory: equal when every config property is equal")
    void managedConnectionFactory() {
        TallyManagedConnectionFactory a = new TallyManagedConnectionFactory();
        TallyManagedConnectionFactory b = new TallyManagedConnectionFactory();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        a.setConnectionURL("tcp://h:1");
        assertNotEquals(a, b);
        b.setConnectionURL("tcp://h:1");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        a.setUserName("u");
        assertNotEquals(a, b);
        b.setUserName("u");
        a.setPassword("p");
        assertNotEquals(a, b);
        b.setPassword("p");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    @DisplayName("ConnectionRequestInfo: kind and credentials")
    void connectionRequest() {
        ConnectionRequest a = new ConnectionRequest(ConnectionRequest.Kind.CLASSIC, "u", "p");
        assertEquals(a, new ConnectionRequest(ConnectionRequest.Kind.CLASSIC, "u", "p"));
        assertEquals(a.hashCode(), new ConnectionRequest(ConnectionRequest.Kind.CLASSIC, "u", "p").hashCode());
        assertNotEquals(a, new ConnectionRequest(ConnectionRequest.Kind.CONTEXT, "u", "p"));
        assertNotEquals(a, new ConnectionRequest(ConnectionRequest.Kind.CLASSIC, "u", "q"));
        assertNotEquals(a, new ConnectionRequest(ConnectionRequest.Kind.CLASSIC, null, "p"));
    }

    @Test
    @DisplayName("admin objects: equal by physical name and kind")
    void adminObjects() {
        AdminQueue q1 = new AdminQueue();
        q1.setPhysicalName("orders");
        AdminQueue q2 = new AdminQueue();
        q2.setPhysicalName("orders");
        AdminTopic t = new AdminTopic();
        t.setPhysicalName("orders");
        assertEquals(q1, q2);
        assertEquals(q1.hashCode(), q2.hashCode());
        assertNotEquals(q1, t);
        assertEquals("orders", q1.getQueueName());
        assertEquals("orders", t.getTopicName());
    }
}
