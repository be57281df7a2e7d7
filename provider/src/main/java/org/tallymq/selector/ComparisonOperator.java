package org.tallymq.selector;

/** The comparison operators of section 3.8.1.1: {@code = > >= < <= <>}. */
enum ComparisonOperator {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** True for {@code < <= > >=}, which compare numbers only. */
    boolean isOrdering() {
        return this != EQ && this != NE;
    }

    boolean test(long a, long b) {
        switch (this) {
            case EQ: return a == b;
            case NE: return a != b;
            case LT: return a < b;
            case LE: return a <= b;
            case GT: return a > b;
            default: return a >= b;
        }
    }

    /** With Java's semantics: every comparison with NaN is false, except {@code <>} (Java's !=). */
    boolean test(float a, float b) {
        switch (this) {
            case EQ: return a == b;
            case NE: return a != b;
            case LT: return a < b;
            case LE: return a <= b;
            case GT: return a > b;
            default: return a >= b;
        }
    }

    /** With Java's semantics: every comparison with NaN is false, except {@code <>} (Java's !=). */
    boolean test(double a, double b) {
        switch (this) {
            case EQ: return a == b;
            case NE: return a != b;
            case LT: return a < b;
            case LE: return a <= b;
            case GT: return a > b;
            default: return a >= b;
        }
    }

    static ComparisonOperator of(TokenKind kind) {
        switch (kind) {
            case EQ: return EQ;
            case NE: return NE;
            case LT: return LT;
            case LE: return LE;
            case GT: return GT;
            case GE: return GE;
            default: return null;
        }
    }
}
