package org.tallymq.ra;

import jakarta.jms.InvalidSelectorException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.beans.IntrospectionException;
import java.beans.PropertyDescriptor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tallymq.selector.Selector;

/**
 * How a message-driven bean receives from Tally: the activation configuration properties of Jakarta Messaging 3.1
 * section 13.1 ({@code destinationLookup}, {@code destination}, {@code destinationType}, {@code messageSelector},
 * {@code acknowledgeMode}, {@code subscriptionDurability}, {@code subscriptionName}, {@code clientId},
 * {@code connectionFactoryLookup}) and Tally's own: {@code maxSession} (concurrent deliveries to a queue, default
 * 5), {@code retryInterval} (milliseconds between attempts while the broker or the endpoint is unavailable, default
 * 2000), {@code connectionURL}, {@code userName} and {@code password} (default: the resource adapter's).
 *
 * <p>{@link #validate()} names every bad property in its {@link InvalidPropertyException}.
 * Not thread-safe while configured; the server configures it, then activates the endpoint.
 */
public class TallyActivationSpec implements ActivationSpec, ResourceAdapterAssociation, Serializable {

    private static final long serialVersionUID = 1L;

    static final String QUEUE = "jakarta.jms.Queue";
    static final String TOPIC = "jakarta.jms.Topic";
    static final String AUTO_ACKNOWLEDGE = "Auto-acknowledge";
    static final String DUPS_OK_ACKNOWLEDGE = "Dups-ok-acknowledge";
    static final String DURABLE = "Durable";
    static final String NON_DURABLE = "NonDurable";

    private String destinationLookup;
    private String destination;
    private String destinationType;
    private String messageSelector;
    private String acknowledgeMode = AUTO_ACKNOWLEDGE;
    private String subscriptionDurability = NON_DURABLE;
    private String subscriptionName;
    private String clientId;
    private String connectionFactoryLookup;
    private Integer maxSession = 5;
    private Long retryInterval = 2000L;
    private String connectionURL;
    private String userName;
    private String password;
    private transient ResourceAdapter resourceAdapter;

    /**
     * Checks every property and reports all bad ones at once: the exception's message names them, and
     * {@link InvalidPropertyException#getInvalidPropertyDescriptors()} lists them (Connectors 2.1 section 13.4.2.2).
     */
    @Override
    public void validate() throws InvalidPropertyException {
        List<String> bad = new ArrayList<>();
        List<String> why = new ArrayList<>();
        boolean hasLookup = destinationLookup != null && !destinationLookup.isBlank();
        boolean hasName = destination != null && !destination.isBlank();
        if (!hasLookup && !hasName) {
            bad.add("destination");
            why.add("destination or destinationLookup must name the queue or topic to receive from");
        }
        if (destinationType != null && !QUEUE.equals(destinationType) && !TOPIC.equals(destinationType)) {
            bad.add("destinationType");
            why.add("destinationType is '" + destinationType + "'; expected " + QUEUE + " or " + TOPIC);
        }
        if (!hasLookup && hasName && destinationType == null) {
            bad.add("destinationType");
            why.add("destinationType must be " + QUEUE + " or " + TOPIC + " when the destination is given by name");
        }
        if (acknowledgeMode != null && !AUTO_ACKNOWLEDGE.equalsIgnoreCase(acknowledgeMode)
                && !DUPS_OK_ACKNOWLEDGE.equalsIgnoreCase(acknowledgeMode)) {
            bad.add("acknowledgeMode");
            why.add("acknowledgeMode is '" + acknowledgeMode + "'; expected " + AUTO_ACKNOWLEDGE + " or "
                    + DUPS_OK_ACKNOWLEDGE);
        }
        if (subscriptionDurability != null && !DURABLE.equalsIgnoreCase(subscriptionDurability)
                && !NON_DURABLE.equalsIgnoreCase(subscriptionDurability)) {
            bad.add("subscriptionDurability");
            why.add("subscriptionDurability is '" + subscriptionDurability + "'; expected " + DURABLE + " or "
                    + NON_DURABLE);
        }
        if (isDurable()) {
            if (QUEUE.equals(destinationType)) {
                bad.add("subscriptionDurability");
                why.add("subscriptionDurability is Durable but the destination is a queue; durable subscriptions are "
                        + "for topics");
            }
            if (subscriptionName == null || subscriptionName.isBlank()) {
                bad.add("subscriptionName");
                why.add("subscriptionName must be set for a durable subscription");
            }
        }
        if (messageSelector != null && !messageSelector.isBlank()) {
            try {
                Selector.parse(messageSelector);
            } catch (InvalidSelectorException e) {
                bad.add("messageSelector");
                why.add("messageSelector is not a valid selector: " + e.getMessage());
            }
        }
        if (maxSession == null || maxSession < 1) {
            bad.add("maxSession");
            why.add("maxSession is " + maxSession + "; it must be 1 or more");
        }
        if (retryInterval == null || retryInterval < 1) {
            bad.add("retryInterval");
            why.add("retryInterval is " + retryInterval + "; it must be 1 millisecond or more");
        }
        if (connectionURL != null && !connectionURL.isBlank() && !connectionURL.startsWith("tcp://")
                && !connectionURL.startsWith("vm://")) {
            bad.add("connectionURL");
            why.add("connectionURL '" + connectionURL + "' is not a Tally URL: expected tcp://HOST:PORT or vm://NAME");
        }
        if (!bad.isEmpty()) {
            InvalidPropertyException e = new InvalidPropertyException("invalid Tally activation spec: "
                    + String.join("; ", why));
            e.setInvalidPropertyDescriptors(descriptors(bad));
            throw e;
        }
    }

    private PropertyDescriptor[] descriptors(List<String> names) {
        List<PropertyDescriptor> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(new PropertyDescriptor(n, TallyActivationSpec.class));
            } catch (IntrospectionException e) {
                throw new java.lang.IllegalStateException("no JavaBean property " + n, e);
            }
        }
        return out.toArray(new PropertyDescriptor[0]);
    }

    boolean isDurable() {
        return DURABLE.equalsIgnoreCase(subscriptionDurability);
    }

    boolean isDupsOk() {
        return DUPS_OK_ACKNOWLEDGE.equalsIgnoreCase(acknowledgeMode);
    }

    // ---- JavaBean properties ---------------------------------------------------------------------

    public String getDestinationLookup() {
        return destinationLookup;
    }

    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getDestinationType() {
        return destinationType;
    }

    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    public void setConnectionFactoryLookup(String connectionFactoryLookup) {
        this.connectionFactoryLookup = connectionFactoryLookup;
    }

    public Integer getMaxSession() {
        return maxSession;
    }

    public void setMaxSession(Integer maxSession) {
        this.maxSession = maxSession;
    }

    public Long getRetryInterval() {
        return retryInterval;
    }

    public void setRetryInterval(Long retryInterval) {
        this.retryInterval = retryInterval;
    }

    public String getConnectionURL() {
        return connectionURL;
    }

    public void setConnectionURL(String connectionURL) {
        this.connectionURL = connectionURL;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }

    @Override
    public String toString() {
        return "TallyActivationSpec[" + (destinationLookup != null ? "lookup " + destinationLookup
                : (destinationType == null ? "" : destinationType.substring(destinationType.lastIndexOf('.') + 1)
                .toLowerCase(Locale.ROOT) + " ") + destination)
                + (messageSelector == null ? "" : ", selector " + messageSelector)
                + (isDurable() ? ", durable " + subscriptionName : "") + ", maxSession " + maxSession + "]";
    }
}
