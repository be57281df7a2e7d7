package org.tallymq.samples.exactlyonce;

import jakarta.jms.XAConnectionFactory;

/** Where the sample gets Tally's XAConnectionFactory. */
final class TallyXa {

    private TallyXa() {
    }

    static XAConnectionFactory factory(String url) {
        try {
            return (XAConnectionFactory) Class.forName("org.tallymq.jms.TallyXAConnectionFactory").getConstructor(String.class)
                    .newInstance(url);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TallyXAConnectionFactory is not available", e);
        }
    }
}
