package dev.srt.ir;

/**
 * Where an element came from: a source name (a path relative to the compiled policy's
 * directory, or {@code std:NAME} for a stock policy), a 1-based line and column, and the
 * length of the underlined text. Spans never hold absolute host paths, so compiled output
 * does not depend on where the policy was compiled.
 */
public record Span(String file, int line, int col, int length) implements Comparable<Span> {
    /** A span for things the language defines rather than a policy line (defaults). */
    public static final Span BUILTIN = new Span("<builtin>", 0, 0, 0);

    public boolean isBuiltin() {
        return line == 0;
    }

    @Override
    public int compareTo(Span o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(col, o.col);
    }

    @Override
    public String toString() {
        return isBuiltin() ? file : file + ":" + line + ":" + col;
    }
}
