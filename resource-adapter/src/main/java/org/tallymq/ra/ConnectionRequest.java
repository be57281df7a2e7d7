package org.tallymq.ra;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/**
 * What an application asked for when it called the connection factory: which kind of handle (a classic
 * {@code Connection} or a {@code JMSContext}) and with which credentials. A managed connection serves both kinds;
 * the pool hands it to requests with the same credentials (Connectors 2.1 section 6.5.6.3: ConnectionRequestInfo
 * must implement equals and hashCode).
 *
 * <p>Immutable and thread-safe.
 */
final class ConnectionRequest implements ConnectionRequestInfo {

    /** Which handle a managed connection serves: they need different physical objects. */
    enum Kind { CLASSIC, CONTEXT }

    private final Kind kind;
    private final String userName;
    private final String password;

    ConnectionRequest(Kind kind, String userName, String password) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.userName = userName;
        this.password = password;
    }

    Kind kind() {
        return kind;
    }

    String userName() {
        return userName;
    }

    String password() {
        return password;
    }

    /** True when a managed connection made for {@code other} can serve this request: the same credentials. */
    boolean sameCredentials(ConnectionRequest other) {
        return Objects.equals(userName, other.userName) && Objects.equals(password, other.password);
    }

    /** This request with other credentials (the server's container-managed sign-on). */
    ConnectionRequest withCredentials(String user, String pass) {
        return new ConnectionRequest(kind, user, pass);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionRequest r && kind == r.kind && Objects.equals(userName, r.userName)
                && Objects.equals(password, r.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, userName, password);
    }

    @Override
    public String toString() {
        return "ConnectionRequest[" + kind + ", user=" + userName + "]";
    }
}
