package dev.srt.backend.seatbelt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A typed S-expression, the tree a Seatbelt profile is built as before {@link SbplPrinter}
 * renders it. Strings stay unescaped here; the printer is the only place that escapes them.
 */
public sealed interface Sexp {
    /** A bare symbol such as {@code allow}, {@code file-read*} or {@code subpath}. */
    record Atom(String name) implements Sexp {
        public Atom {
            if (name.isEmpty()) throw new IllegalArgumentException("empty atom");
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '*' || c == '?';
                if (!ok) throw new IllegalArgumentException("not an atom: " + name);
            }
        }
    }

    /** A string literal; {@code value} is the raw text, escaped only when printed. */
    record Str(String value) implements Sexp {
    }

    /** A parenthesised list. */
    record ListExpr(List<Sexp> items) implements Sexp {
        public ListExpr {
            items = List.copyOf(items);
        }
    }

    /** A comment line (printed as {@code ; text}); never nested inside a list. */
    record Comment(String text) implements Sexp {
    }

    static Atom atom(String name) {
        return new Atom(name);
    }

    static Str str(String value) {
        return new Str(value);
    }

    /** {@code (head arg...)}. */
    static ListExpr list(String head, Sexp... args) {
        List<Sexp> items = new ArrayList<>();
        items.add(new Atom(head));
        items.addAll(Arrays.asList(args));
        return new ListExpr(items);
    }

    static ListExpr list(String head, List<? extends Sexp> args) {
        List<Sexp> items = new ArrayList<>();
        items.add(new Atom(head));
        items.addAll(args);
        return new ListExpr(items);
    }

    static Comment comment(String text) {
        return new Comment(text);
    }
}
