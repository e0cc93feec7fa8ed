package io.migrun.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits PostgreSQL script text into statements at top-level semicolons, the way psql does.
 * Understands what may hide a semicolon: line and nested block comments, single-quoted and
 * {@code E''} strings, quoted identifiers, dollar-quoted bodies ({@code $$ … $$},
 * {@code $fn$ … $fn$}), parentheses (so {@code CREATE RULE … DO ALSO (…; …)} is one statement)
 * and the {@code BEGIN ATOMIC … END} body of {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}.
 * A {@code COPY … FROM stdin} statement takes the lines after it, up to a line {@code \.}, as its
 * data, as plain {@code pg_dump} writes them. pg_dump's <code>&#92;restrict</code> and <code>&#92;unrestrict</code>
 * lines are skipped; any other psql meta-command is a {@link SqlScriptException}. Comment-only
 * pieces are dropped. {@link #split} is thread-safe.
 */
public final class SqlSplitter {

    private final String text;
    private final SqlLexer lexer;
    private final List<SqlStatement> out = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private final List<String> head = new ArrayList<>();
    private int line = 1;
    private int startLine = -1;
    private int parens;
    private int begins;
    private boolean copyIn;
    private String previousWord = "";

    private SqlSplitter(String text) {
        this.text = text;
        this.lexer = new SqlLexer(text);
    }

    /** The statements of {@code text}; throws {@link SqlScriptException} naming the line of a meta-command or an unended COPY. */
    public static List<SqlStatement> split(String text) {
        return new SqlSplitter(text).run();
    }

    private List<SqlStatement> run() {
        while (lexer.next()) {
            if (lexer.is(';') && parens == 0 && begins == 0) {
                end();
            } else if (lexer.is('\\')) {
                metaCommand();
            } else {
                take();
            }
        }
        flush(null);
        return out;
    }

    private void take() {
        SqlLexer.Kind kind = lexer.kind();
        String token = lexer.token();
        if (kind != SqlLexer.Kind.COMMENT || startLine >= 0) {
            if (startLine < 0 && kind != SqlLexer.Kind.SPACE) {
                startLine = line;
            }
            if (startLine >= 0) {
                current.append(token);
            }
        }
        if (lexer.is('(')) {
            parens++;
        } else if (lexer.is(')') && parens > 0) {
            parens--;
        } else if (kind == SqlLexer.Kind.WORD) {
            word(token.toUpperCase(Locale.ROOT));
        }
        line += newlines(token);
    }

    /** Tracks what psql tracks: whether this is a routine with a BEGIN ATOMIC body, and whether it is COPY … FROM STDIN. */
    private void word(String word) {
        if (head.size() < 4) {
            head.add(word);
        }
        if (parens == 0) {
            if (routine()) {
                if (word.equals("BEGIN") || word.equals("CASE") && begins > 0) {
                    begins++;
                } else if (word.equals("END") && begins > 0) {
                    begins--;
                }
            }
            copyIn |= head.get(0).equals("COPY") && previousWord.equals("FROM") && word.equals("STDIN");
            previousWord = word;
        }
    }

    private boolean routine() {
        int at = head.size() > 2 && head.get(1).equals("OR") && head.get(2).equals("REPLACE") ? 3 : 1;
        return head.get(0).equals("CREATE") && head.size() > at && (head.get(at).equals("FUNCTION") || head.get(at).equals("PROCEDURE"));
    }

    private void end() {
        if (!copyIn) {
            flush(null);
            return;
        }
        int copyLine = startLine;
        int lineEnd = text.indexOf('\n', lexer.end());
        if (lineEnd < 0) {
            throw new SqlScriptException(copyLine, "COPY … FROM stdin has no line \\. after its data; end the data with a line holding only \\.");
        }
        if (!text.substring(lexer.end(), lineEnd).isBlank()) {
            throw new SqlScriptException(line, "COPY … FROM stdin must end its line: its data starts on the next line and ends with a line \\.");
        }
        int dataStart = lineEnd + 1;
        int at = dataStart;
        while (at < text.length() && !terminator(at)) {
            int nl = text.indexOf('\n', at);
            at = nl < 0 ? text.length() : nl + 1;
        }
        if (at >= text.length()) {
            throw new SqlScriptException(copyLine, "COPY … FROM stdin has no line \\. after its data; end the data with a line holding only \\.");
        }
        flush(text.substring(dataStart, at));
        int after = text.indexOf('\n', at);
        after = after < 0 ? text.length() : after + 1;
        line += newlines(text.substring(lexer.end(), after));
        lexer.resumeAt(after);
    }

    private boolean terminator(int lineStart) {
        int nl = text.indexOf('\n', lineStart);
        String l = text.substring(lineStart, nl < 0 ? text.length() : nl);
        return l.equals("\\.") || l.equals("\\.\r");
    }

    /** psql reads a meta-command up to the end of its line. */
    private void metaCommand() {
        int nl = text.indexOf('\n', lexer.start());
        int lineEnd = nl < 0 ? text.length() : nl;
        String command = text.substring(lexer.start(), lineEnd).strip();
        String name = command.split("\\s+", 2)[0];
        if (name.equals("\\.")) {
            throw new SqlScriptException(line, "\\. ends the data of a COPY … FROM stdin, but no such COPY comes before it; remove the line.");
        }
        if (!name.equals("\\restrict") && !name.equals("\\unrestrict")) {
            throw new SqlScriptException(line, name + " is a psql meta-command; migrun runs plain SQL (no psql meta-commands). "
                    + "Remove the line, or run the file with psql instead.");
        }
        lexer.resumeAt(lineEnd);
    }

    private void flush(String copyData) {
        String sql = current.toString().strip();
        if (startLine >= 0 && !sql.isEmpty()) {
            out.add(new SqlStatement(startLine, sql, copyData));
        }
        current.setLength(0);
        head.clear();
        startLine = -1;
        parens = 0;
        begins = 0;
        copyIn = false;
        previousWord = "";
    }

    private static int newlines(String s) {
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }
}
