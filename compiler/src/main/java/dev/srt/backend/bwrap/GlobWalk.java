package dev.srt.backend.bwrap;

import dev.srt.ir.Glob;
import dev.srt.ir.Paths;
import java.util.ArrayList;
import java.util.BitSet;
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
        for (int i = 0; i < jobs.size(); i++) matches.add(new ArrayList<>());
        List<String> tops = new ArrayList<>();
        for (Job j : jobs) for (String r : j.roots()) tops.add(r);
        tops = outermost(tops);
        int[] visited = {0};
        for (String top : tops) {
            if (skipped(top) || fs.kind(top) == FsView.Kind.MISSING) continue;
            List<String> segs = Paths.segments(top);
            BitSet[] states = new BitSet[jobs.size()];
            boolean any = false;
            for (int i = 0; i < jobs.size(); i++) {
                if (!relevant(jobs.get(i), top)) continue;
                BitSet s = start(jobs.get(i).pattern());
                for (String seg : segs) {
                    s = step(jobs.get(i).pattern(), s, seg);
                    if (s.isEmpty()) break;
                }
                if (s.isEmpty()) continue;
                states[i] = s;
                any = true;
                if (s.get(jobs.get(i).pattern().size()) && under(top, jobs.get(i).roots())) matches.get(i).add(top);
            }
            if (any && fs.kind(top) == FsView.Kind.DIR) walk(top, states, jobs, fs, matches, visited, limit);
        }
        return new Result(matches, visited[0]);
    }

    private static void walk(String dir, BitSet[] states, List<Job> jobs, FsView fs, List<List<String>> matches,
                             int[] visited, int limit) throws LimitExceeded {
        for (FsView.Entry e : fs.list(dir)) {
            if (++visited[0] > limit) throw new LimitExceeded(limit);
            String child = dir.equals("/") ? "/" + e.name() : dir + "/" + e.name();
            if (skipped(child)) continue;
            BitSet[] next = new BitSet[jobs.size()];
            boolean any = false;
            for (int i = 0; i < jobs.size(); i++) {
                if (states[i] == null) continue;
                Job job = jobs.get(i);
                if (!relevant(job, child)) continue;
                BitSet s = step(job.pattern(), states[i], e.name());
                if (s.isEmpty()) continue;
                if (s.get(job.pattern().size()) && under(child, job.roots())) matches.get(i).add(child);
                next[i] = s;
                any = true;
            }
            if (any && e.dir()) walk(child, next, jobs, fs, matches, visited, limit);
        }
    }

    private static boolean skipped(String p) {
        for (String s : SKIPPED) if (p.equals(s) || p.startsWith(s + "/")) return true;
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
        return root.equals("/") || p.equals(root) || p.startsWith(root + "/");
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
    static BitSet start(List<String> pattern) {
        BitSet s = new BitSet(pattern.size() + 1);
        s.set(0);
        return closure(pattern, s);
    }

    private static BitSet closure(List<String> pattern, BitSet s) {
        for (int i = 0; i < pattern.size(); i++) if (s.get(i) && pattern.get(i).equals("**")) s.set(i + 1);
        return s;
    }

    static BitSet step(List<String> pattern, BitSet s, String seg) {
        BitSet n = new BitSet(pattern.size() + 1);
        for (int i = s.nextSetBit(0); i >= 0 && i < pattern.size(); i = s.nextSetBit(i + 1)) {
            String g = pattern.get(i);
            if (g.equals("**")) n.set(i);
            else if (Glob.segmentMatches(g, seg)) n.set(i + 1);
        }
        return closure(pattern, n);
    }
}
