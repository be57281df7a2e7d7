package org.tallymq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * Makes the managed connections of one outbound pool (ra.xml {@code connection-definition}). Its JavaBean properties
 * override the resource adapter's: {@code connectionURL} (a {@code tcp://} or {@code vm://} URL as
 * {@code TallyConnectionFactory} takes), {@code userName}, {@code password}.
 *
 * <p>equals and hashCode cover every property, as Connectors 2.1 section 6.5.3.2 requires (the server keeps one
 * pool per distinct factory). Thread-safe once configured; the server configures it before use.
 */
public class TallyManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
        ValidatingManagedConnectionFactory {

    private static final long serialVersionUID = 1L;

    private String connectionURL;
    private String userName;
    private String password;
    private transient TallyResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile TallyConnectionFactory physicalFactory;

    public String getConnectionURL() {
        return connectionURL;
    }

    /** The broker, e.g. {@code tcp://127.0.0.1:61716}; when unset, the resource adapter's ConnectionURL. */
    public void setConnectionURL(String connectionURL) {
        this.connectionURL = connectionURL;
        this.physicalFactory = null;
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

    String effectiveConnectionURL() {
        if (connectionURL != null && !connectionURL.isBlank()) {
            return connectionURL;
        }
        return resourceAdapter == null ? TallyResourceAdapter.DEFAULT_URL : resourceAdapter.getConnectionURL();
    }

    String effectiveUserName() {
        if (userName != null) {
            return userName;
        }
        return resourceAdapter == null ? null : resourceAdapter.getUserName();
    }

    String effectivePassword() {
        if (password != null) {
            return password;
        }
        return resourceAdapter == null ? null : resourceAdapter.getPassword();
    }

    /** The Tally factory that makes the physical connections. */
    TallyConnectionFactory physicalFactory() {
        TallyConnectionFactory f = physicalFactory;
        if (f == null) {
            f = Transactions.factory(effectiveConnectionURL());
            physicalFactory = f;
        }
        return f;
    }

    // ---- ManagedConnectionFactory ----------------------------------------------------------------

    /** The factory applications look up or inject, with the server's pool behind it. */
    @Override
    public Object createConnectionFactory(ConnectionManager cm) throws ResourceException {
        return new PooledConnectionFactory(this, cm);
    }

    /** Outside a server (no pool): connections are made and closed one by one. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return new PooledConnectionFactory(this, new UnpooledConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        return new TallyManagedConnection(this, effectiveRequest(subject, info));
    }

    /** The first candidate made for the same credentials (a managed connection serves both kinds of handle). */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        ConnectionRequest wanted = effectiveRequest(subject, info);
        for (Object o : connections) {
            if (o instanceof TallyManagedConnection mc && mc.request().sameCredentials(wanted)) {
                return mc;
            }
        }
        return null;
    }

    /**
     * The candidates whose broker connection has failed (their exception listener heard it), so the server does not
     * hand them out (it calls this when it validates on match).
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set connections) {
        Set invalid = new HashSet<>();
        for (Object o : connections) {
            if (o instanceof TallyManagedConnection mc && mc.isBroken()) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    /**
     * The request with its credentials settled: a password credential for this factory in the server's subject
     * (container-managed sign-on) first, then those the application gave, then this factory's.
     */
    ConnectionRequest effectiveRequest(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        ConnectionRequest r;
        if (info == null) {
            r = new ConnectionRequest(ConnectionRequest.Kind.CLASSIC, effectiveUserName(), effectivePassword());
        } else if (info instanceof ConnectionRequest cr) {
            r = cr.userName() == null ? cr.withCredentials(effectiveUserName(), effectivePassword()) : cr;
        } else {
            throw new ResourceException("not a connection request of the Tally resource adapter: " + info);
        }
        if (subject != null) {
            for (PasswordCredential pc : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (this.equals(pc.getManagedConnectionFactory())) {
                    return r.withCredentials(pc.getUserName(), new String(pc.getPassword()));
                }
            }
        }
        return r;
    }

    /** Checks the ConnectionURL's form (the server calls this after configuring the factory). */
    void validate() throws InvalidPropertyException {
        String url = effectiveConnectionURL();
        if (!url.startsWith("tcp://") && !url.startsWith("vm://")) {
            InvalidPropertyException e = new InvalidPropertyException("ConnectionURL '" + url + "' is not a Tally URL: "
                    + "expected tcp://HOST:PORT[?options] or vm://NAME[?options]");
            throw e;
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof TallyResourceAdapter t)) {
            throw new ResourceException("the Tally managed connection factory works only with the Tally resource "
                    + "adapter, not " + ra);
        }
        this.resourceAdapter = t;
        validate();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof TallyManagedConnectionFactory f && getClass() == f.getClass()
                && Objects.equals(connectionURL, f.connectionURL) && Objects.equals(userName, f.userName)
                && Objects.equals(password, f.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionURL, userName, password);
    }

    @Override
    public String toString() {
        return "TallyManagedConnectionFactory[" + effectiveConnectionURL().replaceAll("(password|users)=[^&]*", "$1=***")
                + (userName == null ? "" : ", user=" + userName) + "]";
    }
}
