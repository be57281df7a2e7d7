package org.tallymq.client;

import jakarta.jms.ConnectionMetaData;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** What a connection says about the provider. Immutable. */
final class TallyConnectionMetaData implements ConnectionMetaData {

    static final TallyConnectionMetaData INSTANCE = new TallyConnectionMetaData();

    static final String PROVIDER_VERSION = "0.1.0";

    /**
     * The JMSX properties Tally supports (spec 3.5.9: their support is optional, and getJMSXPropertyNames lists
     * the supported ones): the two a client sets, the count the provider sets, and the sender's user, which
     * the broker sets when configured to (populateUserId).
     */
    static final List<String> JMSX_PROPERTIES = List.of("JMSXGroupID", "JMSXGroupSeq", "JMSXDeliveryCount", "JMSXUserID");

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "Tally";
    }

    @Override
    public String getProviderVersion() {
        return PROVIDER_VERSION;
    }

    @Override
    public int getProviderMajorVersion() {
        return 0;
    }

    @Override
    public int getProviderMinorVersion() {
        return 1;
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(JMSX_PROPERTIES);
    }
}
