/**
 * Conformance tests for chapter 4 of the Jakarta Messaging 3.1 specification, "Messaging domains".
 *
 * <table>
 * <caption>Where each section is tested</caption>
 * <tr><th>section</th><th>class</th></tr>
 * <tr><td>4.1.5 TemporaryQueue, 4.2.7 Temporary topics (with 6.2.2)</td><td>{@code TemporaryDestinationTest}</td></tr>
 * <tr><td>4.1.6 QueueBrowser</td><td>{@code QueueBrowserTest}</td></tr>
 * <tr><td>4.1.7 QueueRequestor, 4.2.10 TopicRequestor</td><td>{@code RequestorTest}</td></tr>
 * <tr><td>4.2.2 Topic semantics, 8.3.1 unshared non-durable subscriptions and noLocal</td>
 *     <td>{@code TopicSubscriptionTest}</td></tr>
 * </table>
 *
 * <p>Tests tagged {@code beyond-spec} pin down behaviour the specification leaves open (see
 * {@link org.tallymq.tck.ClassicSupport}).
 */
package org.tallymq.tck.ch04;
