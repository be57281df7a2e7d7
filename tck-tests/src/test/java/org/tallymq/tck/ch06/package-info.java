/**
 * Conformance tests for chapter 6 of the Jakarta Messaging 3.1 specification, "Connecting to a Jakarta
 * Messaging provider": connections (6.1) and sessions (6.2) of the classic API.
 *
 * <table>
 * <caption>Where each section is tested</caption>
 * <tr><th>section</th><th>class</th></tr>
 * <tr><td>6.1.2 Client identifier</td><td>{@code ClientIdentifierTest}</td></tr>
 * <tr><td>6.1.4 Starting a connection, 6.1.5 Pausing delivery</td><td>{@code ConnectionStartStopTest}</td></tr>
 * <tr><td>6.1.6 ConnectionMetaData (with 3.5.9 JMSX names)</td><td>{@code ConnectionMetaDataTest}</td></tr>
 * <tr><td>6.1.7 ExceptionListener</td><td>{@code ExceptionListenerTest}</td></tr>
 * <tr><td>6.1.8 Closing a connection</td><td>{@code ConnectionCloseTest}</td></tr>
 * <tr><td>6.2 Sessions: the createSession variants, modes, illegal modes</td><td>{@code SessionCreationTest}</td></tr>
 * <tr><td>6.2.7 Transactions</td><td>{@code TransactionTest}</td></tr>
 * <tr><td>6.2.9 Message order (with 3.4.10 priority)</td><td>{@code MessageOrderTest}</td></tr>
 * <tr><td>6.2.10 Message acknowledgment, 6.2.11 Duplicate delivery</td><td>{@code AcknowledgementTest}</td></tr>
 * <tr><td>6.2.13 Serial execution of client code, 6.2.14 Concurrent message delivery</td>
 *     <td>{@code SerialExecutionTest}</td></tr>
 * <tr><td>6.2.15 Closing a session</td><td>{@code SessionCloseTest}</td></tr>
 * </table>
 *
 * <p>6.2.2 (temporary destinations) is tested in {@code ch04.TemporaryDestinationTest}. Tests tagged
 * {@code should} check what the specification only recommends (see {@link org.tallymq.tck.ClassicSupport}).
 */
package org.tallymq.tck.ch06;
