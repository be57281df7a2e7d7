package org.tallymq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import org.tallymq.client.ConnectionOptions;
import org.tallymq.client.TallyConnection;
import org.tallymq.client.TallyXAConnection;
import org.tallymq.client.TallyXAJMSContext;

/**
 * The connection factory for work coordinated by a transaction manager (JTA): its connections make
 * {@link jakarta.jms.XASession}s and its contexts are {@link XAJMSContext}s, each with an
 * {@link javax.transaction.xa.XAResource}. Same URLs and options as {@link TallyConnectionFactory}, which
 * it also is (its plain {@code createConnection} gives ordinary connections).
 *
 * <pre>{@code
 * XAConnectionFactory xacf = new TallyXAConnectionFactory("tcp://broker:61716");
 * XASession s = xacf.createXAConnection().createXASession();
 * transactionManager.getTransaction().enlistResource(s.getXAResource());
 * }</pre>
 *
 * <p>Serializable (it holds only its URL) and thread-safe.
 */
public class TallyXAConnectionFactory extends TallyConnectionFactory implements XAConnectionFactory,
        XAQueueConnectionFactory, XATopicConnectionFactory {

    private static final long serialVersionUID = 1L;

    /** The embedded broker {@code default}, data in {@code ./tally-data}. */
    public TallyXAConnectionFactory() {
    }

    /** @param url as for {@link TallyConnectionFactory#TallyConnectionFactory(String)} */
    public TallyXAConnectionFactory(String url) {
        super(url);
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        ConnectionOptions o = options();
        return openXA(o, o.option("user"), o.option("password"));
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return openXA(options(), userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return (XAQueueConnection) ((TallyXAConnection) createXAConnection()).restrictTo(TallyConnection.Domain.QUEUE);
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return (XAQueueConnection) ((TallyXAConnection) createXAConnection(userName, password))
                .restrictTo(TallyConnection.Domain.QUEUE);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return (XATopicConnection) ((TallyXAConnection) createXAConnection()).restrictTo(TallyConnection.Domain.TOPIC);
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return (XATopicConnection) ((TallyXAConnection) createXAConnection(userName, password))
                .restrictTo(TallyConnection.Domain.TOPIC);
    }

    /** An XA context with the URL's credentials, if any. */
    @Override
    public XAJMSContext createXAContext() {
        return TallyXAJMSContext.openXA(() -> {
            ConnectionOptions o = options();
            return openXA(o, o.option("user"), o.option("password"));
        });
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return TallyXAJMSContext.openXA(() -> openXA(options(), userName, password));
    }

    private TallyXAConnection openXA(ConnectionOptions o, String user, String password) throws JMSException {
        return TallyConnection.openXA(o, connector(o), user, password);
    }

    @Override
    public String toString() {
        return "TallyXAConnectionFactory[" + getUrl().replaceAll("(password|users)=[^&]*", "$1=***") + "]";
    }
}
