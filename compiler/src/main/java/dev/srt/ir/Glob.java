package dev.srt.ir;

import java.util.List;

/**
 * Glob matching over path segments. {@code *} and {@code ?} never match {@code /}; a segment
 * that is exactly {@code **} matches zero or more whole segments. Leading dots are not special:
 * {@code *.pem} matches {@code .pem} files too, because a deny must not miss hidden files.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean isGlobSegment(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[') return true;
        }
        return false;
    }

    /**
     * The depth (number of segments) of the deepest prefix of {@code path}, the whole path
     * included, that {@code pattern} matches; -1 when no prefix matches. A depth of 0 means the
     * pattern matched the root.
     */
    public static int deepestMatch(List<String> pattern, List<String> path) {
        boolean literal = true;
        for (String s : pattern) if (isGlobSegment(s)) { literal = false; break; }
        if (literal) {
            if (pattern.size() > path.size()) return -1;
            for (int i = 0; i < pattern.size(); i++) if (!pattern.get(i).equals(path.get(i))) return -1;
            return pattern.size();
        }
        boolean[] reach = reachable(pattern, path);
        for (int k = path.size(); k >= 0; k--) if (reach[k]) return k;
        return -1;
    }

    /** True when the pattern matches exactly the whole path. */
    public static boolean matchesWhole(List<String> pattern, List<String> path) {
        return reachable(pattern, path)[path.size()];
    }

    /**
     * reach[k] is true when the whole pattern matches path[0..k). Dynamic programming over
     * (pattern index, path index), linear in pattern length times path length.
     */
    private static boolean[] reachable(List<String> pattern, List<String> path) {
        int n = path.size();
        boolean[] cur = new boolean[n + 1];
        cur[0] = true;
        for (String seg : pattern) {
            boolean[] next = new boolean[n + 1];
            if (seg.equals("**")) {
                boolean any = false;
                for (int k = 0; k <= n; k++) {
                    any |= cur[k];
                    next[k] = any;
                }
            } else {
                for (int k = 0; k < n; k++) if (cur[k] && segmentMatches(seg, path.get(k))) next[k + 1] = true;
            }
            cur = next;
        }
        return cur;
    }

    /** Matches one segment against one glob segment. */
    public static boolean segmentMatches(String glob, String s) {
        return match(glob, 0, s, 0);
    }

    private static boolean match(String g, int gi, String s, int si) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                while (gi < g.length() && g.charAt(gi) == '*') gi++;
                if (gi == g.length()) return true;
                for (int k = si; k <= s.length(); k++) if (match(g, gi, s, k)) return true;
                return false;
            }
            if (si >= s.length()) return false;
            if (c == '?') {
                gi++;
                si++;
            } else if (c == '[') {
                int end = classEnd(g, gi);
                if (end < 0) {
                    if (s.charAt(si) != '[') return false;
                    gi++;
                    si++;
                    continue;
                }
                if (!classMatches(g, gi + 1, end, s.charAt(si))) return false;
                gi = end + 1;
                si++;
            } else if (c == '\\' && gi + 1 < g.length()) {
                if (s.charAt(si) != g.charAt(gi + 1)) return false;
                gi += 2;
                si++;
            } else {
                if (s.charAt(si) != c) return false;
                gi++;
                si++;
            }
        }
        return si == s.length();
    }

    /** Index of the closing bracket of a class starting at {@code open}, or -1. */
    public static int classEnd(String g, int open) {
        int i = open + 1;
        if (i < g.length() && (g.charAt(i) == '!' || g.charAt(i) == '^')) i++;
        if (i < g.length() && g.charAt(i) == ']') i++;
        for (; i < g.length(); i++) if (g.charAt(i) == ']') return i;
        return -1;
    }

    private static boolean classMatches(String g, int from, int to, char ch) {
        boolean negate = false;
        int i = from;
        if (i < to && (g.charAt(i) == '!' || g.charAt(i) == '^')) {
            negate = true;
            i++;
        }
        boolean hit = false;
        boolean first = true;
        while (i < to) {
            char lo = g.charAt(i);
            if (lo == ']' && !first) break;
            first = false;
            if (i + 2 < to && g.charAt(i + 1) == '-') {
                char hi = g.charAt(i + 2);
                if (ch >= lo && ch <= hi) hit = true;
                i += 3;
            } else {
                if (ch == lo) hit = true;
                i++;
            }
        }
        return hit != negate;
    }
}
