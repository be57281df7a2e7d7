package org.tallymq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import javax.transaction.xa.XAResource;

/**
 * The XA resources handed to the server's transaction recovery ({@code ResourceAdapter.getXAResources}).
 * Thread-safe.
 */
final class Recovery {

    private Recovery() {
    }

    /** None while the provider has no XA support. */
    static XAResource[] xaResources(TallyResourceAdapter ra, ActivationSpec[] specs) throws ResourceException {
        return new XAResource[0];
    }
}
