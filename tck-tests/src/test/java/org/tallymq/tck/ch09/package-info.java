/**
 * Conformance tests for chapter 9 of the Jakarta Messaging 3.1 specification, "Other Jakarta Messaging
 * facilities": 9.2 "Method inheritance across messaging domains", Table 9-1 ({@code DomainMethodInheritanceTest}).
 */
package org.tallymq.tck.ch09;
