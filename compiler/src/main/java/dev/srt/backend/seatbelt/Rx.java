package dev.srt.backend.seatbelt;

/**
 * POSIX extended regular-expression helpers for Seatbelt's {@code regex} filter. Quoting puts
 * a backslash before every character that is special outside a bracket expression
 * (re_format(7): {@code . [ ] ( ) * + ? { } | ^ $ \}), so quoted text matches only itself.
 */
public final class Rx {
    private static final String SPECIAL = ".[]()*+?{}|^$\\";

    private Rx() {
    }

    public static String quote(String literal) {
        return quote(literal, false);
    }

    /**
     * Quotes text; with {@code fold}, an ASCII letter matches either case ({@code [aA]}), as
     * names do on macOS's default case-insensitive volumes.
     */
    public static String quote(String literal, boolean fold) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (fold && isAsciiLetter(c)) {
                b.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
                continue;
            }
            if (SPECIAL.indexOf(c) >= 0) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** One path segment: any characters but the separator. */
    public static final String SEGMENT = "/[^/]+";
    /** The rest of a path below a match: nothing, or a separator and anything. */
    public static final String BELOW = "(/.*)?$";
}
