package org.tallymq.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * Reads one numeric literal. Section 3.8.1.1 says exact numeric literals "use the Java integer
 * literal syntax" and approximate ones "use the Java floating-point literal syntax", so both
 * follow the Java Language Specification (JLS 3.10.1, 3.10.2):
 *
 * <ul>
 *   <li>Exact: decimal {@code 57}, octal {@code 035}, hexadecimal {@code 0x1d}, binary
 *       {@code 0b11101}, with an optional {@code L}/{@code l} suffix and {@code _} between
 *       digits. The value is a Long. As in Java, an octal, hex or binary literal without the
 *       L suffix whose digits fit in 32 bits is an int, so {@code 0xFFFFFFFF} is -1 (while
 *       {@code 0xFFFFFFFFL} is 4294967295). Going beyond Java (the selector spec supports "numbers
 *       in the range of Java long"), a literal without suffix may have any value of the long range.
 *       {@code 9223372036854775808} is allowed only directly after a unary minus.</li>
 *   <li>Approximate: {@code 7E3}, {@code -57.9E2}, {@code 7.}, {@code .5}, {@code 1.5E-3},
 *       {@code 7d}, {@code 7f}, hexadecimal {@code 0x1.8p1}. The value is a Double, or a Float with
 *       the {@code f}/{@code F} suffix. A literal that overflows to infinity, or that is not zero
 *       but rounds to zero, is an error (as in Java).</li>
 * </ul>
 * The sign of {@code -957} is not part of the literal: it is a unary minus, which the parser folds.
 */
final class NumberLiterals {

    private final String text;
    private final int start;
    private int pos;

    NumberLiterals(String text, int start) {
        this.text = text;
        this.start = start;
        this.pos = start;
    }

    Token read() throws InvalidSelectorException {
        Token token;
        char c = text.charAt(pos);
        char next = peek(1);
        if (c == '0' && (next == 'x' || next == 'X')) {
            token = hex();
        } else if (c == '0' && (next == 'b' || next == 'B')) {
            token = binary();
        } else {
            token = decimal();
        }
        if (pos < text.length()) {
            int cp = text.codePointAt(pos);
            if (Character.isJavaIdentifierPart(cp) || cp == '.') {
                throw error(pos, "found " + Lexer.describeChar(cp) + " right after the number "
                        + text.substring(start, pos) + "; expected an operator, a parenthesis or whitespace");
            }
        }
        return token;
    }

    private Token decimal() throws InvalidSelectorException {
        String whole = digits(10, "decimal");
        boolean floating = false;
        if (peek(0) == '.') {
            floating = true;
            pos++;
            digits(10, "decimal");
        }
        int exponentAt = -1;
        if (peek(0) == 'e' || peek(0) == 'E') {
            floating = true;
            exponentAt = pos;
            exponent();
        }
        char suffix = peek(0);
        if (suffix == 'f' || suffix == 'F' || suffix == 'd' || suffix == 'D') {
            pos++;
            return floating(suffix, exponentAt);
        }
        if (floating) {
            return floating('\0', exponentAt);
        }
        boolean longSuffix = suffix == 'l' || suffix == 'L';
        if (longSuffix) {
            pos++;
        }
        if (whole.length() > 1 && whole.charAt(0) == '0') {
            for (int i = 0; i < whole.length(); i++) {
                if (whole.charAt(i) > '7') {
                    throw error(start, "the number " + source() + " starts with 0, so it is octal (as in Java), "
                            + "but contains the digit " + whole.charAt(i) + "; remove the leading 0 for a decimal number");
                }
            }
            return integer(whole.substring(1), 8, longSuffix);
        }
        try {
            return token(Long.parseLong(whole));
        } catch (NumberFormatException e) {
            if (whole.equals("9223372036854775808")) {
                return token(Token.LONG_MIN_MAGNITUDE);
            }
            throw outOfLongRange();
        }
    }

    private Token hex() throws InvalidSelectorException {
        pos += 2;
        String whole = digits(16, "hexadecimal");
        boolean fraction = false;
        String fractionDigits = "";
        if (peek(0) == '.') {
            fraction = true;
            pos++;
            fractionDigits = digits(16, "hexadecimal");
        }
        if (whole.isEmpty() && fractionDigits.isEmpty()) {
            throw error(start, "the hexadecimal number " + source() + " has no digits");
        }
        if (peek(0) == 'p' || peek(0) == 'P') {
            int exponentAt = pos;
            exponent();
            char suffix = peek(0);
            if (suffix == 'f' || suffix == 'F' || suffix == 'd' || suffix == 'D') {
                pos++;
                return floating(suffix, exponentAt);
            }
            return floating('\0', exponentAt);
        }
        if (fraction) {
            throw error(start, "the hexadecimal floating-point number " + source()
                    + " needs a binary exponent, as in 0x1.8p1");
        }
        boolean longSuffix = peek(0) == 'l' || peek(0) == 'L';
        if (longSuffix) {
            pos++;
        }
        return integer(whole, 16, longSuffix);
    }

    private Token binary() throws InvalidSelectorException {
        pos += 2;
        String digits = digits(2, "binary");
        if (digits.isEmpty()) {
            throw error(start, "the binary number " + source() + " has no digits");
        }
        boolean longSuffix = peek(0) == 'l' || peek(0) == 'L';
        if (longSuffix) {
            pos++;
        }
        return integer(digits, 2, longSuffix);
    }

    /** Octal, hexadecimal or binary digits: up to 64 bits; without L, 32-bit values are ints. */
    private Token integer(String digits, int radix, boolean longSuffix) throws InvalidSelectorException {
        long value;
        try {
            value = digits.isEmpty() ? 0 : Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            throw outOfLongRange();
        }
        if (!longSuffix && (value >>> 32) == 0) {
            value = (int) value; // Java: an int literal, e.g. 0xFFFFFFFF is -1
        }
        return token(value);
    }

    /** Reads digits of the radix (and '_' between them); returns them without the '_'. */
    private String digits(int radix, String kind) throws InvalidSelectorException {
        int from = pos;
        StringBuilder digits = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '_') {
                pos++;
                continue;
            }
            int digit = asciiDigit(c);
            if (digit < 0 || digit >= radix) {
                break;
            }
            digits.append(c);
            pos++;
        }
        if (pos > from && (text.charAt(from) == '_' || text.charAt(pos - 1) == '_')) {
            int at = text.charAt(from) == '_' ? from : pos - 1;
            throw error(at, "'_' in the " + kind + " number " + text.substring(start, pos)
                    + " must stand between digits");
        }
        if (radix == 2 && pos < text.length() && text.charAt(pos) >= '2' && text.charAt(pos) <= '9') {
            throw error(pos, "the binary number " + text.substring(start, pos + 1) + " may contain only 0 and 1");
        }
        return digits.toString();
    }

    /** The value of an ASCII digit or hex letter; -1 for anything else (no Unicode digits). */
    private static int asciiDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void exponent() throws InvalidSelectorException {
        pos++; // e, E, p or P
        if (peek(0) == '+' || peek(0) == '-') {
            pos++;
        }
        if (digits(10, "exponent of the").isEmpty()) {
            throw error(start, "the exponent of the number " + source() + " has no digits");
        }
    }

    private Token floating(char suffix, int exponentAt) throws InvalidSelectorException {
        int end = suffix == '\0' ? pos : pos - 1;
        String literal = text.substring(start, end).replace("_", "");
        boolean isFloat = suffix == 'f' || suffix == 'F';
        double value = isFloat ? Float.parseFloat(literal) : Double.parseDouble(literal);
        String type = isFloat ? "float" : "double";
        if (Double.isInfinite(value)) {
            throw error(start, "the number " + source() + " is too large for a " + type);
        }
        String mantissa = exponentAt < 0 ? literal : text.substring(start, exponentAt);
        if (value == 0 && hasNonZeroDigit(mantissa)) {
            throw error(start, "the number " + source() + " is too small for a " + type
                    + " (it would round to zero)");
        }
        return isFloat ? token(Float.valueOf((float) value)) : token(Double.valueOf(value));
    }

    private static boolean hasNonZeroDigit(String mantissa) {
        boolean hex = mantissa.startsWith("0x") || mantissa.startsWith("0X");
        for (int i = hex ? 2 : 0; i < mantissa.length(); i++) {
            int digit = asciiDigit(mantissa.charAt(i));
            if (digit > 0 && (hex || digit < 10)) {
                return true;
            }
        }
        return false;
    }

    private Token token(Object value) {
        return new Token(TokenKind.NUMBER, start, pos, value);
    }

    private InvalidSelectorException outOfLongRange() {
        return error(start, "the integer " + source() + " is out of the range of long ("
                + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")");
    }

    private String source() {
        return Token.shorten(text.substring(start, pos));
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private InvalidSelectorException error(int offset, String problem) {
        return SelectorErrors.at(text, offset, problem);
    }
}
