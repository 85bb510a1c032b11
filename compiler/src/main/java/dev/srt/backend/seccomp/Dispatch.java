package dev.srt.backend.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * The search over system-call numbers. The 32-bit number line is cut into maximal ranges
 * ({@link Segment}s) whose numbers share one outcome, and the program finds the range with a
 * binary search tree of {@code jge} splits, as Kafel and libseccomp's binary-tree mode do, so
 * the cost is logarithmic in the number of ranges. The tree is chosen by dynamic programming to
 * have the least worst-case depth (ties broken by the average depth over the architecture's real
 * system calls); a range {@code A n A} with a single number {@code n} in the middle is decided
 * with one {@code jeq} instead of two {@code jge}.
 */
final class Dispatch {
    /** Numbers {@code lo..hi} (unsigned, inclusive) share {@code outcome}; {@code weight} real calls fall in it. */
    record Segment(long lo, long hi, int outcome, int weight) {
        boolean single() {
            return lo == hi;
        }
    }

    private static final int LEAF = 0;
    private static final int SPLIT = 1;      // jge lo(m+1): [i..m] | [m+1..j]
    private static final int SPLIT_IN = 2;   // jge inside segment m: [i..m] | [m..j]
    private static final int JEQ = 3;        // j == i+2, outcome(i) == outcome(j), segment i+1 is one number

    private final List<Segment> seg;
    private final int n;
    private final int[][] worst;
    private final long[][] total;
    private final int[][] kind;
    private final int[][] at;
    private final long[] weightPrefix;
    private LongFunction<String> names = n -> null;

    private Dispatch(List<Segment> segments) {
        seg = segments;
        n = segments.size();
        worst = new int[n][n];
        total = new long[n][n];
        kind = new int[n][n];
        at = new int[n][n];
        weightPrefix = new long[n + 1];
        for (int i = 0; i < n; i++) weightPrefix[i + 1] = weightPrefix[i] + segments.get(i).weight();
        solve();
    }

    /**
     * Emits the search for {@code segments} (covering every number, ascending, neighbours with
     * different outcomes), jumping to {@code outcomeLabel.apply(outcome)} at each leaf.
     */
    static void emit(List<Segment> segments, IntFunction<Bpf.Label> outcomeLabel, LongFunction<String> names,
                     Labels labels, List<Bpf> out) {
        Dispatch d = new Dispatch(segments);
        d.names = names;
        Bpf.Label root = d.label(0, d.n - 1, outcomeLabel, labels);
        if (d.kind[0][d.n - 1] == LEAF) {
            out.add(new Bpf.Goto(root));
            return;
        }
        d.emitNode(0, d.n - 1, root, outcomeLabel, labels, out);
    }

    /** Worst-case number of comparisons the search makes, for tests and figures. */
    static int depth(List<Segment> segments) {
        return new Dispatch(segments).worst[0][segments.size() - 1];
    }

    private long weight(int i, int j) {
        return weightPrefix[j + 1] - weightPrefix[i];
    }

    private void solve() {
        for (int len = 1; len < n; len++) {
            for (int i = 0; i + len < n; i++) {
                int j = i + len;
                int bestWorst = Integer.MAX_VALUE;
                long bestTotal = Long.MAX_VALUE;
                int bestKind = -1;
                int bestAt = -1;
                if (len == 2 && seg.get(i).outcome() == seg.get(j).outcome() && seg.get(i + 1).single()) {
                    bestWorst = 1;
                    bestTotal = weight(i, j);
                    bestKind = JEQ;
                }
                // Prefer splits near the middle first so that ties keep the tree balanced.
                int mid = (i + j) / 2;
                for (int d = 0; d <= len; d++) {
                    for (int s = 0; s < 2; s++) {
                        int m = s == 0 ? mid - d : mid + d;
                        if (s == 1 && d == 0) continue;
                        if (m < i || m > j) continue;
                        if (m < j) {
                            int w = 1 + Math.max(worst[i][m], worst[m + 1][j]);
                            long t = weight(i, j) + total[i][m] + total[m + 1][j];
                            if (w < bestWorst || (w == bestWorst && t < bestTotal)) {
                                bestWorst = w;
                                bestTotal = t;
                                bestKind = SPLIT;
                                bestAt = m;
                            }
                        }
                        if (m > i && m < j && !seg.get(m).single()) {
                            int w = 1 + Math.max(worst[i][m], worst[m][j]);
                            long t = weight(i, j) + total[i][m] + total[m][j];
                            if (w < bestWorst || (w == bestWorst && t < bestTotal)) {
                                bestWorst = w;
                                bestTotal = t;
                                bestKind = SPLIT_IN;
                                bestAt = m;
                            }
                        }
                    }
                }
                worst[i][j] = bestWorst;
                total[i][j] = bestTotal;
                kind[i][j] = bestKind;
                at[i][j] = bestAt;
            }
        }
    }

