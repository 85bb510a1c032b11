package dev.srt.backend.seatbelt;

import dev.srt.ir.Glob;
import java.util.BitSet;

/**
 * Translates one glob segment (as {@link Glob} defines it) to a POSIX extended regular
 * expression that matches exactly the same segment text: {@code *} is {@code [^/]*},
 * {@code ?} is {@code [^/]}, a class becomes an alternation or a negated bracket that also
 * excludes {@code /}, and every other character is quoted.
 */
final class GlobRx {
    private GlobRx() {
    }

    /** Why the glob cannot be translated, or null. Class members must be printable ASCII. */
    static String check(String g) {
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '\\' && i + 1 < g.length()) {
                i++;
            } else if (c == '[') {
                int end = Glob.classEnd(g, i);
                if (end < 0) continue;
                for (int k = i + 1; k < end; k++) {
                    char m = g.charAt(k);
                    if (m < 0x20 || m > 0x7e) return "a [...] class holds a character other than printable ASCII";
                }
                Members cls = members(g, i, end);
                if (!cls.negate && cls.set.isEmpty()) return "a [...] class matches no character";
                i = end;
            }
        }
        return null;
    }

    /** True when the glob has a {@code ?} or a class, which match one character (one byte on macOS). */
    static boolean matchesSingleCharacter(String g) {
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '\\') i++;
            else if (c == '?') return true;
            else if (c == '[' && Glob.classEnd(g, i) >= 0) return true;
        }
        return false;
    }

    static String segment(String g) {
        return segment(g, false);
    }

    /** With {@code fold}, letters match either case, in literal text and in classes alike. */
    static String segment(String g, boolean fold) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                while (i + 1 < g.length() && g.charAt(i + 1) == '*') i++;
                b.append("[^/]*");
            } else if (c == '?') {
                b.append("[^/]");
            } else if (c == '[' && Glob.classEnd(g, i) >= 0) {
                int end = Glob.classEnd(g, i);
                Members cls = members(g, i, end);
                if (fold) cls = folded(cls);
                b.append(classRx(cls));
                i = end;
            } else if (c == '\\' && i + 1 < g.length()) {
                b.append(Rx.quote(String.valueOf(g.charAt(++i)), fold));
            } else {
                b.append(Rx.quote(String.valueOf(c), fold));
            }
        }
        return b.toString();
    }

    private record Members(boolean negate, BitSet set) {
    }

    /** The characters a class names, read as {@code Glob} reads them; never the separator. */
    private static Members members(String g, int open, int end) {
        int i = open + 1;
        boolean negate = false;
        if (i < end && (g.charAt(i) == '!' || g.charAt(i) == '^')) {
            negate = true;
            i++;
        }
        BitSet set = new BitSet(128);
        while (i < end) {
            char lo = g.charAt(i);
            if (i + 2 < end && g.charAt(i + 1) == '-') {
                char hi = g.charAt(i + 2);
                if (lo <= hi) set.set(lo, hi + 1);
                i += 3;
            } else {
                set.set(lo);
                i++;
            }
        }
        set.clear('/');
        return new Members(negate, set);
    }

    /** The class with the other case of every ASCII letter in it added. */
    private static Members folded(Members m) {
        BitSet set = (BitSet) m.set.clone();
        for (int c = m.set.nextSetBit(0); c >= 0; c = m.set.nextSetBit(c + 1)) {
            if (Rx.isAsciiLetter(c)) set.set(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return new Members(m.negate, set);
    }

    private static String classRx(Members m) {
        if (m.negate) {
            // A bracket expression (re_format(7)): ']' first, '[' and '-' last, so none is special.
            StringBuilder b = new StringBuilder("[^");
            if (m.set.get(']')) b.append(']');
            b.append('/');
            for (int c = m.set.nextSetBit(0); c >= 0; c = m.set.nextSetBit(c + 1)) {
                if (c != ']' && c != '[' && c != '-') b.append((char) c);
            }
            if (m.set.get('[')) b.append('[');
            if (m.set.get('-')) b.append('-');
            return b.append(']').toString();
        }
        StringBuilder b = new StringBuilder();
        int alternatives = 0;
        for (int c = m.set.nextSetBit(0); c >= 0; ) {
            int run = c;
            while (m.set.get(run + 1) && sameKind(c, run + 1)) run++;
            if (alternatives++ > 0) b.append('|');
            if (run - c >= 2 && sameKind(c, run)) {
                b.append('[').append((char) c).append('-').append((char) run).append(']');
                c = m.set.nextSetBit(run + 1);
            } else {
                b.append(Rx.quote(String.valueOf((char) c)));
                c = m.set.nextSetBit(c + 1);
            }
        }
        return alternatives > 1 ? "(" + b + ")" : b.toString();
    }

    /** Both digits, both upper-case or both lower-case letters: a safe bracket range. */
    private static boolean sameKind(int a, int b) {
        return kind(a) != 0 && kind(a) == kind(b);
    }

    private static int kind(int c) {
        if (c >= '0' && c <= '9') return 1;
        if (c >= 'A' && c <= 'Z') return 2;
        if (c >= 'a' && c <= 'z') return 3;
        return 0;
    }
}
