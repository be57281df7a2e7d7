package org.tallymq.client;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import org.tallymq.protocol.BodyType;

/**
 * A message whose body is one Serializable object, held in serialized form: {@link #setObject}
 * serializes at once (so later changes to the object do not change the message, as the javadoc
 * requires) and {@link #getObject} deserializes a fresh copy each time. A received body goes
 * through the {@link DeserializationPolicy} of the message (see
 * {@link TallyMessage#setDeserializationPolicy}); a body set here by the application does not,
 * since its classes came from the application itself.
 *
 * <h2>A refused class is a MessageFormatException</h2>
 * The javadoc of getObject and getBody names MessageFormatException for "object deserialization
 * fails", and a class outside the allow-list is exactly that from the application's side; the
 * exception's text says it was the allow-list (naming the class and the setting that would allow
 * it), so an operator can tell it from a corrupt body or a missing class. {@link #isBodyAssignableTo}
 * answers false for such a body, as for any body that cannot be deserialized.
 *
 * <p>Threading: not thread-safe; see {@link TallyMessage}.
 */
public class TallyObjectMessage extends TallyMessage implements ObjectMessage {

    /** The serialized object, or null for a null object; never mutated once set. */
    private byte[] serialized;
    /**
     * True when {@link #serialized} was made here by {@link #setObject} from an object the
     * application handed over, false when it arrived from elsewhere. Only bytes from elsewhere
     * can smuggle in a class the application never used, so only they go through the allow-list.
     */
    private boolean serializedHere;

    /** A new message with a null object. */
    public TallyObjectMessage() {
    }

    /**
     * Serializes {@code object} now; a null object clears the body.
     *
     * @throws MessageFormatException                     if the object (or anything it refers to) cannot be serialized
     * @throws jakarta.jms.MessageNotWriteableException on a received message before clearBody()
     */
    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : serialize(object);
        serializedHere = true;
    }

    private static byte[] serialize(Serializable object) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException | RuntimeException e) {
            MessageFormatException mfe = new MessageFormatException("cannot serialize the "
                    + object.getClass().getName() + " given to ObjectMessage.setObject: " + e
                    + " (every object it refers to must be Serializable too)");
            mfe.setLinkedException(e);
            mfe.initCause(e);
            throw mfe;
        }
        return bytes.toByteArray();
    }

    /**
     * A new copy of the object. A received body is deserialized through the
     * {@link DeserializationPolicy} of this message; one set here by {@link #setObject} is not
     * filtered (its classes came from the application itself).
     *
     * @throws MessageFormatException if the object is or contains a class the policy refuses
     * @throws MessageFormatException if the body cannot be deserialized (corrupt, or a class not on the classpath)
     */
    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : deserialize();
    }

    private Serializable deserialize() throws JMSException {
        DeserializationPolicy policy;
        try {
            policy = deserializationPolicy();
        } catch (IllegalArgumentException e) {
            JMSException je = new JMSException("cannot read ObjectMessage " + getJMSMessageID() + ": " + e.getMessage());
            je.initCause(e);
            throw je;
        }
        DeserializationPolicy.Filter filter = policy.newFilter();
        try (ObjectInputStream in = new PolicyObjectInputStream(new ByteArrayInputStream(serialized))) {
            if (!serializedHere) {
                ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
                in.setObjectInputFilter(global == null ? filter : ObjectInputFilter.merge(filter, global));
            }
            Object o = in.readObject();
            if (!(o instanceof Serializable s)) {
                throw new MessageFormatException("ObjectMessage " + getJMSMessageID() + " holds a "
                        + (o == null ? "null" : o.getClass().getName()) + ", which is not Serializable");
            }
            return s;
        } catch (ClassNotFoundException e) {
            throw failure("class " + e.getMessage() + " of the object is not on the classpath of this client", e);
        } catch (IOException | RuntimeException e) {
            if (filter.refused() != null) {
                throw refused(filter.refused(), policy, e);
            }
            throw failure("the serialized object cannot be read: " + e, e);
        }
    }

    private MessageFormatException failure(String why, Exception cause) {
        MessageFormatException e = new MessageFormatException("cannot deserialize the body of ObjectMessage "
                + getJMSMessageID() + ": " + why);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }

    private MessageFormatException refused(String className, DeserializationPolicy policy, Exception cause) {
        int dot = className.lastIndexOf('.');
        String suggestion = dot < 0 ? className : className.substring(0, dot) + ".*";
        MessageFormatException e = new MessageFormatException("ObjectMessage " + getJMSMessageID() + " holds a "
                + className + ", which the deserialization allow-list [" + policy.spec() + "] does not allow."
                + " If its senders are trusted, add " + className + " or " + suggestion + " to the system property "
                + DeserializationPolicy.SYSTEM_PROPERTY + " (comma-separated) or to the connection factory's"
                + " deserialization allow-list");
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }

    /** Resolves classes through the thread's context class loader first (application servers), then as Java does. */
    private static final class PolicyObjectInputStream extends ObjectInputStream {
        PolicyObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            if (tccl != null) {
                try {
                    return Class.forName(desc.getName(), false, tccl);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(desc);
        }
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        serialized = null;
    }

    @Override
    BodyType bodyType() {
        return BodyType.OBJECT;
    }

    @Override
    byte[] encodeBody() {
        return serialized; // never mutated
    }

    @Override
    void receiveBody(byte[] body) {
        serialized = body;
        serializedHere = false;
    }

    @Override
    boolean hasBody() {
        return serialized != null;
    }

    /** @throws MessageFormatException if the policy refuses a class; see the class comment */
    @Override
    <T> T bodyAs(Class<T> c) throws JMSException {
        Serializable o = deserialize();
        if (c != null && c.isInstance(o)) {
            return c.cast(o);
        }
        throw new MessageFormatException("the body of this ObjectMessage is a " + o.getClass().getName()
                + " and cannot be returned as " + (c == null ? "null" : c.getName())
                + "; ask for Serializable.class or a supertype of the object's class (Message.getBody)");
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        if (c == null) {
            return false;
        }
        try {
            return c.isInstance(deserialize());
        } catch (JMSException e) {
            return false; // the javadoc: false when deserialization fails
        }
    }

    @Override
    String kind() {
        return "ObjectMessage";
    }

    @Override
    String bodySummary() {
        return serialized == null ? ", no object" : ", object of " + serialized.length + " serialized bytes";
    }
}
