package dev.srt.backend.bwrap;

import dev.srt.ir.Glob;
import dev.srt.ir.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Expands glob patterns against the real tree with ONE bounded walk for all of them: the
 * walk starts at the outermost roots, follows no symbolic links, skips the virtual trees
 * {@code /proc}, {@code /sys} and {@code /dev} (the sandbox gets its own /proc and /dev), and
 * carries one small automaton state per pattern so that a subtree no pattern can match is not
 * entered. Only what exists at the time of the walk is found: a file created later is not
 * covered by the expansion.
 */
public final class GlobWalk {
    /** Trees the walk never enters. */
    public static final Set<String> SKIPPED = Set.of("/proc", "/sys", "/dev");

    private GlobWalk() {
    }

    /** A pattern to expand and the subtrees in which its matches matter. */
    public record Job(List<String> pattern, List<String> roots) {
        public Job {
            pattern = List.copyOf(pattern);
            roots = List.copyOf(roots);
        }
    }

    /** The walk would visit more entries than allowed: refused rather than incomplete. */
    public static final class LimitExceeded extends Exception {
        private static final long serialVersionUID = 1L;

        public LimitExceeded(int limit) {
            super("glob expansion needs to visit more than " + limit + " entries; narrow the globs (or raise SRT_GLOB_WALK_LIMIT)");
        }
    }

    /** Result: matches per job (lexical absolute paths) and the number of entries visited. */
    public record Result(List<List<String>> matches, int visited) {
    }

    public static Result expand(List<Job> jobs, FsView fs, int limit) throws LimitExceeded {
        List<List<String>> matches = new ArrayList<>();
        int n = jobs.size();
        String[][] pats = new String[n][];
        for (int i = 0; i < n; i++) {
            matches.add(new ArrayList<>());
            pats[i] = jobs.get(i).pattern().toArray(new String[0]);
            if (pats[i].length > 62) throw new IllegalArgumentException("glob with more than 62 segments");
        }
        List<String> tops = new ArrayList<>();
        for (Job j : jobs) for (String r : j.roots()) tops.add(r);
        tops = outermost(tops);
        int[] visited = {0};
        for (String top : tops) {
            if (skipped(top) || fs.kind(top) == FsView.Kind.MISSING) continue;
            List<String> segs = Paths.segments(top);
            long[] states = new long[n];
            byte[] inside = new byte[n]; // 1: inside one of the job's roots, 0: on the way to one
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (!relevant(jobs.get(i), top)) continue;
                long st = start(pats[i]);
                for (String seg : segs) {
                    st = step(pats[i], st, seg);
                    if (st == 0) break;
                }
                if (st == 0) continue;
                states[i] = st;
                inside[i] = (byte) (under(top, jobs.get(i).roots()) ? 1 : 0);
                any = true;
                if ((st & (1L << pats[i].length)) != 0 && inside[i] == 1) matches.get(i).add(top);
            }
            if (any && fs.kind(top) == FsView.Kind.DIR) walk(top, states, inside, jobs, pats, fs, matches, visited, limit);
        }
        return new Result(matches, visited[0]);
    }

    private static void walk(String dir, long[] states, byte[] inside, List<Job> jobs, String[][] pats, FsView fs,
                             List<List<String>> matches, int[] visited, int limit) throws LimitExceeded {
        int n = states.length;
        String base = dir.equals("/") ? "/" : dir.concat("/");
        for (FsView.Entry e : fs.list(dir)) {
            if (++visited[0] > limit) throw new LimitExceeded(limit);
            String child = base.concat(e.name());
            if (skipped(child)) continue;
            long[] next = null;
            byte[] nextInside = null;
            for (int i = 0; i < n; i++) {
                if (states[i] == 0) continue;
                byte in = inside[i];
                if (in == 0) {
                    Job job = jobs.get(i);
                    if (!relevant(job, child)) continue;
                    in = (byte) (under(child, job.roots()) ? 1 : 0);
                }
                long st = step(pats[i], states[i], e.name());
                if (st == 0) continue;
                if ((st & (1L << pats[i].length)) != 0 && in == 1) matches.get(i).add(child);
                if (next == null) {
                    next = new long[n];
                    nextInside = new byte[n];
                }
                next[i] = st;
                nextInside[i] = in;
            }
            if (next != null && e.dir()) walk(child, next, nextInside, jobs, pats, fs, matches, visited, limit);
        }
    }

    private static boolean skipped(String p) {
        for (String s : SKIPPED) if (p.equals(s) || (p.startsWith(s) && p.length() > s.length() && p.charAt(s.length()) == '/')) return true;
        return false;
    }

    /** True when {@code p} is on the way to, or inside, one of the job's roots. */
    private static boolean relevant(Job job, String p) {
        for (String r : job.roots()) if (isUnder(p, r) || isUnder(r, p)) return true;
        return false;
    }

    private static boolean under(String p, List<String> roots) {
        for (String r : roots) if (isUnder(p, r)) return true;
        return false;
    }

    /** {@code p} equals {@code root} or lies below it. */
    public static boolean isUnder(String p, String root) {
        return root.equals("/") || p.equals(root) || (p.startsWith(root) && p.length() > root.length() && p.charAt(root.length()) == '/');
    }

    static List<String> outermost(List<String> roots) {
        List<String> out = new ArrayList<>();
        for (String r : roots) {
            boolean inner = false;
            for (String o : roots) if (!o.equals(r) && isUnder(r, o)) inner = true;
            if (!inner && !out.contains(r)) out.add(r);
        }
        return out;
    }

    /** States are pattern positions: bit i set means pattern[0..i) has consumed the path so far. */
    static long start(String[] pattern) {
        return closure(pattern, 1L);
    }

    private static long closure(String[] pattern, long s) {
        for (int i = 0; i < pattern.length; i++) if ((s & (1L << i)) != 0 && pattern[i].equals("**")) s |= 1L << (i + 1);
        return s;
    }

    static long step(String[] pattern, long s, String seg) {
        long n = 0;
        for (int i = 0; i < pattern.length; i++) {
            if ((s & (1L << i)) == 0) continue;
            String g = pattern[i];
            if (g.equals("**")) n |= 1L << i;
            else if (Glob.segmentMatches(g, seg)) n |= 1L << (i + 1);
        }
        return n == 0 ? 0 : closure(pattern, n);
    }
}
