package dev.srt.backend.seatbelt;

import java.util.List;

/**
 * Renders {@link Sexp} trees as SBPL text. The only place that escapes strings: a backslash
 * and a double quote get a backslash, control characters become {@code \xHH}; everything else
 * (including UTF-8 path names) is written as is.
 */
public final class SbplPrinter {
    private SbplPrinter() {
    }

    /** Prints top-level forms, one per line; a comment before a form stays on its own line. */
    public static String print(List<Sexp> forms) {
        StringBuilder b = new StringBuilder();
        for (Sexp f : forms) {
            if (f instanceof Sexp.Comment) {
                comment(b, (Sexp.Comment) f);
            } else {
                expr(b, f);
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static void comment(StringBuilder b, Sexp.Comment c) {
        for (String line : c.text().split("\n", -1)) {
            b.append(';');
            if (!line.isEmpty()) b.append(' ');
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                b.append(ch < 0x20 || ch == 0x7f ? '?' : ch);
            }
            b.append('\n');
        }
    }

    static void expr(StringBuilder b, Sexp e) {
        if (e instanceof Sexp.Atom) {
            b.append(((Sexp.Atom) e).name());
        } else if (e instanceof Sexp.Str) {
            string(b, ((Sexp.Str) e).value());
        } else if (e instanceof Sexp.ListExpr) {
            b.append('(');
            List<Sexp> items = ((Sexp.ListExpr) e).items();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) b.append(' ');
                expr(b, items.get(i));
            }
            b.append(')');
        } else if (e instanceof Sexp.Comment) {
            throw new IllegalArgumentException("comment inside a list");
        } else {
            throw new IllegalArgumentException(String.valueOf(e));
        }
    }

    /** One string literal, quoted and escaped. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder();
        string(b, s);
        return b.toString();
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
