package dev.srt.tools.fmt;

import dev.srt.diag.Diagnostic;
import dev.srt.syntax.Ast;
import dev.srt.syntax.Parser;
import dev.srt.syntax.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code srtc fmt}: one canonical layout of a policy, built from its syntax tree and comments.
 *
 * <p>The layout: two spaces of indentation per block, one space around operators and after
 * commas, a statement per line, lists wrapped after a comma when a line would pass
 * {@value #WIDTH} columns (continuation lines indented four more), a blank line after the
 * header and around top-level blocks, and otherwise at most one blank line where the source had
 * one or more. Comments are kept: an own-line comment stays before the statement that follows
 * it (or before the closing brace), a trailing comment stays on its statement's last line, two
 * spaces after the code. Formatting is idempotent and never changes the policy's meaning
 * (both checked by {@code FormatterPropertiesTest}).
 */
public final class Formatter {
    static final int WIDTH = 100;

    private Formatter() {
    }

    /** The formatted text, or the syntax errors that prevent formatting. */
    public record Result(String text, List<Diagnostic> diagnostics) {
        public boolean ok() {
            return text != null;
        }
    }

    public static Result format(Source source) {
        Parser.Result r = Parser.parse(source, 10);
        if (!r.ok()) return new Result(null, r.diagnostics());
        return new Result(format(r.file(), source), List.of());
    }

    static String format(Ast.File file, Source source) {
        Layout layout = Layout.of(file, source);
        StringBuilder b = new StringBuilder();
        new Printer(b, source).scope(layout.top(), 0, true);
        String out = b.toString();
        while (out.endsWith("\n\n")) out = out.substring(0, out.length() - 1);
        return out;
    }

    /** Writes a scope's entries with their comments and blank lines. */
    private static final class Printer {
        private final StringBuilder b;
        private final Source source;

        Printer(StringBuilder b, Source source) {
            this.b = b;
            this.source = source;
        }

        void scope(Layout.Node scope, int indent, boolean top) {
            List<Layout.Entry> es = scope.entries();
            int[] column = commentColumns(es, indent, top);
            Layout.Entry prev = null;
            for (int i = 0; i < es.size(); i++) {
                Layout.Entry e = es.get(i);
                if (prev != null && blankBetween(prev, e, top)) b.append('\n');
                if (e.comment() != null) {
                    b.append("  ".repeat(indent)).append(e.comment()).append('\n');
                } else {
                    node(e.node(), indent, column[i]);
                }
                prev = e;
            }
        }

        /**
         * Trailing comments of consecutive one-line statements (no blank line or comment line
         * between them) start in one column: two spaces after the longest of them.
         */
        private int[] commentColumns(List<Layout.Entry> es, int indent, boolean top) {
            int[] column = new int[es.size()];
            int i = 0;
            while (i < es.size()) {
                if (oneLineWidth(es.get(i), indent) < 0) {
                    i++;
                    continue;
                }
                int j = i;
                int max = 0;
                while (j < es.size() && oneLineWidth(es.get(j), indent) >= 0 && (j == i || !blankBetween(es.get(j - 1), es.get(j), top))) {
                    max = Math.max(max, oneLineWidth(es.get(j), indent));
                    j++;
                }
                for (int k = i; k < j; k++) column[k] = max + 2;
                i = j;
            }
            return column;
        }

        /** The width of a statement written on one line with a trailing comment, or -1. */
        private static int oneLineWidth(Layout.Entry e, int indent) {
            if (e.node() == null || e.node().isBlock() || e.node().trailing().isEmpty()) return -1;
            List<String> lines = wrap(ItemText.of(e.node().item()), "  ".repeat(indent));
            return lines.size() == 1 && lines.get(0).length() <= WIDTH ? lines.get(0).length() : -1;
        }

        private boolean blankBetween(Layout.Entry prev, Layout.Entry e, boolean top) {
            if (top) {
                if (prev.node() != null && (prev.node().isBlock() || prev.node().item() instanceof Ast.Header)) return true;
                if (e.node() != null && e.node().isBlock() && prev.comment() == null) return true;
            }
            for (int l = prev.endLine() + 1; l < e.startLine(); l++) if (source.line(l).isBlank()) return true;
            return false;
        }

        private void node(Layout.Node n, int indent, int column) {
            String pad = "  ".repeat(indent);
            if (n.isBlock()) {
                b.append(pad).append(n.blockHead()).append(" {").append(trailing(n.trailing())).append('\n');
                scope(n, indent + 1, false);
                b.append(pad).append('}').append(trailing(n.closeTrailing())).append('\n');
                return;
            }
            List<String> lines = wrap(ItemText.of(n.item()), pad);
            for (int i = 0; i < lines.size(); i++) {
                b.append(lines.get(i));
                if (i == lines.size() - 1 && !n.trailing().isEmpty()) {
                    b.append(" ".repeat(Math.max(2, column - lines.get(i).length()))).append(n.trailing().get(0));
                }
                b.append('\n');
            }
            for (int i = 1; i < n.trailing().size(); i++) b.append(pad).append(n.trailing().get(i)).append('\n');
        }

        private static String trailing(List<String> comments) {
            return comments.isEmpty() ? "" : "  " + String.join(" ", comments);
        }
    }

    /** Greedy fill: pieces joined by a space while they fit, else on a continuation line. */
    static List<String> wrap(ItemText.Parts p, String pad) {
        List<String> out = new ArrayList<>();
        if (p.list().isEmpty()) {
            out.add(pad + p.head() + p.tail());
            return out;
        }
        String oneLine = pad + p.head() + String.join(", ", p.list()) + p.tail();
        if (!p.wrappable() || oneLine.length() <= WIDTH) {
            out.add(oneLine);
            return out;
        }
        String cont = pad + "    ";
        StringBuilder line = new StringBuilder(pad).append(p.head());
        boolean fresh = true;
        for (int i = 0; i < p.list().size(); i++) {
            boolean last = i == p.list().size() - 1;
            String piece = p.list().get(i) + (last ? p.tail() : ",");
            if (!fresh && line.length() + 1 + piece.length() > WIDTH) {
                out.add(line.toString());
                line = new StringBuilder(cont).append(piece);
            } else {
                if (!fresh) line.append(' ');
                line.append(piece);
            }
            fresh = false;
        }
        out.add(line.toString());
        return out;
    }
}
