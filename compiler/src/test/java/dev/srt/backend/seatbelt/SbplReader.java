package dev.srt.backend.seatbelt;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads printed SBPL text back into a small tree of its own (not {@link Sexp}), so tests prove
 * the printed text and therefore the printer. Rejects unbalanced parentheses, unterminated
 * strings and unknown escapes.
 */
final class SbplReader {
    sealed interface Node permits Sym, Text, Lst {
    }

    record Sym(String name) implements Node {
    }

    record Text(String value) implements Node {
    }

    record Lst(List<Node> items) implements Node {
        String head() {
            return items.isEmpty() || !(items.get(0) instanceof Sym) ? "" : ((Sym) items.get(0)).name();
        }
    }

    private final String s;
    private int pos;

    private SbplReader(String s) {
        this.s = s;
    }

    static List<Node> read(String text) {
        SbplReader r = new SbplReader(text);
        List<Node> out = new ArrayList<>();
        while (true) {
            r.skip();
            if (r.pos >= r.s.length()) return out;
            out.add(r.node());
        }
    }

    private void skip() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ';') {
                while (pos < s.length() && s.charAt(pos) != '\n') pos++;
            } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private Node node() {
        char c = s.charAt(pos);
        if (c == '(') {
            pos++;
            List<Node> items = new ArrayList<>();
            while (true) {
                skip();
                if (pos >= s.length()) throw new IllegalArgumentException("unbalanced: missing )");
                if (s.charAt(pos) == ')') {
                    pos++;
                    return new Lst(items);
                }
                items.add(node());
            }
        }
        if (c == ')') throw new IllegalArgumentException("unbalanced: unexpected ) at " + pos);
        if (c == '"') return string();
        int start = pos;
        while (pos < s.length() && " \n\t\r()\";".indexOf(s.charAt(pos)) < 0) pos++;
        return new Sym(s.substring(start, pos));
    }

    private Node string() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw new IllegalArgumentException("unterminated string");
            char c = s.charAt(pos++);
            if (c == '"') return new Text(b.toString());
            if (c != '\\') {
                if (c < 0x20) throw new IllegalArgumentException("raw control character in a string");
                b.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            if (e == '\\' || e == '"') {
                b.append(e);
            } else if (e == 'x') {
                b.append((char) Integer.parseInt(s.substring(pos, pos + 2), 16));
                pos += 2;
            } else {
                throw new IllegalArgumentException("unknown escape \\" + e);
            }
        }
    }
}
