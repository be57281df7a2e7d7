/**
 * Conformance tests for chapter 2 of the Jakarta Messaging 3.1 specification, "Architecture": 2.14
 * "Multi-threading" ({@code MultiThreadingTest}: a Connection supports concurrent use).
 *
 * <p>Like every classic-API chapter, the tests extend {@link org.tallymq.tck.ClassicSupport}, reach the provider
 * only through JNDI and the {@code jakarta.jms} API, and name their spec section in their display names.
 */
package org.tallymq.tck.ch02;
