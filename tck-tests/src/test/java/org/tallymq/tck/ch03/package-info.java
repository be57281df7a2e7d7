/**
 * Conformance tests for chapter 3 of the Jakarta Messaging 3.1 specification, "Jakarta Messaging
 * message model". Every test names its spec section in its display name. The tests reach the
 * provider only through JNDI ({@link org.tallymq.tck.Tck}) and the {@code jakarta.jms} API, so
 * they run against any provider.
 *
 * <table>
 * <caption>Where each section is tested</caption>
 * <tr><th>section</th><th>class</th></tr>
 * <tr><td>3.4 header fields (3.4.1 - 3.4.13)</td><td>{@code HeaderFieldTest}</td></tr>
 * <tr><td>3.5 properties: names, values, read-only, objects, iteration, clearing, absent, JMSX</td>
 *     <td>{@code PropertyTest}</td></tr>
 * <tr><td>3.5.4 Table 3-2, property conversions, cell by cell</td><td>{@code PropertyConversionTest}</td></tr>
 * <tr><td>3.6 the acknowledge method</td><td>{@code AcknowledgeMethodTest}</td></tr>
 * <tr><td>3.7 getBody / isBodyAssignableTo</td><td>{@code GetBodyTest}</td></tr>
 * <tr><td>3.8 message selectors on a queue</td><td>{@code SelectorTest} (cases in {@code SelectorCase})</td></tr>
 * <tr><td>3.8 selectors with headers known after send, browsers, topics, InvalidSelectorException</td>
 *     <td>{@code SelectorScopeTest}</td></tr>
 * <tr><td>3.9, 3.10, 3.12 access to sent messages, redelivered originals, foreign messages</td>
 *     <td>{@code SentMessageTest} ({@code ForeignTextMessage})</td></tr>
 * <tr><td>3.11 bodies</td><td>{@code BytesMessageTest}, {@code MapMessageTest}, {@code StreamMessageTest},
 *     {@code TextObjectMessageTest}</td></tr>
 * <tr><td>3.11.3 Table 3-7, MapMessage / StreamMessage conversions, cell by cell</td>
 *     <td>{@code BodyConversionTest}</td></tr>
 * </table>
 *
 * <p>{@code QueueLink} is the shared fixture: a fresh queue with producer and consumer, and
 * {@code roundTrip} to send one message through it and return what the consumer received.
 */
package org.tallymq.tck.ch03;
