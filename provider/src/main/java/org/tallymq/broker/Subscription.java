package org.tallymq.broker;

import org.tallymq.selector.Selector;

/**
 * A topic subscription: a queue that receives a copy of each message published to the topic
 * that passes its selector (and its noLocal rule). Non-durable unshared subscriptions live as long
 * as their one consumer; shared ones while they have consumers; durable ones until unsubscribed.
 */
final class Subscription {

    /** How the subscription is found again: null for a non-durable unshared one. */
    record Key(String clientId, String name, boolean durable) {
    }

    final Key key;
    final TopicNode topic;
    final Selector selector;
    final boolean noLocal;
    final boolean shared;
    /** For noLocal: the connection whose messages are not wanted (null when not noLocal). */
    final String ownerConnectionId;
    final MessageQueue queue;

    Subscription(Broker broker, Key key, TopicNode topic, Selector selector, boolean noLocal, boolean shared,
                 String ownerConnectionId) {
        this.key = key;
        this.topic = topic;
        this.selector = selector;
        this.noLocal = noLocal;
        this.shared = shared;
        this.ownerConnectionId = ownerConnectionId;
        String what = key == null ? "subscription"
                : (key.durable() ? "durable " : "") + (shared ? "shared " : "") + "subscription '" + key.name() + "'";
        this.queue = new MessageQueue(broker, what + " on topic " + topic.name);
    }

    boolean isDurable() {
        return key != null && key.durable();
    }

    void offer(QueuedMessage.Publication p) {
        if (noLocal && ownerConnectionId != null && ownerConnectionId.equals(p.originConnectionId())) {
            return;
        }
        if (!selector.matches(p)) {
            return;
        }
        queue.add(p.data(), p.originConnectionId());
    }
}
