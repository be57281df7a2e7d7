package org.tallymq.selector;

/** The kinds of token of the selector language (Jakarta Messaging 3.1, section 3.8.1.1). */
enum TokenKind {
    IDENTIFIER,
    /** A string literal; the token's value is the text with {@code ''} turned into {@code '}. */
    STRING,
    /** An exact or approximate numeric literal; the value is a Long, Float or Double. */
    NUMBER,
    // reserved words, case-insensitive
    NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE,
    // punctuation and operators
    LPAREN, RPAREN, COMMA, PLUS, MINUS, STAR, SLASH, EQ, NE, LT, LE, GT, GE,
    EOF;

    boolean isReservedWord() {
        return ordinal() >= NULL.ordinal() && ordinal() <= ESCAPE.ordinal();
    }

    /** The reserved word for an identifier-shaped word, ignoring ASCII case; null when it is none. */
    static TokenKind reservedWord(String word) {
        if (word.length() < 2 || word.length() > 7) {
            return null;
        }
        StringBuilder upper = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - ('a' - 'A'));
            } else if (c < 'A' || c > 'Z') {
                return null; // only ASCII letters: "ıs" (dotless i) is an identifier, not IS
            }
            upper.append(c);
        }
        switch (upper.toString()) {
            case "NULL": return NULL;
            case "TRUE": return TRUE;
            case "FALSE": return FALSE;
            case "NOT": return NOT;
            case "AND": return AND;
            case "OR": return OR;
            case "BETWEEN": return BETWEEN;
            case "LIKE": return LIKE;
            case "IN": return IN;
            case "IS": return IS;
            case "ESCAPE": return ESCAPE;
            default: return null;
        }
    }
}
