/**
 * Jakarta Messaging message selectors (Jakarta Messaging 3.1, section 3.8.1): parse a selector
 * once with {@link org.tallymq.selector.Selector#parse}, then call
 * {@link org.tallymq.selector.Selector#matches} per message with a
 * {@link org.tallymq.selector.SelectorContext} that exposes the message's headers and properties.
 *
 * <p>This package depends on nothing else in Tally (only {@code jakarta.jms} for
 * {@code InvalidSelectorException}).
 *
 * <h2>How it works</h2>
 * {@code Lexer} (with {@code NumberLiterals}) turns the text into tokens; {@code Parser}, a
 * hand-written recursive-descent parser, builds a tree of immutable {@code Expression} records and
 * rejects type errors that hold for every message; evaluation walks the tree with SQL three-valued
 * logic ({@code Logic}), Java numeric promotion ({@code Numbers}) and a regex-free LIKE matcher
 * ({@code LikePattern}). Evaluation allocates nothing except boxed arithmetic results.
 *
 * <h2>Where the specification leaves a choice, Tally does this</h2>
 * <table>
 *   <caption>Decisions</caption>
 *   <tr><th>Case</th><th>Behaviour</th><th>Why</th></tr>
 *   <tr><td>{@code JMSDestination}, {@code JMSReplyTo}, {@code JMSExpiration}, {@code JMSRedelivered},
 *       {@code JMSDeliveryTime}, any other {@code JMS...} name that is not one of the six selectable
 *       headers and does not start with {@code JMSX} or {@code JMS_}</td>
 *       <td>InvalidSelectorException when parsed</td>
 *       <td>3.8.1.1: "Message header field references are restricted to JMSDeliveryMode, JMSPriority,
 *       JMSMessageID, JMSTimestamp, JMSCorrelationID, and JMSType"; such a name is no property either,
 *       so it could only ever be NULL</td></tr>
 *   <tr><td>{@code JMSX...} (e.g. {@code JMSXDeliveryCount}) and {@code JMS_...}</td>
 *       <td>property references; NULL when absent</td><td>3.8.1.1 and 3.5.9</td></tr>
 *   <tr><td>Integer overflow ({@code Long.MAX_VALUE + 1})</td><td>UNKNOWN</td>
 *       <td>a wrapped number would select the wrong messages; integer arithmetic is done in long, so
 *       int-range overflow never happens</td></tr>
 *   <tr><td>Division by zero (any numeric type)</td><td>UNKNOWN</td><td>SQL-92 "division by zero"</td></tr>
 *   <tr><td>Arithmetic on a non-number, or on NULL</td><td>UNKNOWN</td><td>3.8.1.2</td></tr>
 *   <tr><td>Comparing different types at run time ({@code strProp = 1}), or {@code < > <= >=} on two
 *       strings or booleans</td><td>FALSE</td><td>3.8.1.1: "the value of the operation is false"</td></tr>
 *   <tr><td>IN / NOT IN / LIKE / NOT LIKE on a value that is not a String</td><td>UNKNOWN</td>
 *       <td>defined only for String values; the TCK expects {@code intProp NOT IN (...)} not to match</td></tr>
 *   <tr><td>BETWEEN / NOT BETWEEN on a non-number</td><td>FALSE for both</td>
 *       <td>the spec's equivalences: {@code a >= x AND a <= y}, {@code a < x OR a > y}</td></tr>
 *   <tr><td>Type errors visible in the text ({@code TRUE = 0}, {@code myProp > 'foo'},
 *       {@code JMSPriority LIKE 'a'}, {@code 'x' + 1}, a selector that is not a condition)</td>
 *       <td>InvalidSelectorException when parsed</td><td>3.8.1.1 allows semantic checks; the TCK requires
 *       several of them</td></tr>
 *   <tr><td>ESCAPE character followed by anything but {@code _}, {@code %} or itself</td>
 *       <td>InvalidSelectorException</td><td>SQL-92 "invalid escape sequence"</td></tr>
 *   <tr><td>Numeric literals</td><td>Java syntax: octal, hex, binary, underscores, L/F/D suffixes, hex
 *       floats; {@code 0xFFFFFFFF} is the int -1 as in Java</td>
 *       <td>3.8.1.1 "use the Java integer/floating-point literal syntax"</td></tr>
 *   <tr><td>Parentheses, NOT and unary signs nested more than 200 deep</td>
 *       <td>InvalidSelectorException</td><td>no stack overflow on hostile input</td></tr>
 * </table>
 */
package org.tallymq.selector;
