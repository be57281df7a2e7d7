package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionMetaData;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;

/** Spec 6.1.6 "ConnectionMetaData" and 3.5.9 "Jakarta Messaging defined properties". */
@DisplayName("6.1.6 ConnectionMetaData")
class ConnectionMetaDataTest extends ClassicSupport {

    @Test
    @DisplayName("6.1.6 The metadata gives the Jakarta Messaging version: getJMSVersion agrees with major.minor, major ≥ 2")
    void versions() throws JMSException {
        ConnectionMetaData md = connection().getMetaData();
        int major = md.getJMSMajorVersion();
        int minor = md.getJMSMinorVersion();
        assertTrue(major >= 2, "a provider of the jakarta.jms API implements at least version 2; got " + major);
        assertTrue(minor >= 0, "minor version " + minor);
        assertNotNull(md.getJMSVersion());
        assertTrue(md.getJMSVersion().startsWith(major + "." + minor),
                "getJMSVersion() '" + md.getJMSVersion() + "' disagrees with " + major + "." + minor);
    }

    @Test
    @DisplayName("6.1.6 The metadata gives the provider's name and version")
    void provider() throws JMSException {
        ConnectionMetaData md = connection().getMetaData();
        assertNotNull(md.getJMSProviderName());
        assertFalse(md.getJMSProviderName().isBlank(), "provider name is blank");
        assertNotNull(md.getProviderVersion());
        assertFalse(md.getProviderVersion().isBlank(), "provider version is blank");
        assertTrue(md.getProviderMajorVersion() >= 0);
        assertTrue(md.getProviderMinorVersion() >= 0);
    }

    @Test
    @DisplayName("6.1.6/3.5.9 getJMSXPropertyNames includes JMSXGroupID, JMSXGroupSeq and JMSXDeliveryCount")
    void jmsxPropertyNames() throws JMSException {
        ConnectionMetaData md = connection().getMetaData();
        List<Object> names = new ArrayList<>();
        for (Enumeration<?> e = md.getJMSXPropertyNames(); e.hasMoreElements(); ) {
            names.add(e.nextElement());
        }
        assertTrue(names.contains("JMSXGroupID"), "JMSXGroupID is required (3.5.9); names: " + names);
        assertTrue(names.contains("JMSXGroupSeq"), "JMSXGroupSeq is required (3.5.9); names: " + names);
        assertTrue(names.contains("JMSXDeliveryCount"), "JMSXDeliveryCount is mandatory (3.5.9); names: " + names);
        for (Object name : names) {
            assertTrue(name instanceof String s && s.startsWith("JMSX"), "not a JMSX name: " + name);
        }
        assertEquals(names.size(), names.stream().distinct().count(), "duplicate names: " + names);
    }
}
