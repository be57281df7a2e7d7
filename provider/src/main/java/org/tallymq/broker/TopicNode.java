package org.tallymq.broker;

import java.util.ArrayList;
import java.util.List;
import org.tallymq.protocol.MessageData;

/** A topic: the set of its subscriptions. Event-loop thread only. */
final class TopicNode {

    final String name;
    final List<Subscription> subscriptions = new ArrayList<>();

    TopicNode(String name) {
        this.name = name;
    }

    void publish(MessageData data, String originConnectionId) {
        QueuedMessage.Publication p = new QueuedMessage.Publication(data, originConnectionId);
        for (Subscription s : subscriptions) {
            s.offer(p);
        }
    }
}
