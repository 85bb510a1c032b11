package dev.srt.ir;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Lexical path normalisation shared by the compiler, the evaluator and the back-ends. */
public final class Paths {
    private Paths() {
    }

    /**
     * Collapses repeated slashes and {@code .} segments, resolves {@code ..} lexically (never above
     * the root) and drops a trailing slash. The input must be absolute.
     */
    public static String normalize(String absolute) {
        if (!absolute.startsWith("/")) throw new IllegalArgumentException("not absolute: " + absolute);
        Deque<String> out = new ArrayDeque<>();
        for (String s : PathPattern.split(absolute)) {
            if (s.equals(".")) continue;
            if (s.equals("..")) {
                if (!out.isEmpty()) out.removeLast();
                continue;
            }
            out.addLast(s);
        }
        return join(List.copyOf(out));
    }

    public static String join(List<String> segments) {
        if (segments.isEmpty()) return "/";
        StringBuilder b = new StringBuilder();
        for (String s : segments) b.append('/').append(s);
        return b.toString();
    }

    /** Segments of a normalised absolute path. */
    public static List<String> segments(String absolute) {
        return PathPattern.split(absolute);
    }
}
