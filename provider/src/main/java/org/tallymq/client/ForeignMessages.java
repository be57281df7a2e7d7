package org.tallymq.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.util.Enumeration;

/**
 * Copies messages of other providers into Tally messages (spec 3.12: "a provider must be
 * prepared to accept, from a client, a message whose implementation is not one of its own").
 * See {@link TallyMessage#copyOf(Message)}.
 *
 * <p>Threading: stateless; the foreign message is used by the calling thread only.
 */
final class ForeignMessages {

    private ForeignMessages() {
    }

    static TallyMessage copy(Message foreign) throws JMSException {
        if (foreign == null) {
            throw new MessageFormatException("cannot send a null message");
        }
        TallyMessage copy = copyBody(foreign);
        copy.setJMSMessageID(foreign.getJMSMessageID());
        copy.setJMSTimestamp(foreign.getJMSTimestamp());
        copy.setJMSCorrelationID(foreign.getJMSCorrelationID());
        copy.setJMSDestination(foreign.getJMSDestination());
        copy.setJMSReplyTo(foreign.getJMSReplyTo());
        copy.setJMSDeliveryMode(foreign.getJMSDeliveryMode());
        copy.setJMSPriority(foreign.getJMSPriority());
        copy.setJMSExpiration(foreign.getJMSExpiration());
        copy.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
        copy.setJMSType(foreign.getJMSType());
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = String.valueOf(names.nextElement());
            if (name.startsWith("JMSX") && !name.equals(MessageProperties.JMSX_GROUP_ID)
                    && !name.equals(MessageProperties.JMSX_GROUP_SEQ)) {
                continue; // set by the provider, not by a client
            }
            try {
                copy.properties.set(name, foreign.getObjectProperty(name));
            } catch (IllegalArgumentException e) {
                throw new MessageFormatException("cannot send this " + foreign.getClass().getName()
                        + " (a message of another provider): " + e.getMessage());
            }
        }
        return copy;
    }

    private static TallyMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage t) {
            return new TallyTextMessage(t.getText());
        }
        if (foreign instanceof BytesMessage b) {
            TallyBytesMessage copy = new TallyBytesMessage();
            b.reset();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n = b.readBytes(chunk); n > 0; n = b.readBytes(chunk)) {
                all.write(chunk, 0, n);
            }
            b.reset();
            copy.writeBytes(all.toByteArray());
            return copy;
        }
        if (foreign instanceof MapMessage m) {
            TallyMapMessage copy = new TallyMapMessage();
            Enumeration<?> names = m.getMapNames();
            while (names.hasMoreElements()) {
                String name = String.valueOf(names.nextElement());
                copy.setObject(name, m.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage s) {
            TallyStreamMessage copy = new TallyStreamMessage();
            s.reset();
            while (true) {
                Object v;
                try {
                    v = s.readObject();
                } catch (MessageEOFException end) {
                    break;
                }
                copy.writeObject(v);
            }
            s.reset();
            return copy;
        }
        if (foreign instanceof ObjectMessage o) {
            TallyObjectMessage copy = new TallyObjectMessage();
            copy.setObject(o.getObject());
            return copy;
        }
        return new TallyMessage();
    }
}
