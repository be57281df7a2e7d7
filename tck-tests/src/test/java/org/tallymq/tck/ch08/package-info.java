/**
 * Conformance tests for chapter 8 of the Jakarta Messaging 3.1 specification, "Receiving messages", classic API.
 *
 * <table>
 * <caption>Where each section is tested</caption>
 * <tr><th>section</th><th>class</th></tr>
 * <tr><td>8.1 Consumers, 8.2 consumers on a queue, 6.2.3 createQueue/createTopic</td>
 *     <td>{@code ConsumerCreationTest}</td></tr>
 * <tr><td>8.1/10.3 InvalidDestinationException for destinations no provider understands</td>
 *     <td>{@code ForeignDestinationTest}</td></tr>
 * <tr><td>8.3.2 shared non-durable, 8.3.3 unshared durable, 8.3.4 shared durable subscriptions</td>
 *     <td>{@code TopicSubscriptionKindsTest}</td></tr>
 * <tr><td>8.5 Receiving messages synchronously</td><td>{@code SynchronousReceiveTest}</td></tr>
 * <tr><td>8.7 Receiving messages asynchronously (RuntimeException from a listener in every mode)</td>
 *     <td>{@code AsynchronousReceiveTest}</td></tr>
 * <tr><td>8.8 Closing a consumer</td><td>{@code ConsumerCloseTest}</td></tr>
 * </table>
 *
 * <p>8.3.1 (unshared non-durable subscriptions, noLocal) is tested in {@code ch04.TopicSubscriptionTest}; 8.6
 * (receiveBody) belongs to the simplified API.
 */
package org.tallymq.tck.ch08;
