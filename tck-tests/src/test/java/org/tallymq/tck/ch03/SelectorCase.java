package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tallymq.tck.Tck;

/**
 * One end-to-end selector check: messages ("samples") go to a fresh queue on which only a consumer
 * with {@link #selector} exists; it must receive exactly the samples named in {@link #selected},
 * and the others must still be on the queue for a consumer without selector (spec 4.1.2: "Messages
 * which are not selected remain on the queue").
 */
record SelectorCase(String selector, List<Sample> samples, Set<String> selected) {

    /** The property each sample carries so the test can tell which messages arrived. */
    static final String LABEL = "tckLabel";

    /** How one message is made: its label, what the application sets on it, and the send arguments. */
    record Sample(String label, Setup setup, int deliveryMode, int priority) {

        /** A PERSISTENT, priority 4 message with these properties, set with setObjectProperty. */
        static Sample props(String label, Object... namesAndValues) {
            return new Sample(label, message -> {
                for (int i = 0; i < namesAndValues.length; i += 2) {
                    message.setObjectProperty((String) namesAndValues[i], namesAndValues[i + 1]);
                }
            }, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY);
        }

        static Sample with(String label, Setup setup) {
            return new Sample(label, setup, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY);
        }

        Sample sentWith(int deliveryMode, int priority) {
            return new Sample(label, setup, deliveryMode, priority);
        }
    }

    @FunctionalInterface
    interface Setup {
        void apply(Message message) throws JMSException;
    }

    static SelectorCase of(String selector, Set<String> selected, Sample... samples) {
        return new SelectorCase(selector, Arrays.asList(samples), selected);
    }

    @Override
    public String toString() {
        return "\"" + selector + "\" selects " + new TreeSet<>(selected) + " of " + samples.stream().map(Sample::label).toList();
    }

    /** Sends every sample and checks what the selecting consumer and then a plain consumer receive. */
    void run() throws JMSException {
        try (QueueLink link = QueueLink.withoutConsumer()) {
            MessageConsumer selecting = link.session.createConsumer(link.queue, selector);
            for (Sample sample : samples) {
                Message message = link.session.createMessage();
                message.setStringProperty(LABEL, sample.label());
                sample.setup().apply(message);
                link.producer.send(message, sample.deliveryMode(), sample.priority(), Message.DEFAULT_TIME_TO_LIVE);
            }
            assertEquals(new TreeSet<>(selected), receiveLabels(selecting, selected.size(), true),
                    () -> "messages received by a consumer with selector \"" + selector + "\"");
            selecting.close();

            Set<String> rest = new TreeSet<>();
            samples.forEach(sample -> rest.add(sample.label()));
            rest.removeAll(selected);
            MessageConsumer everything = link.session.createConsumer(link.queue);
            assertEquals(rest, receiveLabels(everything, rest.size(), false),
                    () -> "messages left on the queue by the consumer with selector \"" + selector + "\"");
        }
    }

    /** Receives {@code count} messages (each must arrive), then, if asked, shows no further one comes. */
    static Set<String> receiveLabels(MessageConsumer consumer, int count, boolean checkNoMore) throws JMSException {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
            assertNotNull(message, "only " + labels + " arrived, expected " + count + " messages");
            labels.add(message.getStringProperty(LABEL));
        }
        if (checkNoMore) {
            Message extra = consumer.receive(Tck.NO_MESSAGE_MS);
            assertNull(extra, () -> "received " + labels + " and then unexpectedly " + label(extra));
        }
        return new TreeSet<>(labels);
    }

    private static String label(Message message) {
        try {
            return message.getStringProperty(LABEL);
        } catch (JMSException e) {
            return String.valueOf(message);
        }
    }
}
