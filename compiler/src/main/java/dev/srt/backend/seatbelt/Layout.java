package dev.srt.backend.seatbelt;

import dev.srt.ir.Paths;
import dev.srt.ir.RuntimeContext;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many path segments each run-time variable stands for (e.g. {@code ${home}} =
 * {@code /Users/alice} is 2). Seatbelt decides by the last matching rule while srt decides by
 * the deepest, so the profile orders rules by depth, and the depth of {@code ${home}/.ssh}
 * depends on this layout. The compiled profile uses {@link #DEFAULT}; the runner compares it
 * with the layout of the real run ({@link #of}) and lowers again when they differ.
 */
public record Layout(Map<String, Integer> segments) {
    /** Typical macOS values: /Users/NAME, a project three levels below home, /private/var/folders/xx/yyyy/T. */
    public static final Layout DEFAULT = new Layout(Map.of("home", 2, "cwd", 5, "tmp", 6, "uid", 1, "user", 1));

    public Layout {
        segments = java.util.Collections.unmodifiableMap(new TreeMap<>(segments));
    }

    /** Segments of a variable's value; an environment variable missing from the layout counts as 1. */
    public int of(String variable) {
        Integer n = segments.get(variable);
        return n == null ? 1 : n;
    }

    /** The layout of concrete run-time values (already resolved to real paths by the caller). */
    public static Layout of(RuntimeContext ctx) {
        Map<String, Integer> m = new TreeMap<>();
        m.put("home", depth(ctx.home()));
        m.put("cwd", depth(ctx.cwd()));
        m.put("tmp", depth(ctx.tmp()));
        m.put("uid", pieces(ctx.uid()));
        m.put("user", pieces(ctx.user()));
        for (Map.Entry<String, String> e : ctx.env().entrySet()) {
            String v = e.getValue();
            m.put("env:" + e.getKey(), v.startsWith("/") ? depth(v) : pieces(v));
        }
        return new Layout(m);
    }

    private static int depth(String absolute) {
        return Paths.segments(Paths.normalize(absolute)).size();
    }

    private static int pieces(String relative) {
        return relative.split("/", -1).length;
    }
}
