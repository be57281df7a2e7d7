package org.tallymq.samples.exactlyonce;

import jakarta.jms.XAConnectionFactory;
import org.tallymq.jms.TallyXAConnectionFactory;

/** Where the sample gets Tally's XAConnectionFactory. */
final class TallyXa {

    private TallyXa() {
    }

    static XAConnectionFactory factory(String url) {
        return new TallyXAConnectionFactory(url);
    }
}
