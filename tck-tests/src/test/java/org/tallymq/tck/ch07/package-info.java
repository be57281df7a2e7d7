/**
 * Conformance tests for chapter 7 of the Jakarta Messaging 3.1 specification, "Sending messages", classic API.
 *
 * <table>
 * <caption>Where each section is tested</caption>
 * <tr><th>section</th><th>class</th></tr>
 * <tr><td>7.1 Producers (identified and unidentified, closed), 7.2 Synchronous send (every overload, also of
 *     QueueSender and TopicPublisher)</td><td>{@code ProducerTest}</td></tr>
 * <tr><td>7.3 Asynchronous send (7.3.2 exceptions, 7.3.3 order, 7.3.4 close/commit, 7.3.6 headers, 7.3.8 callbacks)</td>
 *     <td>{@code AsyncSendTest}</td></tr>
 * <tr><td>7.4 delivery options and their defaults, 7.7 delivery mode, 7.8 time-to-live, priority range</td>
 *     <td>{@code DeliveryOptionsTest}</td></tr>
 * <tr><td>7.9 Message delivery delay (with 4.1.6 browsers)</td><td>{@code DeliveryDelayTest}</td></tr>
 * </table>
 *
 * <p>The header fields a send sets (3.4, 3.4.11) are tested in {@code ch03.HeaderFieldTest}, including
 * JMSDeliveryTime (3.4.13).
 */
package org.tallymq.tck.ch07;
