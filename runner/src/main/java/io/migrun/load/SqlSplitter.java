package io.migrun.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL script text into statements at top-level semicolons. Understands what may hide
 * a semicolon: line and nested block comments, single-quoted and {@code E''} strings, quoted
 * identifiers and dollar-quoted bodies ({@code $$ … $$}, {@code $fn$ … $fn$}). Comment-only
 * pieces are dropped. Stateless and thread-safe.
 */
public final class SqlSplitter {

    private SqlSplitter() {
    }

    public static List<SqlStatement> split(String text) {
        List<SqlStatement> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int end;
            boolean code = true;
            if (c == '-' && at(text, i + 1, '-')) {
                end = indexOrEnd(text, "\n", i);
                code = false;
            } else if (c == '/' && at(text, i + 1, '*')) {
                end = blockCommentEnd(text, i);
                code = false;
            } else if (c == '\'') {
                boolean escapes = i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e') && !identifierChar(text, i - 2);
                end = quotedEnd(text, i, '\'', escapes);
            } else if (c == '"') {
                end = quotedEnd(text, i, '"', false);
            } else if (c == '$' && dollarTag(text, i) != null) {
                String tag = dollarTag(text, i);
                end = indexOrEnd(text, tag, i + tag.length()) + tag.length();
                end = Math.min(end, n);
            } else if (c == ';') {
                flush(out, current, startLine);
                current.setLength(0);
                startLine = -1;
                i++;
                continue;
            } else {
                end = i + 1;
            }
            String piece = text.substring(i, end);
            if (code && startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            if (startLine >= 0 || code) {
                current.append(piece);
            }
            line += count(piece, '\n');
            i = end;
        }
        flush(out, current, startLine);
        return out;
    }

    private static void flush(List<SqlStatement> out, StringBuilder current, int startLine) {
        String sql = current.toString().strip();
        if (startLine >= 0 && !sql.isEmpty()) {
            out.add(new SqlStatement(startLine, sql));
        }
    }

    private static boolean at(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private static boolean identifierChar(String s, int i) {
        return i >= 0 && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_');
    }

    private static int indexOrEnd(String s, String what, int from) {
        int at = s.indexOf(what, from);
        return at < 0 ? s.length() : at;
    }

    private static int blockCommentEnd(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int quotedEnd(String s, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (at(s, i + 1, quote)) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** The opening {@code $tag$} at {@code i}, or null where the dollar is a parameter like {@code $1} or part of a name. */
    private static String dollarTag(String s, int i) {
        if (identifierChar(s, i - 1)) {
            return null;
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_' || (j > i + 1 && Character.isDigit(s.charAt(j))))) {
            j++;
        }
        return at(s, j, '$') ? s.substring(i, j + 1) : null;
    }

    private static int count(String s, char c) {
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }
}
