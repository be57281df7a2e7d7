package org.tallymq.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * Splits a selector text into {@link Token}s (Jakarta Messaging 3.1, section 3.8.1.1).
 *
 * <ul>
 *   <li>Whitespace is Java's: space, horizontal tab, form feed and the line terminators CR and LF.
 *       Other characters (a no-break space, for example) are errors.</li>
 *   <li>Identifiers follow {@link Character#isJavaIdentifierStart(int)} and
 *       {@link Character#isJavaIdentifierPart(int)}; the reserved words NULL, TRUE, FALSE, NOT,
 *       AND, OR, BETWEEN, LIKE, IN, IS and ESCAPE are recognised in any ASCII letter case.</li>
 *   <li>String literals are in single quotes; {@code ''} inside one stands for {@code '}.</li>
 *   <li>Numbers are read by {@link NumberLiterals}.</li>
 * </ul>
 * Not thread-safe; one instance reads one text once.
 */
final class Lexer {

    private final String text;
    private int pos;

    Lexer(String text) {
        this.text = text;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r';
    }

    Token next() throws InvalidSelectorException {
        while (pos < text.length() && isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            return new Token(TokenKind.EOF, start, start, null);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '(': return symbol(TokenKind.LPAREN, 1);
            case ')': return symbol(TokenKind.RPAREN, 1);
            case ',': return symbol(TokenKind.COMMA, 1);
            case '+': return symbol(TokenKind.PLUS, 1);
            case '-': return symbol(TokenKind.MINUS, 1);
            case '*': return symbol(TokenKind.STAR, 1);
            case '/': return symbol(TokenKind.SLASH, 1);
            case '=': return symbol(TokenKind.EQ, 1);
            case '<':
                if (peek(1) == '=') {
                    return symbol(TokenKind.LE, 2);
                }
                return peek(1) == '>' ? symbol(TokenKind.NE, 2) : symbol(TokenKind.LT, 1);
            case '>':
                return peek(1) == '=' ? symbol(TokenKind.GE, 2) : symbol(TokenKind.GT, 1);
            case '\'':
                return string();
            case '!':
                if (peek(1) == '=') {
                    throw SelectorErrors.at(text, start, "found '!=', which is not a selector operator; "
                            + "write <> for \"not equal\"");
                }
                break;
            case '"':
                throw SelectorErrors.at(text, start, "found '\"'; string literals are written in single quotes, "
                        + "as in color = 'blue'");
            default:
                break;
        }
        if ((c >= '0' && c <= '9') || (c == '.' && peek(1) >= '0' && peek(1) <= '9')) {
            Token number = new NumberLiterals(text, start).read();
            pos = number.end();
            return number;
        }
        int cp = text.codePointAt(pos);
        if (Character.isJavaIdentifierStart(cp)) {
            return word();
        }
        throw SelectorErrors.at(text, start, "found the character " + describeChar(cp)
                + ", which cannot start a token; expected an identifier, a literal, an operator or a parenthesis");
    }

    static String describeChar(int cp) {
        if (cp >= 0x20 && cp < 0x7f) {
            return "'" + (char) cp + "'";
        }
        String hex = String.format("U+%04X", cp);
        return Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                ? hex : "'" + new String(Character.toChars(cp)) + "' (" + hex + ")";
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private Token symbol(TokenKind kind, int length) {
        int start = pos;
        pos += length;
        return new Token(kind, start, pos, null);
    }

    private Token word() {
        int start = pos;
        pos += Character.charCount(text.codePointAt(pos));
        while (pos < text.length()) {
            int cp = text.codePointAt(pos);
            if (!Character.isJavaIdentifierPart(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        String word = text.substring(start, pos);
        TokenKind reserved = TokenKind.reservedWord(word);
        return reserved != null ? new Token(reserved, start, pos, null) : new Token(TokenKind.IDENTIFIER, start, pos, word);
    }

    private Token string() throws InvalidSelectorException {
        int start = pos;
        pos++; // opening quote
        StringBuilder value = null;
        int chunk = pos;
        while (true) {
            int quote = text.indexOf('\'', pos);
            if (quote < 0) {
                throw SelectorErrors.at(text, start, "the string literal is not terminated: expected a closing ' "
                        + "(write '' for a quote inside a string)");
            }
            if (quote + 1 < text.length() && text.charAt(quote + 1) == '\'') {
                if (value == null) {
                    value = new StringBuilder();
                }
                value.append(text, chunk, quote + 1); // keeps one quote
                pos = quote + 2;
                chunk = pos;
                continue;
            }
            pos = quote + 1;
            String result = value == null ? text.substring(chunk, quote) : value.append(text, chunk, quote).toString();
            return new Token(TokenKind.STRING, start, pos, result);
        }
    }
}
