package dev.srt.backend.seatbelt;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A POSIX extended regular expression matcher (re_format(7)) for exactly the subset the
 * Seatbelt back-end emits: literals and backslash-quoted characters, {@code .}, bracket
 * expressions with ranges and negation (backslash literal inside), groups, {@code |},
 * {@code * + ?}, and the anchors {@code ^ $}. Written independently of java.util.regex so that
 * the proof does not rest on Java's different bracket rules. Anything else is rejected.
 */
final class PosixRegex {
    private sealed interface Node permits Chars, Anchor, Seq, Alt, Repeat {
    }

    private record Chars(IntPredicate test) implements Node {
    }

    private record Anchor(boolean start) implements Node {
    }

    private record Seq(List<Node> items) implements Node {
    }

    private record Alt(List<Node> options) implements Node {
    }

    private record Repeat(Node body, int min, int max) implements Node {
    }

    private interface Cont {
        boolean at(int i);
    }

    private final String src;
    private int pos;
    private final Node root;

    private PosixRegex(String src) {
        this.src = src;
        this.root = alternation();
        if (pos != src.length()) throw new IllegalArgumentException("unexpected '" + src.charAt(pos) + "' at " + pos + " in " + src);
    }

    static PosixRegex compile(String re) {
        return new PosixRegex(re);
    }

    /** regexec(3) semantics: true when the expression matches anywhere in the text. */
    boolean find(String text) {
        for (int start = 0; start <= text.length(); start++) {
            if (match(root, text, start, i -> true)) return true;
        }
        return false;
    }

    private Node alternation() {
        List<Node> opts = new ArrayList<>();
        opts.add(sequence());
        while (pos < src.length() && src.charAt(pos) == '|') {
            pos++;
            opts.add(sequence());
        }
        return opts.size() == 1 ? opts.get(0) : new Alt(opts);
    }

    private Node sequence() {
        List<Node> items = new ArrayList<>();
        while (pos < src.length() && src.charAt(pos) != '|' && src.charAt(pos) != ')') {
            Node atom = atom();
            while (pos < src.length() && "*+?".indexOf(src.charAt(pos)) >= 0) {
                char q = src.charAt(pos++);
                atom = new Repeat(atom, q == '+' ? 1 : 0, q == '?' ? 1 : -1);
            }
            items.add(atom);
        }
        if (items.isEmpty()) throw new IllegalArgumentException("empty expression in " + src);
        return items.size() == 1 ? items.get(0) : new Seq(items);
    }

    private Node atom() {
        char c = src.charAt(pos++);
        switch (c) {
            case '(': {
                Node inner = alternation();
                if (pos >= src.length() || src.charAt(pos) != ')') throw new IllegalArgumentException("unclosed ( in " + src);
                pos++;
                return inner;
            }
            case '.':
                return new Chars(ch -> ch != '\n');
            case '^':
                return new Anchor(true);
            case '$':
                return new Anchor(false);
            case '[':
                return bracket();
            case '\\': {
                if (pos >= src.length()) throw new IllegalArgumentException("trailing backslash in " + src);
                char lit = src.charAt(pos++);
                if (Character.isLetterOrDigit(lit)) throw new IllegalArgumentException("backslash before " + lit + " is not portable");
                return new Chars(ch -> ch == lit);
            }
            case '*': case '+': case '?': case '{': case '}': case ')':
                throw new IllegalArgumentException("unquoted " + c + " in " + src);
            default:
                return new Chars(ch -> ch == c);
        }
    }

    private Node bracket() {
        boolean negate = false;
        if (pos < src.length() && src.charAt(pos) == '^') {
            negate = true;
            pos++;
        }
        BitSet set = new BitSet();
        boolean first = true;
        while (true) {
            if (pos >= src.length()) throw new IllegalArgumentException("unclosed [ in " + src);
            char c = src.charAt(pos);
            if (c == ']' && !first) {
                pos++;
                break;
            }
            if (c == '[' && pos + 1 < src.length() && ".:=".indexOf(src.charAt(pos + 1)) >= 0) {
                throw new IllegalArgumentException("character classes and collating elements are not emitted: " + src);
            }
            pos++;
            if (pos + 1 < src.length() && src.charAt(pos) == '-' && src.charAt(pos + 1) != ']') {
                char hi = src.charAt(pos + 1);
                if (hi < c) throw new IllegalArgumentException("reversed range in " + src);
                set.set(c, hi + 1);
                pos += 2;
            } else {
                set.set(c);
            }
            first = false;
        }
        boolean neg = negate;
        return new Chars(ch -> set.get(ch) != neg);
    }

    private static boolean match(Node n, String s, int i, Cont k) {
        if (n instanceof Chars) {
            return i < s.length() && ((Chars) n).test().test(s.charAt(i)) && k.at(i + 1);
        }
        if (n instanceof Anchor) {
            return (((Anchor) n).start() ? i == 0 : i == s.length()) && k.at(i);
        }
        if (n instanceof Seq) {
            return seq(((Seq) n).items(), 0, s, i, k);
        }
        if (n instanceof Alt) {
            for (Node o : ((Alt) n).options()) if (match(o, s, i, k)) return true;
            return false;
        }
        Repeat r = (Repeat) n;
        return repeat(r, 0, s, i, k);
    }

    private static boolean seq(List<Node> items, int at, String s, int i, Cont k) {
        if (at == items.size()) return k.at(i);
        return match(items.get(at), s, i, j -> seq(items, at + 1, s, j, k));
    }

    private static boolean repeat(Repeat r, int count, String s, int i, Cont k) {
        if (r.max() < 0 || count < r.max()) {
            if (match(r.body(), s, i, j -> j != i && repeat(r, count + 1, s, j, k))) return true;
        }
        return count >= r.min() && k.at(i);
    }
}
