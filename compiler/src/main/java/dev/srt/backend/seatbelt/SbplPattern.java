package dev.srt.backend.seatbelt;

import dev.srt.ir.Glob;
import dev.srt.ir.PathPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A canonical {@link PathPattern} taken apart for Seatbelt: an optional leading variable, then
 * segments that are either {@code **} or pieces of glob text and variables. Builds the string
 * expression of a literal path and anchored regular expressions for globs, with every
 * variable read from a profile parameter.
 *
 * <p>macOS keeps /tmp, /etc and /var as symbolic links into /private and Seatbelt sees
 * resolved paths, so an absolute pattern beginning with one of them is rewritten to begin
 * with /private, and one whose first segment is a glob matching them gets variants below
 * /private ({@link #also()}).
 */
public final class SbplPattern {
    private static final Pattern VAR = Pattern.compile("\\$\\{(home|cwd|tmp|uid|user|env:[A-Za-z_][A-Za-z0-9_]*)}");

    /** A piece of a segment: glob text or a variable. */
    sealed interface Piece permits Text, Var {
    }

    record Text(String glob) implements Piece {
    }

    record Var(String name) implements Piece {
    }

    private final PathPattern source;
    private final String root;
    private final List<List<Piece>> segments;
    private final String error;
    private final boolean unicodeSensitive;
    private final List<SbplPattern> also = new ArrayList<>();
    private boolean excludePrivate;

    private SbplPattern(PathPattern source, String root, List<List<Piece>> segments, String error, boolean unicodeSensitive) {
        this.source = source;
        this.root = root;
        this.segments = segments;
        this.error = error;
        this.unicodeSensitive = unicodeSensitive;
    }

    /**
     * Parses a canonical pattern for a layout; {@link #error()} is set when Seatbelt cannot
     * express it. A leading variable that is the root directory in the layout is dropped.
     */
    public static SbplPattern of(PathPattern p, Layout layout) {
        String text = p.text();
        List<String> raw = new ArrayList<>(p.segments());
        String root = null;
        List<SbplPattern> also = new ArrayList<>();
        boolean excludePrivate = false;
        if (!text.startsWith("/")) {
            Matcher m = VAR.matcher(raw.get(0));
            if (!m.matches()) return failed(p, "the path must begin with / or a run-time variable");
            if (layout.of(m.group(1)) == 0) {
                // The variable is the root directory in this layout: the pattern is an absolute one.
                return of(new PathPattern("/" + String.join("/", raw.subList(1, raw.size()))), layout);
            }
            root = m.group(1);
            raw.remove(0);
        } else if (!raw.isEmpty() && MacPaths.PRIVATE.contains(raw.get(0))) {
            raw.add(0, "private");
        } else if (!raw.isEmpty() && Glob.isGlobSegment(raw.get(0)) && privateMatters(raw)) {
            // The first segment may match tmp, etc or var, which macOS shows as /private/NAME:
            // the pattern also stands for its remainders below /private/NAME (each ordered by its
            // own depth), and itself no longer matches below /private/NAME.
            excludePrivate = true;
            for (String s : MacPaths.PRIVATE) {
                for (List<String> rest : afterFirst(raw, s)) {
                    StringBuilder v = new StringBuilder("/private/").append(s);
                    for (String r : rest) v.append('/').append(r);
                    SbplPattern alt = of(new PathPattern(v.toString()), layout);
                    if (alt.error != null) return failed(p, alt.error);
                    if (also.stream().noneMatch(a -> a.source.equals(alt.source))) also.add(alt);
                }
            }
        }
        List<List<Piece>> segs = new ArrayList<>();
        boolean unicode = false;
        for (String s : raw) {
            if (s.equals("..")) return failed(p, "it climbs out of a run-time variable with ..");
            if (s.equals("**")) {
                segs.add(null);
                continue;
            }
            List<Piece> pieces = new ArrayList<>();
            Matcher m = VAR.matcher(s);
            int at = 0;
            while (m.find()) {
                if (m.start() > at) pieces.add(new Text(s.substring(at, m.start())));
                String v = m.group(1);
                if (v.equals("home") || v.equals("cwd") || v.equals("tmp")) {
                    return failed(p, "${" + v + "} appears after the start of the path");
                }
                pieces.add(new Var(v));
                at = m.end();
            }
            if (at < s.length()) pieces.add(new Text(s.substring(at)));
            for (Piece pc : pieces) {
                if (pc instanceof Text) {
                    String g = ((Text) pc).glob();
                    String bad = GlobRx.check(g);
                    if (bad != null) return failed(p, bad);
                    unicode |= GlobRx.matchesSingleCharacter(g);
                }
            }
            segs.add(pieces);
        }
        SbplPattern out = new SbplPattern(p, root, segs, null, unicode);
        out.also.addAll(also);
        out.excludePrivate = excludePrivate;
        return out;
    }

    /**
     * Whether a pattern with a glob first segment can tell /NAME/... from /private/NAME/...:
     * a leading {@code **} followed by a segment that cannot match "private" treats both alike
     * (the {@code **} takes "private" too), so it needs no variants.
     */
    private static boolean privateMatters(List<String> raw) {
        if (!raw.get(0).equals("**")) return true;
        return raw.size() > 1 && Glob.segmentMatches(raw.get(1), "private");
    }

    /** What remains of a segment list after its first segment met {@code name}; {@code **} may take it or not. */
    private static List<List<String>> afterFirst(List<String> segs, String name) {
        List<List<String>> out = new ArrayList<>();
        if (segs.isEmpty()) return out;
        String first = segs.get(0);
        if (first.equals("**")) {
            out.add(segs);
            out.addAll(afterFirst(segs.subList(1, segs.size()), name));
        } else if (Glob.segmentMatches(first, name)) {
            out.add(segs.subList(1, segs.size()));
        }
        return out;
    }

    /** A filter built for this pattern, kept off the trees its /private variants cover. */
    public Sexp restrict(Sexp filter) {
        if (!excludePrivate) return filter;
        return Sexp.list("require-all", filter, Sexp.list("require-not",
            Sexp.list("regex", Sexp.str("^/private/(" + String.join("|", MacPaths.PRIVATE) + ")(/.*)?$"))));
    }

    private static SbplPattern failed(PathPattern p, String why) {
        return new SbplPattern(p, null, List.of(), why, false);
    }

    public PathPattern source() {
        return source;
    }

    /**
     * Further patterns this one stands for on macOS: for a first segment such as {@code *} that
     * matches tmp, etc or var, the same pattern below /private/tmp, /private/etc, /private/var.
     */
    public List<SbplPattern> also() {
        return List.copyOf(also);
    }

    /** This pattern and {@link #also()}. */
    public List<SbplPattern> variants() {
        List<SbplPattern> out = new ArrayList<>();
        out.add(this);
        out.addAll(also);
        return out;
    }

    /** Why Seatbelt cannot express this pattern, or null. */
    public String error() {
        return error;
    }

    /** True when a {@code ?} or {@code [...]} matches one character, which Seatbelt sees as one byte. */
    public boolean unicodeSensitive() {
        return unicodeSensitive;
    }

    public boolean hasDoubleStar() {
        for (List<Piece> s : segments) if (s == null) return true;
        return false;
    }

    public int doubleStars() {
        int n = 0;
        for (List<Piece> s : segments) if (s == null) n++;
        return n;
    }

    /**
     * True for a path without glob characters that is not a bare variable (a bare variable may
     * be the root, passed as the empty string, which {@code subpath} cannot take).
     */
    public boolean isLiteral() {
        if (root != null && segments.isEmpty()) return false;
        for (List<Piece> s : segments) {
            if (s == null) return false;
            for (Piece p : s) if (p instanceof Text && Glob.isGlobSegment(((Text) p).glob())) return false;
        }
        return true;
    }

    /** Variables used anywhere in the pattern. */
    public List<String> variables() {
        List<String> out = new ArrayList<>();
        if (root != null) out.add(root);
        for (List<Piece> s : segments) {
            if (s == null) continue;
            for (Piece p : s) if (p instanceof Var) out.add(((Var) p).name());
        }
        return out;
    }

    /** Segments the pattern spans without its {@code **} segments, in the given layout. */
    public int fixedDepth(Layout layout) {
        int d = root == null ? 0 : layout.of(root);
        for (List<Piece> s : segments) {
            if (s == null) continue;
            d += 1;
            for (Piece p : s) if (p instanceof Var) d += layout.of(((Var) p).name()) - 1;
        }
        return d;
    }

    /** The path as a string expression (only for literal patterns). */
    public Sexp stringExpr() {
        Concat c = new Concat();
        if (root != null) c.param(SbplParams.name(root));
        for (List<Piece> s : segments) {
            c.text("/");
            for (Piece p : s) {
                if (p instanceof Var) c.param(SbplParams.name(((Var) p).name()));
                else c.text(unescape(((Text) p).glob()));
            }
        }
        if (root == null && segments.isEmpty()) c.text("/");
        return c.build();
    }

    /**
     * An anchored regular expression matching every path whose prefix the pattern matches with
     * its {@code **} segments spanning, in order, exactly {@code counts[i]} segments each, or
     * at least that many when {@code atLeast}. Each alternative in {@code choices} is one such
     * distribution; the result matches when any does.
     */
    public Sexp regex(List<int[]> choices, boolean atLeast) {
        return regex(choices, atLeast, Rx.BELOW);
    }

    /**
     * A filter for a deny that must hold whatever the case of the letters after the leading
     * variable: the paths the pattern matches at any depth ({@code below}: and everything under
     * them) or exactly. macOS volumes are case-insensitive by default, so a file created as
     * {@code .BASHRC} is read later as {@code .bashrc}.
     */
    public Sexp foldedFilter(boolean below) {
        List<Sexp> fs = new ArrayList<>();
        for (SbplPattern v : variants()) {
            fs.add(v.restrict(Sexp.list("regex", v.regex(DepthOrder.compositions(0, v.doubleStars()), true, below ? Rx.BELOW : "$", true))));
        }
        return fs.size() == 1 ? fs.get(0) : Sexp.list("require-any", fs);
    }

    private Sexp regex(List<int[]> choices, boolean atLeast, String end) {
        return regex(choices, atLeast, end, false);
    }

    private Sexp regex(List<int[]> choices, boolean atLeast, String end, boolean fold) {
        Concat c = new Concat();
        c.text("^");
        if (root != null) c.param(SbplParams.regexName(root));
        if (choices.size() > 1) c.text("(");
        for (int k = 0; k < choices.size(); k++) {
            if (k > 0) c.text("|");
            int star = 0;
            for (List<Piece> s : segments) {
                if (s == null) {
                    int n = choices.get(k)[star++];
                    for (int i = 0; i < n; i++) c.text(Rx.SEGMENT);
                    if (atLeast) c.text("(" + Rx.SEGMENT + ")*");
                    continue;
                }
                c.text("/");
                for (Piece p : s) {
                    if (p instanceof Var) c.param(SbplParams.regexName(((Var) p).name()));
                    else c.text(GlobRx.segment(((Text) p).glob(), fold));
                }
            }
        }
        if (choices.size() > 1) c.text(")");
        c.text(end);
        return c.build();
    }

    /** Glob text without glob characters, with its backslash escapes removed. */
    private static String unescape(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            if (ch == '\\' && i + 1 < glob.length()) ch = glob.charAt(++i);
            b.append(ch);
        }
        return b.toString();
    }

    /** Builds {@code "text"}, {@code (param "P")} or {@code (string-append ...)}. */
    private static final class Concat {
        private final List<Sexp> parts = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();

        void text(String s) {
            pending.append(s);
        }

        void param(String name) {
            flush();
            parts.add(Sexp.list("param", Sexp.str(name)));
        }

        private void flush() {
            if (pending.length() > 0) parts.add(Sexp.str(pending.toString()));
            pending.setLength(0);
        }

        Sexp build() {
            flush();
            if (parts.size() == 1) return parts.get(0);
            return Sexp.list("string-append", parts);
        }
    }
}
