package dev.srt.tools.fmt;

import dev.srt.syntax.Ast;
import dev.srt.syntax.PolicyWriter;
import dev.srt.syntax.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where each statement and comment sits in the source: line ranges of statements and blocks
 * (the syntax tree keeps only start lines), and for every comment the statement it belongs to.
 */
final class Layout {
    /** A statement (leaf or block) or, at the top, the file; {@code entries} in source order. */
    static final class Node {
        final Object item;
        final int start;
        int end;
        final List<Node> children = new ArrayList<>();
        final List<Entry> entries = new ArrayList<>();
        final List<String> trailing = new ArrayList<>();
        final List<String> closeTrailing = new ArrayList<>();
        private final boolean block;

        Node(Object item, int start, boolean block) {
            this.item = item;
            this.start = start;
            this.end = start;
            this.block = block;
        }

        Object item() {
            return item;
        }

        boolean isBlock() {
            return block;
        }

        List<Entry> entries() {
            return entries;
        }

        List<String> trailing() {
            return trailing;
        }

        List<String> closeTrailing() {
            return closeTrailing;
        }

        String blockHead() {
            if (item instanceof Ast.FilesystemBlock) return "filesystem";
            if (item instanceof Ast.NetworkBlock) return "network";
            if (item instanceof Ast.SyscallsBlock) return "syscalls";
            if (item instanceof Ast.EnvironmentBlock) return "environment";
            if (item instanceof Ast.ViolationsBlock) return "violations";
            if (item instanceof Ast.SandboxBlock) return "sandbox";
            return "test " + PolicyWriter.quote(((Ast.TestBlock) item).name().text());
        }
    }

    /** One line-ordered element of a scope: a statement or an own-line comment. */
    record Entry(Node node, String comment, int startLine, int endLine, int order) {
    }

    private final Source source;
    private final int lineCount;
    private final Node top;

    private Layout(Source source) {
        this.source = source;
        this.lineCount = (int) source.text().lines().count();
        this.top = new Node(null, 0, true);
    }

    Node top() {
        return top;
    }

    static Layout of(Ast.File file, Source source) {
        Layout l = new Layout(source);
        l.top.end = Integer.MAX_VALUE;
        l.top.children.add(new Node(file.header(), file.header().span().line(), false));
        for (Ast.Statement s : file.statements()) l.top.children.add(l.node(s));
        l.fixEnds(l.top.children);
        for (Node c : l.top.children) l.top.entries.add(new Entry(c, null, c.start, c.end, 1));
        for (Ast.Comment c : file.comments()) l.place(l.top, c);
        l.sort(l.top);
        return l;
    }

    private Node node(Ast.Statement s) {
        List<?> items = blockItems(s);
        if (items == null) return new Node(s, s.span().line(), false);
        Node n = new Node(s, s.span().line(), true);
        for (Object i : items) n.children.add(new Node(i, span(i).line(), false));
        return n;
    }

    private static List<?> blockItems(Ast.Statement s) {
        if (s instanceof Ast.FilesystemBlock) return ((Ast.FilesystemBlock) s).items();
        if (s instanceof Ast.NetworkBlock) return ((Ast.NetworkBlock) s).items();
        if (s instanceof Ast.SyscallsBlock) return ((Ast.SyscallsBlock) s).items();
        if (s instanceof Ast.EnvironmentBlock) return ((Ast.EnvironmentBlock) s).items();
        if (s instanceof Ast.ViolationsBlock) return ((Ast.ViolationsBlock) s).items();
        if (s instanceof Ast.SandboxBlock) return ((Ast.SandboxBlock) s).items();
        if (s instanceof Ast.TestBlock) return ((Ast.TestBlock) s).expects();
        return null;
    }

    private static dev.srt.ir.Span span(Object item) {
        if (item instanceof Ast.FsItem) return ((Ast.FsItem) item).span();
        if (item instanceof Ast.NetItem) return ((Ast.NetItem) item).span();
        if (item instanceof Ast.SysItem) return ((Ast.SysItem) item).span();
        if (item instanceof Ast.EnvItem) return ((Ast.EnvItem) item).span();
        if (item instanceof Ast.Ignore) return ((Ast.Ignore) item).span();
        if (item instanceof Ast.SandboxSetting) return ((Ast.SandboxSetting) item).span();
        return ((Ast.Statement) item).span();
    }

    /** Computes end lines: a leaf runs on while its line ends in a comma or backslash; a block ends at its brace. */
    private void fixEnds(List<Node> nodes) {
        for (Node n : nodes) {
            if (n.block) {
                fixEnds(n.children);
                int from = n.start;
                for (Node c : n.children) from = Math.max(from, c.end);
                int l = from + 1;
                while (l < lineCount && !code(l).startsWith("}")) l++;
                n.end = l;
                for (Node c : n.children) n.entries.add(new Entry(c, null, c.start, c.end, 1));
            } else {
                n.end = leafEnd(n);
            }
        }
    }

    private int leafEnd(Node n) {
        int l = n.start;
        if (n.item instanceof Ast.Let && ((Ast.Let) n.item).list()) {
            while (l < lineCount && !withoutStrings(code(l)).contains("]")) l++;
            return l;
        }
        while (l < lineCount && (code(l).endsWith(",") || code(l).endsWith("\\"))) {
            l++;
            while (l < lineCount && code(l).isEmpty()) l++;
        }
        return l;
    }

    /** A line without its comment, trimmed (strings kept; a {@code #} inside a string is not a comment). */
    String code(int line) {
        String s = source.line(line);
        boolean str = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (str && c == '\\') {
                i++;
            } else if (c == '"') {
                str = !str;
            } else if (c == '#' && !str) {
                return s.substring(0, i).trim();
            }
        }
        return s.trim();
    }

    private static String withoutStrings(String code) {
        return code.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    private void place(Node scope, Ast.Comment c) {
        int line = c.span().line();
        String text = c.text().stripTrailing();
        for (Node n : scope.children) {
            if (line < n.start || line > n.end) continue;
            if (n.block) {
                if (c.trailing() && line == n.start) {
                    n.trailing.add(text);
                } else if (c.trailing() && line == n.end) {
                    n.closeTrailing.add(text);
                } else if (line > n.start && line < n.end) {
                    place(n, c);
                } else {
                    n.trailing.add(text);
                }
                return;
            }
            if (c.trailing()) n.trailing.add(text);
            else scope.entries.add(new Entry(null, text, n.start, n.start, 0));
            return;
        }
        if (c.trailing()) {
            Node last = null;
            for (Node n : scope.children) if (n.start <= line) last = n;
            if (last != null) {
                last.trailing.add(text);
                return;
            }
        }
        scope.entries.add(new Entry(null, text, line, line, 0));
    }

    private void sort(Node scope) {
        scope.entries.sort(Comparator.comparingInt(Entry::startLine).thenComparingInt(Entry::order));
        for (Node n : scope.children) if (n.block) sort(n);
    }
}
