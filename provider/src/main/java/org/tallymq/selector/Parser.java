package org.tallymq.selector;

import jakarta.jms.InvalidSelectorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Recursive-descent parser for the selector grammar of section 3.8.1.1. Precedence, loosest first:
 *
 * <pre>
 * selector       = or EOF
 * or             = and { OR and }
 * and            = not { AND not }
 * not            = NOT not | predicate
 * predicate      = sum [ ( = | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;= ) sum
 *                      | [NOT] BETWEEN sum AND sum
 *                      | [NOT] IN ( string { , string } )        -- left side: an identifier
 *                      | [NOT] LIKE string [ ESCAPE string ]     -- left side: an identifier
 *                      | IS [NOT] NULL ]                         -- left side: an identifier
 * sum            = product { ( + | - ) product }
 * product        = unary { ( * | / ) unary }
 * unary          = ( + | - ) unary | primary
 * primary        = literal | identifier | ( or )
 * </pre>
 *
 * Comparisons do not chain ({@code a = b = c} is an error, as in SQL); a parenthesised condition
 * may be compared with a boolean ({@code (a = 1) = FALSE}).
 *
 * <p>Besides the syntax, the parser rejects what is wrong whatever the message holds (section
 * 3.8.1.1 allows "some semantic checking at the time the selector is presented"): a selector or
 * an AND/OR/NOT operand that is not a condition ({@code 'abc'}, {@code a + 1}); arithmetic or
 * BETWEEN on a string or boolean; {@code < <= > >=} on a string or boolean; {@code =}/{@code <>}
 * between two different known types ({@code TRUE = 0}, {@code JMSPriority = 'high'}); IN or LIKE
 * on a numeric header. An identifier whose type is known only per message (any property) passes
 * and is checked when evaluated.
 *
 * <p>Parentheses, NOT and unary signs may nest {@value #MAX_NESTING} deep, so neither parsing nor
 * evaluating can overflow the stack; AND/OR and arithmetic chains become single n-ary nodes and
 * may be as long as you like.
 *
 * <p>Not thread-safe; one instance parses one text once.
 */
final class Parser {

    static final int MAX_NESTING = 200;

    /** What the parser knows of a parsed sub-expression: the node, its type, where it starts, its name. */
    private record Operand(Expression expr, ValueType type, int start, String what) {
    }

    private final String text;
    private final Lexer lexer;
    private Token token;
    private int nesting;

    private Parser(String text) {
        this.text = text;
        this.lexer = new Lexer(text);
    }

    /** Parses a non-blank selector text. */
    static Expression parse(String text) throws InvalidSelectorException {
        Parser parser = new Parser(text);
        parser.advance();
        return parser.selector();
    }

    private Expression selector() throws InvalidSelectorException {
        Operand result = or();
        if (token.kind() != TokenKind.EOF) {
            String after = token.kind() == TokenKind.RPAREN ? " (there is no '(' for this ')')" : "";
            throw error(token.start(), "expected AND, OR or the end of the selector but found " + describe(token)
                    + after);
        }
        if (!result.type().canBe(ValueType.BOOLEAN)) {
            throw error(result.start(), "the selector must be a condition (a comparison, TRUE, FALSE or an "
                    + "identifier with a boolean value) but is " + result.what());
        }
        return result.expr();
    }

    private Operand or() throws InvalidSelectorException {
        Operand first = and();
        if (token.kind() != TokenKind.OR) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(condition(first, "OR"));
        while (accept(TokenKind.OR)) {
            operands.add(condition(and(), "OR"));
        }
        return new Operand(new Or(operands.toArray(new Expression[0])), ValueType.BOOLEAN, first.start(),
                "an OR condition");
    }

    private Operand and() throws InvalidSelectorException {
        Operand first = not();
        if (token.kind() != TokenKind.AND) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(condition(first, "AND"));
        while (accept(TokenKind.AND)) {
            operands.add(condition(not(), "AND"));
        }
        return new Operand(new And(operands.toArray(new Expression[0])), ValueType.BOOLEAN, first.start(),
                "an AND condition");
    }

    private Operand not() throws InvalidSelectorException {
        if (token.kind() != TokenKind.NOT) {
            return predicate();
        }
        Token not = token;
        advance();
        enter(not);
        Operand operand = not();
        nesting--;
        return new Operand(new Not(condition(operand, "NOT")), ValueType.BOOLEAN, not.start(), "a NOT condition");
    }

    private Operand predicate() throws InvalidSelectorException {
        Operand left = sum();
        TokenKind kind = token.kind();
        ComparisonOperator comparison = ComparisonOperator.of(kind);
        if (comparison != null) {
            advance();
            Operand right = sum();
            checkComparison(comparison, left, right);
            return new Operand(new Comparison(comparison, left.expr(), right.expr()), ValueType.BOOLEAN,
                    left.start(), "a comparison");
        }
        boolean negated = false;
        if (kind == TokenKind.NOT) {
            Token not = token;
            advance();
            kind = token.kind();
            if (kind != TokenKind.BETWEEN && kind != TokenKind.IN && kind != TokenKind.LIKE) {
                throw error(token.start(), "expected BETWEEN, IN or LIKE after the NOT at "
                        + SelectorErrors.position(text, not.start()) + " but found " + describe(token));
            }
            negated = true;
        }
        switch (kind) {
            case BETWEEN:
                return between(left, negated);
            case IN:
                return in(left, negated);
            case LIKE:
                return like(left, negated);
            case IS:
                return isNull(left);
            default:
                return left;
        }
    }

    private Operand between(Operand value, boolean negated) throws InvalidSelectorException {
        String op = negated ? "NOT BETWEEN" : "BETWEEN";
        number(value, op);
        advance();
        Operand low = number(sum(), op);
        expect(TokenKind.AND, "expected AND between the bounds of " + op);
        Operand high = number(sum(), op);
        return new Operand(new Between(value.expr(), low.expr(), high.expr(), negated), ValueType.BOOLEAN,
                value.start(), "a " + op + " condition");
    }

    private Operand in(Operand value, boolean negated) throws InvalidSelectorException {
        String op = negated ? "NOT IN" : "IN";
        Identifier identifier = stringIdentifier(value, op);
        advance();
        expect(TokenKind.LPAREN, "expected '(' and a list of string literals after " + op);
        List<String> values = new ArrayList<>();
        if (token.kind() == TokenKind.RPAREN) {
            throw error(token.start(), "the " + op + " list is empty; it needs at least one string literal, "
                    + "as in color IN ('red', 'blue')");
        }
        while (true) {
            if (token.kind() != TokenKind.STRING) {
                throw error(token.start(), "expected a string literal in the " + op + " list but found "
                        + describe(token) + " (an IN list holds string literals only, section 3.8.1.1)");
            }
            values.add((String) token.value());
            advance();
            if (accept(TokenKind.RPAREN)) {
                break;
            }
            expect(TokenKind.COMMA, "expected ',' or ')' in the " + op + " list");
        }
        return new Operand(new In(identifier, Collections.unmodifiableSet(new LinkedHashSet<>(values)), negated),
                ValueType.BOOLEAN, value.start(), "an " + op + " condition");
    }

    private Operand like(Operand value, boolean negated) throws InvalidSelectorException {
        String op = negated ? "NOT LIKE" : "LIKE";
        Identifier identifier = stringIdentifier(value, op);
        advance();
        Token pattern = token;
        if (pattern.kind() != TokenKind.STRING) {
            throw error(pattern.start(), "expected a string literal pattern after " + op + " but found "
                    + describe(pattern));
        }
        advance();
        int escape = -1;
        if (accept(TokenKind.ESCAPE)) {
            Token escapeToken = token;
            if (escapeToken.kind() != TokenKind.STRING) {
                throw error(escapeToken.start(), "expected a one-character string literal after ESCAPE but found "
                        + describe(escapeToken));
            }
            String escapeText = (String) escapeToken.value();
            int count = escapeText.codePointCount(0, escapeText.length());
            if (count != 1) {
                throw error(escapeToken.start(), "the ESCAPE character must be a single character, but "
                        + describe(escapeToken) + " has " + count);
            }
            escape = escapeText.codePointAt(0);
            advance();
        }
        String patternText = (String) pattern.value();
        try {
            LikePattern compiled = LikePattern.compile(patternText, escape);
            return new Operand(new Like(identifier, compiled, negated), ValueType.BOOLEAN, value.start(),
                    "a " + op + " condition");
        } catch (LikePattern.BadPatternException e) {
            throw error(pattern.start(), "in the " + op + " pattern " + describe(pattern) + " at character "
                    + (e.index + 1) + ", " + e.getMessage());
        }
    }

    private Operand isNull(Operand value) throws InvalidSelectorException {
        Token is = token;
        advance();
        boolean negated = accept(TokenKind.NOT);
        String op = negated ? "IS NOT NULL" : "IS NULL";
        if (!(value.expr() instanceof Identifier identifier)) {
            throw error(value.start(), op + " tests an identifier (identifier " + op + ", section 3.8.1.1) "
                    + "but is applied to " + value.what());
        }
        if (token.kind() != TokenKind.NULL) {
            throw error(token.start(), "expected NULL after the " + (negated ? "IS NOT" : "IS") + " at "
                    + SelectorErrors.position(text, is.start()) + " but found " + describe(token));
        }
        advance();
        return new Operand(new IsNull(identifier, negated), ValueType.BOOLEAN, value.start(), "an " + op
                + " condition");
    }

    private Operand sum() throws InvalidSelectorException {
        Operand first = product();
        if (token.kind() != TokenKind.PLUS && token.kind() != TokenKind.MINUS) {
            return first;
        }
        return chain(first, TokenKind.PLUS, TokenKind.MINUS, false);
    }

    private Operand product() throws InvalidSelectorException {
        Operand first = unary();
        if (token.kind() != TokenKind.STAR && token.kind() != TokenKind.SLASH) {
            return first;
        }
        return chain(first, TokenKind.STAR, TokenKind.SLASH, true);
    }

    private Operand chain(Operand first, TokenKind op1, TokenKind op2, boolean products) throws InvalidSelectorException {
        List<Expression> operands = new ArrayList<>();
        StringBuilder operators = new StringBuilder();
        String firstSymbol = symbol(token.kind());
        operands.add(number(first, "'" + firstSymbol + "'").expr());
        while (token.kind() == op1 || token.kind() == op2) {
            String symbol = symbol(token.kind());
            operators.append(symbol);
            advance();
            Operand next = products ? unary() : product();
            operands.add(number(next, "'" + symbol + "'").expr());
        }
        return new Operand(new Arithmetic(operands.toArray(new Expression[0]), operators.toString().toCharArray()),
                ValueType.NUMBER, first.start(), "an arithmetic expression");
    }

    private Operand unary() throws InvalidSelectorException {
        if (token.kind() != TokenKind.PLUS && token.kind() != TokenKind.MINUS) {
            return primary();
        }
        Token sign = token;
        boolean negate = sign.kind() == TokenKind.MINUS;
        advance();
        if (negate && token.kind() == TokenKind.NUMBER && token.value() == Token.LONG_MIN_MAGNITUDE) {
            advance();
            return new Operand(new Literal(Long.MIN_VALUE), ValueType.NUMBER, sign.start(),
                    "number -" + Token.LONG_MIN_MAGNITUDE);
        }
        enter(sign);
        Operand operand = number(unary(), negate ? "unary '-'" : "unary '+'");
        nesting--;
        if (operand.expr() instanceof Literal literal) {
            Object value = negate ? Numbers.negate(literal.value()) : literal.value();
            if (value != null) {
                return new Operand(new Literal(value), ValueType.NUMBER, sign.start(),
                        "number " + (negate ? "-" : "+") + operand.what().replaceFirst("^number ", ""));
            }
        }
        return new Operand(new Sign(negate, operand.expr()), ValueType.NUMBER, sign.start(), "an arithmetic expression");
    }

    private Operand primary() throws InvalidSelectorException {
        Token t = token;
        switch (t.kind()) {
            case NUMBER:
                if (t.value() == Token.LONG_MIN_MAGNITUDE) {
                    throw error(t.start(), "the integer 9223372036854775808 is out of the range of long; only "
                            + "-9223372036854775808 (with the minus sign directly before it) is allowed");
                }
                advance();
                return new Operand(new Literal(t.value()), ValueType.NUMBER, t.start(), describe(t));
            case STRING:
                advance();
                return new Operand(new Literal(t.value()), ValueType.STRING, t.start(), describe(t));
            case TRUE:
            case FALSE:
                advance();
                return new Operand(new Literal(t.kind() == TokenKind.TRUE), ValueType.BOOLEAN, t.start(),
                        t.kind().name());
            case IDENTIFIER: {
                String name = (String) t.value();
                String rejection = Identifiers.rejection(name);
                if (rejection != null) {
                    throw error(t.start(), rejection);
                }
                advance();
                ValueType type = Identifiers.typeOf(name);
                String what = type == ValueType.ANY ? describe(t) : name + " (" + type.noun() + ")";
                return new Operand(new Identifier(name), type, t.start(), what);
            }
            case LPAREN: {
                enter(t);
                advance();
                Operand inner = or();
                if (token.kind() != TokenKind.RPAREN) {
                    throw error(token.start(), "expected ')' to close the '(' at "
                            + SelectorErrors.position(text, t.start()) + " but found " + describe(token));
                }
                advance();
                nesting--;
                return new Operand(inner.expr(), inner.type(), t.start(), inner.what());
            }
            case NULL:
                throw error(t.start(), "expected a value but found NULL; NULL may only be used in "
                        + "'identifier IS NULL' and 'identifier IS NOT NULL'");
            default:
                String reserved = t.kind().isReservedWord()
                        ? " (reserved words cannot be used as identifiers, section 3.8.1.1)" : "";
                throw error(t.start(), "expected a value but found " + describe(t) + reserved);
        }
    }

    // ---- type checks --------------------------------------------------------------------------

    /** Checks that an AND/OR/NOT operand can be a condition and returns its node. */
    private Expression condition(Operand operand, String op) throws InvalidSelectorException {
        if (!operand.type().canBe(ValueType.BOOLEAN)) {
            throw error(operand.start(), op + " combines conditions but found " + operand.what());
        }
        return operand.expr();
    }

    private Operand number(Operand operand, String op) throws InvalidSelectorException {
        if (!operand.type().canBe(ValueType.NUMBER)) {
            throw error(operand.start(), op + " needs a number but found " + operand.what()
                    + hint(operand) + " (arithmetic and BETWEEN apply to numbers only, section 3.8.1.1)");
        }
        return operand;
    }

    private Identifier stringIdentifier(Operand operand, String op) throws InvalidSelectorException {
        if (!(operand.expr() instanceof Identifier identifier)) {
            throw error(operand.start(), op + " tests an identifier (identifier " + op + " ..., section 3.8.1.1) "
                    + "but is applied to " + operand.what());
        }
        if (!operand.type().canBe(ValueType.STRING)) {
            throw error(operand.start(), op + " needs an identifier with a string value, but "
                    + identifier.name() + " is " + operand.type().noun());
        }
        return identifier;
    }

    private void checkComparison(ComparisonOperator op, Operand left, Operand right) throws InvalidSelectorException {
        if (op.isOrdering()) {
            for (Operand side : List.of(left, right)) {
                if (!side.type().canBe(ValueType.NUMBER)) {
                    throw error(side.start(), "'" + op.symbol() + "' compares numbers only but found " + side.what()
                            + hint(side) + "; strings and booleans can only be compared with = and <> (section 3.8.1.1)");
                }
            }
            return;
        }
        if (left.type() != ValueType.ANY && right.type() != ValueType.ANY && left.type() != right.type()) {
            throw error(right.start(), "cannot compare " + left.what() + " with " + right.what()
                    + hint(left) + hint(right) + ": only like types can be compared (numbers with numbers, "
                    + "strings with strings, booleans with booleans, section 3.8.1.1)");
        }
    }

    private static String hint(Operand operand) {
        return operand.expr() instanceof Identifier identifier && identifier.name().equals("JMSDeliveryMode")
                ? Identifiers.hint(identifier.name()) : "";
    }

    // ---- tokens -------------------------------------------------------------------------------

    private void advance() throws InvalidSelectorException {
        token = lexer.next();
    }

    private boolean accept(TokenKind kind) throws InvalidSelectorException {
        if (token.kind() != kind) {
            return false;
        }
        advance();
        return true;
    }

    private void expect(TokenKind kind, String expectation) throws InvalidSelectorException {
        if (!accept(kind)) {
            throw error(token.start(), expectation + " but found " + describe(token));
        }
    }

    private void enter(Token at) throws InvalidSelectorException {
        if (++nesting > MAX_NESTING) {
            throw error(at.start(), "parentheses, NOT and signs are nested more than " + MAX_NESTING
                    + " deep here; simplify the selector");
        }
    }

    private String describe(Token t) {
        return t.describe(text);
    }

    private static String symbol(TokenKind kind) {
        switch (kind) {
            case PLUS: return "+";
            case MINUS: return "-";
            case STAR: return "*";
            default: return "/";
        }
    }

    private InvalidSelectorException error(int offset, String problem) {
        return SelectorErrors.at(text, offset, problem);
    }
}
