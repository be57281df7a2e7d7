/**
 * Tally with a standalone JTA transaction manager (Narayana): crash recovery of Tally's XA branches, and the
 * Narayana settings that make recovery work outside an application server.
 *
 * <ul>
 *   <li>{@link org.tallymq.jta.NarayanaStandalone}: object store directories, a fixed node identifier and the
 *       matching {@code xaRecoveryNodes}, orphan filters, recovery periods;</li>
 *   <li>{@link org.tallymq.jta.TallyRecovery}: one line registers a broker with Narayana's recovery manager,
 *       and {@code named(...)} enlists its XAResources under the same name;</li>
 *   <li>{@link org.tallymq.jta.NamedXAResource} and {@link org.tallymq.jta.NamingRecordPlugin}: the name in
 *       Narayana's log that lets recovery finish a transaction killed after its first commit.</li>
 * </ul>
 *
 * <p>Narayana ({@code org.jboss.narayana.jta:narayana-jta}, with {@code org.jboss.logging:jboss-logging}) is
 * an optional dependency of the provider: the application that uses this package brings it. Nothing else in
 * Tally depends on this package.
 */
package org.tallymq.jta;
