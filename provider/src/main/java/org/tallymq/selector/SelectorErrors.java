package org.tallymq.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * Builds the {@link InvalidSelectorException} for a bad selector. Every message has the form
 * {@code Invalid selector "<text>": at column <n> <what was expected and what was found>}; for a
 * selector written on several lines it says {@code at line <l>, column <n>}. Columns and lines
 * count from 1; a column counts UTF-16 characters, as {@link String#charAt} does.
 */
final class SelectorErrors {

    private SelectorErrors() {
    }

    static InvalidSelectorException at(String text, int offset, String problem) {
        return new InvalidSelectorException("Invalid selector \"" + text + "\": at " + position(text, offset) + " "
                + problem);
    }

    /** "column 5", or "line 2, column 3" once the text has a line terminator before the offset. */
    static String position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        int limit = Math.min(offset, text.length());
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = offset - lineStart + 1;
        return line == 1 ? "column " + column : "line " + line + ", column " + column;
    }
}
