package org.tallymq.selector;

/**
 * A compiled LIKE pattern (section 3.8.1.1): {@code _} stands for any single character, {@code %}
 * for any sequence of characters (including none), every other character for itself. With an
 * ESCAPE character {@code c}, {@code c_} and {@code c%} stand for a literal {@code _} and
 * {@code %}, and {@code cc} for a literal {@code c}; {@code c} followed by anything else, or at
 * the end of the pattern, is an error (SQL-92's "invalid escape sequence").
 *
 * <p>Characters are Unicode code points: {@code _} matches one supplementary character (such as
 * an emoji), which Java stores as two chars.
 *
 * <p>Matching uses no regular expression. Common shapes ({@code 'abc'}, {@code 'abc%'},
 * {@code '%abc'}, {@code '%abc%'}) are plain String operations; any other pattern runs the greedy
 * wildcard algorithm that backtracks only to the most recent {@code %}, so matching takes at most
 * O(pattern length x value length) steps for every pattern and value: no catastrophic backtracking.
 *
 * <p>Immutable and thread-safe.
 */
final class LikePattern {

    /** Element standing for '_'. */
    private static final int ANY_ONE = -1;
    /** Element standing for '%' (consecutive ones are merged). */
    private static final int ANY_SEQUENCE = -2;

    private enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, GENERAL }

    private final String source;
    private final int escape;
    private final int[] elements;
    private final Shape shape;
    /** The literal text for the simple shapes. */
    private final String literal;

    /** Thrown by {@link #compile} for a bad escape; {@code index} is the char index in the pattern. */
    static final class BadPatternException extends Exception {
        private static final long serialVersionUID = 1L;
        final int index;

        BadPatternException(int index, String message) {
            super(message, null, false, false);
            this.index = index;
        }
    }

    private LikePattern(String source, int escape, int[] elements) {
        this.source = source;
        this.escape = escape;
        this.elements = elements;
        int wildcards = 0;
        int anyOne = 0;
        for (int e : elements) {
            if (e == ANY_SEQUENCE) {
                wildcards++;
            } else if (e == ANY_ONE) {
                anyOne++;
            }
        }
        int n = elements.length;
        boolean leading = n > 0 && elements[0] == ANY_SEQUENCE;
        boolean trailing = n > 0 && elements[n - 1] == ANY_SEQUENCE;
        if (anyOne == 0 && wildcards == 0) {
            shape = Shape.EXACT;
            literal = text(0, n);
        } else if (anyOne == 0 && wildcards == 1 && trailing) {
            shape = Shape.PREFIX;
            literal = text(0, n - 1);
        } else if (anyOne == 0 && wildcards == 1 && leading) {
            shape = Shape.SUFFIX;
            literal = text(1, n);
        } else if (anyOne == 0 && wildcards == 2 && leading && trailing && n >= 2) {
            shape = Shape.CONTAINS;
            literal = text(1, n - 1);
        } else {
            shape = Shape.GENERAL;
            literal = null;
        }
    }

    /**
     * @param escape the escape code point, or -1 for none
     * @throws BadPatternException when the escape character is followed by anything but
     *     {@code _}, {@code %} or itself
     */
    static LikePattern compile(String pattern, int escape) throws BadPatternException {
        int[] elements = new int[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp == escape) {
                if (i + width >= pattern.length()) {
                    throw new BadPatternException(i, "the pattern ends with the ESCAPE character "
                            + Lexer.describeChar(escape) + ", which must be followed by '_', '%' or itself");
                }
                int escaped = pattern.codePointAt(i + width);
                if (escaped != '_' && escaped != '%' && escaped != escape) {
                    throw new BadPatternException(i, "the ESCAPE character " + Lexer.describeChar(escape)
                            + " is followed by " + Lexer.describeChar(escaped)
                            + "; it may only be followed by '_', '%' or itself");
                }
                elements[n++] = escaped;
                i += width + Character.charCount(escaped);
                continue;
            }
            if (cp == '%') {
                if (n == 0 || elements[n - 1] != ANY_SEQUENCE) {
                    elements[n++] = ANY_SEQUENCE;
                }
            } else if (cp == '_') {
                elements[n++] = ANY_ONE;
            } else {
                elements[n++] = cp;
            }
            i += width;
        }
        return new LikePattern(pattern, escape, java.util.Arrays.copyOf(elements, n));
    }

    boolean matches(String value) {
        switch (shape) {
            case EXACT: return value.equals(literal);
            case PREFIX: return value.startsWith(literal);
            case SUFFIX: return value.endsWith(literal);
            case CONTAINS: return value.contains(literal);
            default: return matchesGeneral(value);
        }
    }

    /**
     * Greedy matching with backtracking to the last '%' only: when a mismatch happens after a '%',
     * the '%' takes one more character and matching resumes after it. Each retry moves the '%''s
     * start forward, so the work is bounded by pattern length x value length.
     */
    private boolean matchesGeneral(String value) {
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        int length = value.length();
        while (i < length) {
            if (p < elements.length) {
                int e = elements[p];
                if (e == ANY_SEQUENCE) {
                    starP = p++;
                    starI = i;
                    continue;
                }
                int cp = value.codePointAt(i);
                if (e == ANY_ONE || e == cp) {
                    p++;
                    i += Character.charCount(cp);
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            starI += Character.charCount(value.codePointAt(starI));
            i = starI;
        }
        while (p < elements.length && elements[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == elements.length;
    }

    private String text(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int k = from; k < to; k++) {
            s.appendCodePoint(elements[k]);
        }
        return s.toString();
    }

    /** The pattern as written in a selector, with its ESCAPE clause. */
    @Override
    public String toString() {
        String pattern = new Literal(source).toString();
        return escape < 0 ? pattern : pattern + " ESCAPE " + new Literal(new String(Character.toChars(escape)));
    }
}
