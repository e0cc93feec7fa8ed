package io.migrun.internal.sql;

/**
 * Reads PostgreSQL script text token by token, as far as splitting and classifying statements
 * need: words, the quoted forms that may hide a semicolon or keyword (strings, {@code E''}
 * strings, quoted identifiers, dollar-quoted bodies, line and nested block comments), whitespace,
 * and single other characters. Not thread-safe; one lexer per text.
 */
public final class SqlLexer {

    /** What a token is. */
    enum Kind { SPACE, COMMENT, QUOTED, WORD, NUMBER, OTHER }

    private final String text;
    private int start;
    private int end;
    private Kind kind;

    SqlLexer(String text) {
        this.text = text;
    }

    /** Moves to the next token; false at the end of the text. */
    boolean next() {
        start = end;
        if (start >= text.length()) {
            return false;
        }
        char c = text.charAt(start);
        kind = Kind.QUOTED;
        if (Character.isWhitespace(c)) {
            kind = Kind.SPACE;
            end = skipWhile(start, true);
        } else if (c == '-' && at(start + 1, '-')) {
            kind = Kind.COMMENT;
            int nl = text.indexOf('\n', start);
            end = nl < 0 ? text.length() : nl;
        } else if (c == '/' && at(start + 1, '*')) {
            kind = Kind.COMMENT;
            end = blockCommentEnd(start);
        } else if (c == '\'') {
            end = quotedEnd(start, '\'', false);
        } else if ((c == 'E' || c == 'e') && at(start + 1, '\'')) {
            end = quotedEnd(start + 1, '\'', true);
        } else if (c == '"') {
            end = quotedEnd(start, '"', false);
        } else if (c == '$' && dollarTag(start) != null) {
            String tag = dollarTag(start);
            int close = text.indexOf(tag, start + tag.length());
            end = close < 0 ? text.length() : close + tag.length();
        } else if (wordStart(c)) {
            kind = Kind.WORD;
            end = skipWhile(start, false);
        } else if (Character.isDigit(c)) {
            kind = Kind.NUMBER;
            end = skipWhile(start, false);
        } else {
            kind = Kind.OTHER;
            end = start + 1;
        }
        return true;
    }

    Kind kind() {
        return kind;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    String token() {
        return text.substring(start, end);
    }

    /** Whether this token is the single character {@code c}. */
    boolean is(char c) {
        return kind == Kind.OTHER && text.charAt(start) == c;
    }

    /** Continues reading at {@code offset}, for text the caller consumed itself (COPY data, a meta-command's line). */
    void resumeAt(int offset) {
        end = Math.min(offset, text.length());
    }

    private boolean at(int i, char c) {
        return i < text.length() && text.charAt(i) == c;
    }

    private static boolean wordStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    private boolean wordChar(int i) {
        char c = text.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    private int skipWhile(int i, boolean space) {
        int j = i;
        while (j < text.length() && (space ? Character.isWhitespace(text.charAt(j)) : wordChar(j))) {
            j++;
        }
        return j;
    }

    private int blockCommentEnd(int from) {
        int depth = 0;
        int i = from;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    private int quotedEnd(int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (!at(i + 1, quote)) {
                    return i + 1;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** The opening {@code $tag$} at {@code i}, or null where the dollar is a parameter like {@code $1}. */
    private String dollarTag(int i) {
        int j = i + 1;
        while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_' || (j > i + 1 && Character.isDigit(text.charAt(j))))) {
            j++;
        }
        return at(j, '$') ? text.substring(i, j + 1) : null;
    }
}
