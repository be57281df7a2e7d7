package org.tallymq.selector;

/**
 * One token of a selector text.
 *
 * @param start offset of the first character in the selector text (0-based)
 * @param end   offset just past the last character
 * @param value the identifier's name, the string literal's value, the number (Long, Float,
 *              Double, or {@link #LONG_MIN_MAGNITUDE}), or null
 */
record Token(TokenKind kind, int start, int end, Object value) {

    /**
     * The value of the decimal literal 9223372036854775808, which is legal only right after a
     * unary minus (as in Java, where it may only be the operand of unary minus), giving
     * {@link Long#MIN_VALUE}.
     */
    static final Object LONG_MIN_MAGNITUDE = new Object() {
        @Override
        public String toString() {
            return "9223372036854775808";
        }
    };

    private static final int MAX_QUOTED = 40;

    /** How an error message names this token, e.g. {@code '='}, {@code identifier 'color'}. */
    String describe(String text) {
        String source = text.substring(start, end);
        switch (kind) {
            case EOF:
                return "the end of the selector";
            case IDENTIFIER:
                return "identifier '" + shorten(source) + "'";
            case STRING:
                return "string " + shorten(source);
            case NUMBER:
                return "number " + shorten(source);
            default:
                return kind.isReservedWord() ? "reserved word " + source.toUpperCase(java.util.Locale.ROOT)
                        : "'" + source + "'";
        }
    }

    static String shorten(String s) {
        return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "...";
    }
}
