package org.tallymq.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.MessageData;

/**
 * A queue browser (spec 8.? "QueueBrowser"): each enumeration is a snapshot of the queue's messages
 * (waiting and in flight) at the moment it is asked for, filtered by the selector.
 */
public class TallyQueueBrowser implements QueueBrowser {

    private final TallySession session;
    private final Queue queue;
    private final DestinationRef ref;
    private final String selector;
    private volatile boolean closed;

    TallyQueueBrowser(TallySession session, Queue queue, DestinationRef ref, String selector) {
        this.session = session;
        this.queue = queue;
        this.ref = ref;
        this.selector = selector;
    }

    /** Asks the broker once, so that an invalid selector fails at creation as the spec requires. */
    void validate() throws JMSException {
        snapshot();
    }

    private List<MessageData> snapshot() throws JMSException {
        Command.Reply.Browsed r = (Command.Reply.Browsed) session.connection.channel.call(new Command.Browse(ref, selector));
        return r.messages();
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw Exceptions.closed("browser");
        }
        session.checkOpen();
    }

    void closeLocally() {
        closed = true;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        Iterator<MessageData> it = snapshot().iterator();
        DeserializationPolicy policy = session.connection.deserializationPolicy();
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public Message nextElement() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException("the browser's enumeration has no more messages");
                }
                return TallyMessage.fromMessageData(it.next(), 1, policy);
            }
        };
    }

    @Override
    public void close() throws JMSException {
        closed = true;
        session.browserClosed(this);
    }
}
