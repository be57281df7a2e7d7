package org.tallymq.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ActivationSpec.validate (Connectors 2.1 section 13.4.2.2): every bad property is named. */
class TallyActivationSpecTest {

    private static TallyActivationSpec queueSpec() {
        TallyActivationSpec s = new TallyActivationSpec();
        s.setDestination("orders");
        s.setDestinationType("jakarta.jms.Queue");
        return s;
    }

    private static String[] badProperties(TallyActivationSpec s) {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, s::validate);
        String[] names = Arrays.stream(e.getInvalidPropertyDescriptors()).map(PropertyDescriptor::getName)
                .toArray(String[]::new);
        for (String n : names) {
            assertTrue(e.getMessage().contains(n), "the message names " + n + ": " + e.getMessage());
        }
        return names;
    }

    @Test
    @DisplayName("a queue by name, a topic by lookup, a durable subscription: valid")
    void validSpecs() {
        assertDoesNotThrow(() -> queueSpec().validate());
        TallyActivationSpec lookup = new TallyActivationSpec();
        lookup.setDestinationLookup("java:/jms/tally/queue/in");
        assertDoesNotThrow(lookup::validate);
        TallyActivationSpec durable = new TallyActivationSpec();
        durable.setDestination("prices");
        durable.setDestinationType("jakarta.jms.Topic");
        durable.setSubscriptionDurability("Durable");
        durable.setSubscriptionName("audit");
        durable.setMessageSelector("price > 10 AND symbol = 'ACME'");
        durable.setAcknowledgeMode("Dups-ok-acknowledge");
        assertDoesNotThrow(durable::validate);
    }

    @Test
    @DisplayName("no destination and no destinationLookup: names destination")
    void missingDestination() {
        TallyActivationSpec s = new TallyActivationSpec();
        assertArrayEquals(new String[] {"destination"}, badProperties(s));
    }

    @Test
    @DisplayName("a destinationType that is neither Queue nor Topic: names destinationType")
    void badDestinationType() {
        TallyActivationSpec s = queueSpec();
        s.setDestinationType("javax.jms.Queue");
        assertArrayEquals(new String[] {"destinationType"}, badProperties(s));
    }

    @Test
    @DisplayName("a destination by name needs its destinationType")
    void nameWithoutType() {
        TallyActivationSpec s = queueSpec();
        s.setDestinationType(null);
        assertArrayEquals(new String[] {"destinationType"}, badProperties(s));
    }

    @Test
    @DisplayName("acknowledgeMode other than Auto-acknowledge / Dups-ok-acknowledge: names acknowledgeMode")
    void badAcknowledgeMode() {
        TallyActivationSpec s = queueSpec();
        s.setAcknowledgeMode("Client-acknowledge");
        assertArrayEquals(new String[] {"acknowledgeMode"}, badProperties(s));
    }

    @Test
    @DisplayName("a durable subscription without subscriptionName: names subscriptionName")
    void durableWithoutName() {
        TallyActivationSpec s = new TallyActivationSpec();
        s.setDestination("prices");
        s.setDestinationType("jakarta.jms.Topic");
        s.setSubscriptionDurability("Durable");
        assertArrayEquals(new String[] {"subscriptionName"}, badProperties(s));
    }

    @Test
    @DisplayName("a durable subscription on a queue, with a bad durability word elsewhere: names subscriptionDurability")
    void durableOnQueue() {
        TallyActivationSpec s = queueSpec();
        s.setSubscriptionDurability("Durable");
        s.setSubscriptionName("x");
        assertArrayEquals(new String[] {"subscriptionDurability"}, badProperties(s));
        TallyActivationSpec t = queueSpec();
        t.setSubscriptionDurability("Forever");
        assertArrayEquals(new String[] {"subscriptionDurability"}, badProperties(t));
    }

    @Test
    @DisplayName("a selector that does not parse: names messageSelector")
    void badSelector() {
        TallyActivationSpec s = queueSpec();
        s.setMessageSelector("price >");
        assertArrayEquals(new String[] {"messageSelector"}, badProperties(s));
    }

    @Test
    @DisplayName("maxSession 0, retryInterval 0 and a foreign URL: all three named at once")
    void severalBadProperties() {
        TallyActivationSpec s = queueSpec();
        s.setMaxSession(0);
        s.setRetryInterval(0L);
        s.setConnectionURL("amqp://x");
        assertArrayEquals(new String[] {"maxSession", "retryInterval", "connectionURL"}, badProperties(s));
    }
}