    private Bpf.Label label(int i, int j, IntFunction<Bpf.Label> outcomeLabel, Labels labels) {
        if (i == j) return outcomeLabel.apply(seg.get(i).outcome());
        return labels.fresh("nr_" + Long.toHexString(seg.get(i).lo()) + "_" + Long.toHexString(seg.get(j).hi()));
    }

    private void emitNode(int i, int j, Bpf.Label self, IntFunction<Bpf.Label> outcomeLabel, Labels labels, List<Bpf> out) {
        out.add(new Bpf.Mark(self));
        int k = kind[i][j];
        if (k == JEQ) {
            Segment s = seg.get(i + 1);
            note(s.lo(), out);
            out.add(new Bpf.Jump(Bpf.Test.JEQ, (int) s.lo(), outcomeLabel.apply(s.outcome()),
                outcomeLabel.apply(seg.get(i).outcome())));
            return;
        }
        int m = at[i][j];
        int li = i;
        int lj = m;
        int ri = k == SPLIT ? m + 1 : m;
        int rj = j;
        long pivot = k == SPLIT ? seg.get(m + 1).lo() : seg.get(m).lo() + 1;
        Bpf.Label left = label(li, lj, outcomeLabel, labels);
        Bpf.Label right = label(ri, rj, outcomeLabel, labels);
        note(pivot, out);
        out.add(new Bpf.Jump(Bpf.Test.JGE, (int) pivot, right, left));
        if (li != lj) emitNode(li, lj, left, outcomeLabel, labels, out);
        if (ri != rj) emitNode(ri, rj, right, outcomeLabel, labels, out);
    }

    private void note(long nr, List<Bpf> out) {
        String name = names.apply(nr);
        if (name != null) out.add(new Bpf.Note(name));
    }

    /**
     * Cuts the number line into segments: each listed number has its outcome, other numbers up
     * to {@code top} get {@code rest}, and numbers above {@code top} get {@code aboveTop}, except
     * -1 (0xffffffff), which is no call at all and gets {@code rest}.
     */
    static List<Segment> segments(java.util.SortedMap<Long, Integer> outcomes, int rest,
                                  java.util.Set<Integer> realNumbers, long top, int aboveTop) {
        List<Segment> out = new ArrayList<>();
        long next = 0;
        for (java.util.Map.Entry<Long, Integer> e : outcomes.entrySet()) {
            long nr = e.getKey();
            if (nr > top) throw new IllegalArgumentException("number above the searched range: " + nr);
            if (nr > next) add(out, next, nr - 1, rest, realNumbers);
            add(out, nr, nr, e.getValue(), realNumbers);
            next = nr + 1;
        }
        if (next <= top) add(out, next, top, rest, realNumbers);
        if (top < 0xFFFFFFFFL) {
            add(out, top + 1, 0xFFFFFFFEL, aboveTop, realNumbers);
            add(out, 0xFFFFFFFFL, 0xFFFFFFFFL, rest, realNumbers);
        }
        return out;
    }

    /** Adds a range, merging it into the previous segment when the outcome is the same. */
    static void add(List<Segment> out, long lo, long hi, int outcome, java.util.Set<Integer> realNumbers) {
        int w = 0;
        for (int nr : realNumbers) if (nr >= lo && nr <= hi) w++;
        if (!out.isEmpty() && out.get(out.size() - 1).outcome() == outcome) {
            Segment p = out.remove(out.size() - 1);
            out.add(new Segment(p.lo(), hi, outcome, p.weight() + w));
        } else {
            out.add(new Segment(lo, hi, outcome, w));
        }
    }
}
