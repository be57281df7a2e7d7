package org.tallymq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * Tally's resource adapter (ra.xml {@code resourceadapter-class}): the settings every outbound pool and every
 * message-driven bean inherits unless they give their own ({@code connectionURL}, {@code userName},
 * {@code password}), and the registry of active message endpoints.
 *
 * <p>equals and hashCode compare the configuration properties, as Connectors 2.1 section 5.3.1 requires of a
 * ResourceAdapter JavaBean (the server tells adapters apart by them).
 *
 * <p>Thread-safe: the server may activate and deactivate endpoints from several threads.
 */
public class TallyResourceAdapter implements ResourceAdapter {

    static final String DEFAULT_URL = "tcp://127.0.0.1:61716";
    private static final Logger LOG = Logger.getLogger(TallyResourceAdapter.class.getName());

    private String connectionURL = DEFAULT_URL;
    private String userName;
    private String password;

    private final Map<ActivationKey, EndpointActivation> activations = new ConcurrentHashMap<>();
    private volatile WorkManager workManager;
    private final Recovery recovery = new Recovery();

    public String getConnectionURL() {
        return connectionURL;
    }

    /** The broker: {@code tcp://HOST:PORT[?options]} (default {@value #DEFAULT_URL}) or {@code vm://NAME[?options]}. */
    public void setConnectionURL(String connectionURL) {
        this.connectionURL = connectionURL;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public void start(BootstrapContext ctx) throws ResourceAdapterInternalException {
        if (connectionURL == null || (!connectionURL.startsWith("tcp://") && !connectionURL.startsWith("vm://"))) {
            throw new ResourceAdapterInternalException("the Tally resource adapter's ConnectionURL '" + connectionURL
                    + "' is not a Tally URL: expected tcp://HOST:PORT or vm://NAME");
        }
        this.workManager = ctx.getWorkManager();
        LOG.info("Tally resource adapter started; broker " + connectionURL.replaceAll("(password|users)=[^&]*", "$1=***"));
    }

    @Override
    public void stop() {
        for (EndpointActivation a : new ArrayList<>(activations.values())) {
            a.stop();
        }
        activations.clear();
        recovery.close();
        LOG.info("Tally resource adapter stopped");
    }

    /**
     * Starts delivering to a message-driven bean. Connecting happens in the background (a Work of the server's
     * WorkManager) and is retried every {@code retryInterval} while the broker or the endpoint is unavailable, so
     * the deployment does not wait for the broker.
     */
    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof TallyActivationSpec tally)) {
            throw new NotSupportedException("not a Tally activation spec: " + spec);
        }
        tally.validate();
        EndpointActivation activation = new EndpointActivation(this, factory, tally);
        activations.put(new ActivationKey(factory, spec), activation);
        activation.start(workManager);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        EndpointActivation a = activations.remove(new ActivationKey(factory, spec));
        if (a != null) {
            a.stop();
        }
    }

    /**
     * The XA resources the server's recovery asks for in-doubt branches of message-driven beans (Connectors 2.1
     * section 13.4.4): one per broker and user among the specs. Outbound branches are recovered through the managed
     * connections the server makes for recovery (ironjacamar.xml {@code <recovery>}).
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        return recovery.xaResources(this, specs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TallyResourceAdapter r && getClass() == r.getClass()
                && Objects.equals(connectionURL, r.connectionURL) && Objects.equals(userName, r.userName)
                && Objects.equals(password, r.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionURL, userName, password);
    }

    /** The effective URL of an activation spec: its own, or this adapter's. */
    String urlFor(TallyActivationSpec spec) {
        String url = spec.getConnectionURL();
        return url == null || url.isBlank() ? connectionURL : url;
    }

    String userFor(TallyActivationSpec spec) {
        return spec.getUserName() != null ? spec.getUserName() : userName;
    }

    String passwordFor(TallyActivationSpec spec) {
        return spec.getPassword() != null ? spec.getPassword() : password;
    }

    List<EndpointActivation> activations() {
        return new ArrayList<>(activations.values());
    }

    /** An activation is known by its factory and spec, compared by identity (Connectors 2.1 section 13.4.2). */
    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ActivationKey k && k.factory == factory && k.spec == spec;
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(factory), System.identityHashCode(spec));
        }
    }
}
