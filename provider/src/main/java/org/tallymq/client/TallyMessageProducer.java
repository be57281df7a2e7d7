package org.tallymq.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.MessageData;

/**
 * A message producer (spec 7): fixed to one destination, or unidentified (destination per send).
 * Sets the headers a send defines, copies the message (so later changes to it change nothing that is
 * delivered), and sends it. Not thread-safe, like its session.
 */
public class TallyMessageProducer implements QueueSender, TopicPublisher {

    private final TallySession session;
    private final Destination destination;
    private final DestinationRef destinationRef;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private volatile boolean closed;

    TallyMessageProducer(TallySession session, Destination destination, DestinationRef ref) {
        this.session = session;
        this.destination = destination;
        this.destinationRef = ref;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw Exceptions.closed("producer");
        }
        session.checkOpen();
    }

    void closeLocally() {
        closed = true;
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        session.asyncSends().checkNotInCallback("close");
        session.asyncSends().awaitAll();
        closed = true;
        session.producerClosed(this);
    }

    // ---- settings ----------------------------------------------------------------------------

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int mode) throws JMSException {
        checkOpen();
        checkDeliveryMode(mode);
        deliveryMode = mode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int value) throws JMSException {
        checkOpen();
        checkPriority(value);
        priority = value;
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long ms) throws JMSException {
        checkOpen();
        timeToLive = ms;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long ms) throws JMSException {
        checkOpen();
        deliveryDelay = ms;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue q ? q : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic t ? t : null;
    }

    static void checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("invalid delivery mode " + mode + "; expected DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1)");
        }
    }

    static void checkPriority(int p) throws JMSException {
        if (p < 0 || p > 9) {
            throw new JMSException("invalid priority " + p + "; expected 0 to 9");
        }
    }

    // ---- send --------------------------------------------------------------------------------

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        checkOpen();
        if (destinationRef == null) {
            throw new UnsupportedOperationException("this producer has no destination; use send(destination, message)");
        }
        doSend(destination, destinationRef, message, mode, prio, ttl, null);
    }

    @Override
    public void send(Destination dest, Message message) throws JMSException {
        send(dest, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination dest, Message message, int mode, int prio, long ttl) throws JMSException {
        checkOpen();
        DestinationRef ref = explicitDestination(dest);
        doSend(dest, ref, message, mode, prio, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl, CompletionListener listener) throws JMSException {
        checkOpen();
        if (destinationRef == null) {
            throw new UnsupportedOperationException("this producer has no destination; use send(destination, message, listener)");
        }
        requireListener(listener);
        doSend(destination, destinationRef, message, mode, prio, ttl, listener);
    }

    @Override
    public void send(Destination dest, Message message, CompletionListener listener) throws JMSException {
        send(dest, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination dest, Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        checkOpen();
        DestinationRef ref = explicitDestination(dest);
        requireListener(listener);
        doSend(dest, ref, message, mode, prio, ttl, listener);
    }

    private static void requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("the CompletionListener must not be null");
        }
    }

    private DestinationRef explicitDestination(Destination dest) throws JMSException {
        if (destinationRef != null) {
            throw new UnsupportedOperationException("this producer was created for " + destination
                    + "; a destination may be given only to a producer created without one");
        }
        if (dest == null) {
            throw new InvalidDestinationException("the destination is null");
        }
        return Destinations.toRef(dest);
    }

    // QueueSender / TopicPublisher

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int prio, long ttl) throws JMSException {
        send((Destination) queue, message, mode, prio, ttl);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int prio, long ttl) throws JMSException {
        send(message, mode, prio, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int prio, long ttl) throws JMSException {
        send(topic, message, mode, prio, ttl);
    }

    private void doSend(Destination dest, DestinationRef ref, Message message, int mode, int prio, long ttl,
                        CompletionListener listener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("the message to send is null");
        }
        checkDeliveryMode(mode);
        checkPriority(prio);
        long now = System.currentTimeMillis();
        message.setJMSDestination(dest);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0);
        message.setJMSTimestamp(disableTimestamp ? 0 : now);
        message.setJMSDeliveryTime(now + Math.max(0, deliveryDelay));
        message.setJMSMessageID(disableMessageId ? null : session.connection.nextMessageId());
        TallyMessage tally = message instanceof TallyMessage t ? t : TallyMessage.copyOf(message);
        AutoDuplicateIds autoIds = session.autoDuplicateIds();
        boolean stamped = autoIds.stamp(tally);
        MessageData data = tally.toMessageData();
        if (!ref.equals(data.destination())) {
            data = data.withDestination(ref);
        }
        boolean transacted = session.getTransacted();
        session.send(this, message, data, stamped && listener != null ? autoIds.onCompletion(tally, transacted, listener) : listener);
        if (stamped && listener == null) {
            autoIds.sent(tally, transacted);
        }
    }
}
