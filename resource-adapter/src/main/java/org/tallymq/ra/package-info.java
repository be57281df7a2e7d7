/**
 * Tally's Jakarta Connectors 2.1 resource adapter: how a Jakarta EE server plugs Tally in.
 *
 * <ul>
 *   <li><b>Outbound</b>: {@link org.tallymq.ra.TallyManagedConnectionFactory} makes
 *       {@link org.tallymq.ra.TallyManagedConnection}s (one physical Tally connection each, pooled by the server);
 *       applications get a {@link org.tallymq.ra.PooledConnectionFactory}, a plain {@code jakarta.jms.ConnectionFactory}
 *       whose connections and contexts are handles that follow Jakarta Messaging 3.1 section 12.2 (restrictions in
 *       the Jakarta EE web and EJB containers; see {@link org.tallymq.ra.Restrictions}).</li>
 *   <li><b>Inbound</b>: {@link org.tallymq.ra.TallyActivationSpec} carries the standard activation properties of
 *       Jakarta Messaging section 13.1 (and Tally's own); {@link org.tallymq.ra.EndpointActivation} delivers to
 *       message-driven beans.</li>
 *   <li><b>Admin objects</b>: {@link org.tallymq.ra.AdminQueue}, {@link org.tallymq.ra.AdminTopic}.</li>
 * </ul>
 */
package org.tallymq.ra;
