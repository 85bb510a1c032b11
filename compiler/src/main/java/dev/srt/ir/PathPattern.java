package dev.srt.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A canonical path or glob pattern. The text is absolute after substitution of run-time
 * variables: it begins with {@code /} or with one of {@code ${home}}, {@code ${cwd}},
 * {@code ${tmp}} or {@code ${env:NAME}}; other segments may hold {@code ${uid}}, {@code ${user}}
 * or {@code ${env:NAME}}. Segments are separated by single slashes, with no {@code .} segments,
 * no trailing slash and no {@code ..} except directly after a leading variable. Glob segments
 * use {@code *}, {@code ?}, {@code [abc]}, {@code [!a-z]} and a whole-segment {@code **}.
 *
 * <p>A pattern covers a path when it matches the path itself or one of its ancestors, so a
 * rule on a directory covers the whole tree below it.
 */
public record PathPattern(String text) implements Comparable<PathPattern> {
    public PathPattern {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("empty path pattern");
    }

    public List<String> segments() {
        return split(text);
    }

    public boolean isGlob() {
        for (String s : segments()) if (Glob.isGlobSegment(s)) return true;
        return false;
    }

    /** True when run-time variables still have to be filled in. */
    public boolean isSymbolic() {
        return text.contains("${");
    }

    /** The longest leading part without glob characters, e.g. {@code ${home}/src} for {@code ${home}/src/**}{@code /*.pem}. */
    public String literalPrefix() {
        List<String> segs = segments();
        StringBuilder b = new StringBuilder();
        for (String s : segs) {
            if (Glob.isGlobSegment(s)) break;
            if (!(b.length() == 0 && s.isEmpty())) b.append('/');
            b.append(s);
        }
        String out = b.toString();
        if (out.isEmpty()) return "/";
        return text.startsWith("/") && !out.startsWith("/") ? "/" + out : out;
    }

    /** Substitutes run-time values and returns the concrete pattern. */
    public String resolve(RuntimeContext ctx) {
        return Paths.normalize(ctx.substitute(text));
    }

    @Override
    public int compareTo(PathPattern o) {
        return text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return text;
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        int i = path.startsWith("/") ? 1 : 0;
        if (path.equals("/")) return out;
        int start = i;
        for (; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) out.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
