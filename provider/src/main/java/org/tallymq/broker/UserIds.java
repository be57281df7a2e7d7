package org.tallymq.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tallymq.protocol.MessageData;

/** Sets JMSXUserID (spec 3.5.9: "identity of the user sending the message", set by the provider on send). */
final class UserIds {

    static final String JMSX_USER_ID = "JMSXUserID";

    private UserIds() {
    }

    /**
     * A copy of {@code m} whose JMSXUserID is {@code user}, whatever the client put there; with no
     * authenticated user (a broker without users) the property is removed, so it can never be forged.
     */
    static MessageData stamp(MessageData m, String user) {
        Object current = m.properties().get(JMSX_USER_ID);
        if (user == null ? current == null : user.equals(current)) {
            return m;
        }
        Map<String, Object> props = new LinkedHashMap<>(m.properties());
        if (user == null) {
            props.remove(JMSX_USER_ID);
        } else {
            props.put(JMSX_USER_ID, user);
        }
        return new MessageData(m.bodyType(), m.messageId(), m.timestamp(), m.correlationId(), m.correlationIdBytes(),
                m.destination(), m.replyTo(), m.deliveryMode(), m.priority(), m.expiration(), m.deliveryTime(), m.type(),
                props, m.body());
    }
}
