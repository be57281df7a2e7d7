package org.tallymq.client;

import org.tallymq.jms.TallyConnectionFactory;

/** {@link EndToEndTestBase} over the in-VM channel. */
class InVmEndToEndTest extends EndToEndTestBase {

    @Override
    TallyConnectionFactory factory() {
        return new TallyConnectionFactory("vm://e2e?dataDir=target/e2e-data");
    }
}
