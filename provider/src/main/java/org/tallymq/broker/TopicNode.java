package org.tallymq.broker;

import java.util.ArrayList;
import java.util.List;

/** A topic: the set of its subscriptions. Event-loop thread only. */
final class TopicNode {

    final String name;
    final List<Subscription> subscriptions = new ArrayList<>();

    TopicNode(String name) {
        this.name = name;
    }
}
