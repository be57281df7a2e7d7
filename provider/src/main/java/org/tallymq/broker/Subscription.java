package org.tallymq.broker;

import org.tallymq.selector.Selector;
import org.tallymq.store.QueueKey;
import org.tallymq.store.StoredSubscription;

/**
 * A topic subscription: a queue that receives a copy of each message published to the topic that
 * passes its selector (and its noLocal rule). Non-durable unshared subscriptions live as long as
 * their one consumer; shared ones while they have consumers; durable ones until unsubscribed, and
 * across restarts (their record in the store is {@link #recordId}).
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
    /** noLocal drops messages of this connection ... */
    final String ownerConnectionId;
    /** ... and of every connection with this client ID (spec 8.3.3); either may be null. */
    final String ownerClientId;
    /** The store's record of a durable subscription; 0 for a non-durable one. */
    final long recordId;
    final MessageQueue queue;

    Subscription(Broker broker, Key key, TopicNode topic, Selector selector, boolean noLocal, boolean shared,
                 String ownerConnectionId, String ownerClientId, long recordId) {
        this.key = key;
        this.topic = topic;
        this.selector = selector;
        this.noLocal = noLocal;
        this.shared = shared;
        this.ownerConnectionId = ownerConnectionId;
        this.ownerClientId = ownerClientId;
        this.recordId = recordId;
        String what = key == null ? "subscription"
                : (key.durable() ? "durable " : "") + (shared ? "shared " : "") + "subscription '" + key.name() + "'";
        this.queue = new MessageQueue(broker, what + " on topic " + topic.name,
                isDurable() ? new QueueKey.Subscription(recordId) : null);
    }

    boolean isDurable() {
        return key != null && key.durable();
    }

    StoredSubscription toStored() {
        return new StoredSubscription(recordId, key.clientId(), key.name(), topic.name, selector.text(), noLocal, shared);
    }

    /** Whether a published message belongs in this subscription. */
    boolean wants(QueuedMessage.Publication p) {
        if (noLocal && p.origin() != null) {
            boolean sameConnection = ownerConnectionId != null && ownerConnectionId.equals(p.origin().connectionId());
            boolean sameClient = ownerClientId != null && ownerClientId.equals(p.origin().clientId());
            if (sameConnection || sameClient) {
                return false;
            }
        }
        return selector.matches(p);
    }
}
