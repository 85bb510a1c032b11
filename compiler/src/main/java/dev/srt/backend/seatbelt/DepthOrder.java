package dev.srt.backend.seatbelt;

import dev.srt.ir.Effect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns srt's "deepest matching rule wins, deny on ties" into Seatbelt's "last matching rule
 * wins". Each rule becomes one entry per depth at which it can match a path's prefix, and the
 * entries are sorted by that depth, allow before deny at equal depth:
 * <ul>
 * <li>a literal path or a glob without {@code **} matches at one depth only (a {@code subpath}
 *     or an anchored {@code regex});</li>
 * <li>a glob with {@code **} gets one entry per depth up to the deepest fixed-depth rule
 *     ({@code K}), each a regex whose {@code **} segments span exactly that many segments,
 *     and one entry for every depth beyond {@code K}, placed after all others. Beyond
 *     {@code K} only {@code **} globs compete: when globs of both effects are present, deny
 *     wins there, which is the one approximation (it can only refuse more).</li>
 * </ul>
 * Depths depend on the run-time {@link Layout}.
 */
final class DepthOrder {
    /** At most this many alternatives in one band's regex; beyond, the rule is placed conservatively. */
    static final int MAX_ALTERNATIVES = 64;
    private static final int TAIL = Integer.MAX_VALUE - 1;

    /** A rule to order: its effect, pattern, comment text and a key for approximation notes. */
    record Source(Effect effect, SbplPattern pattern, String why, Object key) {
    }

    private record Banded(long band, int effectOrder, int index, Ordered entry, Source source) {
    }

    private DepthOrder() {
    }

    /** The ordered entries, and notes for rules that are approximated. */
    record Result(List<Ordered> entries, Map<Object, String> approximate) {
    }

    static Result order(List<Source> sources, Layout layout) {
        int k = -1;
        for (Source s : sources) if (!s.pattern.hasDoubleStar()) k = Math.max(k, s.pattern.fixedDepth(layout));
        boolean starAllow = false;
        boolean starDeny = false;
        for (Source s : sources) {
            if (!s.pattern.hasDoubleStar()) continue;
            if (s.effect == Effect.ALLOW) starAllow = true;
            else starDeny = true;
        }
        Map<Object, String> approx = new LinkedHashMap<>();
        List<Banded> out = new ArrayList<>();
        int index = 0;
        for (Source s : sources) {
            int eo = s.effect == Effect.ALLOW ? 0 : 1;
            SbplPattern p = s.pattern;
            int fixed = p.fixedDepth(layout);
            if (!p.hasDoubleStar()) {
                Sexp f = p.restrict(p.isLiteral() ? Sexp.list("subpath", p.stringExpr()) : Sexp.list("regex", p.regex(List.of(new int[0]), false)));
                out.add(new Banded(fixed, eo, index++, new Ordered(s.effect, f, s.why + " (depth " + fixed + ")"), s));
                continue;
            }
            int j = p.doubleStars();
            List<Banded> mine = new ArrayList<>();
            boolean tooBig = false;
            for (int depth = fixed; depth <= k && !tooBig; depth++) {
                List<int[]> choices = compositions(depth - fixed, j);
                if (choices.size() > MAX_ALTERNATIVES) {
                    tooBig = true;
                    break;
                }
                mine.add(new Banded(depth, eo, index++, new Ordered(s.effect, p.restrict(Sexp.list("regex", p.regex(choices, false))),
                    s.why + " (matching at depth " + depth + ")"), s));
            }
            int atLeast = Math.max(0, k + 1 - fixed);
            List<int[]> tail = compositions(atLeast, j);
            if (tooBig || tail.size() > MAX_ALTERNATIVES) {
                // Conservative placement: an allow before every other rule, a deny after all of them.
                Sexp any = p.restrict(Sexp.list("regex", p.regex(compositions(0, j), true)));
                long band = s.effect == Effect.ALLOW ? -1 : (long) TAIL + 1;
                out.add(new Banded(band, eo, index++, new Ordered(s.effect, any, s.why + " (any depth, placed conservatively)"), s));
                approx.put(s.key, "too many ** combinations to order by depth; the "
                    + (s.effect == Effect.ALLOW ? "allow yields to every deny rule" : "deny overrides every allow rule"));
                continue;
            }
            out.addAll(mine);
            out.add(new Banded(TAIL, eo, index++, new Ordered(s.effect, p.restrict(Sexp.list("regex", p.regex(tail, true))),
                s.why + (k < 0 ? " (any depth)" : " (matching deeper than depth " + k + ")")), s));
            if (starAllow && starDeny) {
                String where = k < 0 ? "where ** globs of both effects match"
                    : "where ** globs of both effects match deeper than depth " + k + " (the deepest fixed-depth rule)";
                approx.put(s.key, where + ", the deny glob wins even if the allow glob matched deeper");
            }
        }
        out.sort(Comparator.comparingLong(Banded::band).thenComparingInt(Banded::effectOrder).thenComparingInt(Banded::index));
        // Neighbouring entries of one rule become one (same effect, so the last match is unchanged).
        List<Ordered> entries = new ArrayList<>();
        List<Sexp> run = new ArrayList<>();
        long first = 0;
        for (int i = 0; i < out.size(); i++) {
            Banded b = out.get(i);
            if (run.isEmpty()) first = b.band;
            run.add(b.entry.filter());
            boolean last = i + 1 == out.size() || out.get(i + 1).source != b.source;
            if (!last) continue;
            if (run.size() == 1) {
                entries.add(b.entry);
            } else {
                entries.add(new Ordered(b.entry.effect(), Sexp.list("require-any", run),
                    b.source.why + " (matching at depths " + first + (b.band == TAIL ? " and deeper" : " to " + b.band) + ")"));
            }
            run = new ArrayList<>();
        }
        return new Result(entries, approx);
    }

    /** Every way to split {@code total} segments among {@code parts} {@code **} segments. */
    static List<int[]> compositions(int total, int parts) {
        List<int[]> out = new ArrayList<>();
        if (parts == 0) {
            if (total == 0) out.add(new int[0]);
            return out;
        }
        fill(out, new int[parts], 0, total);
        return out;
    }

    private static void fill(List<int[]> out, int[] cur, int at, int left) {
        if (out.size() > MAX_ALTERNATIVES) return;
        if (at == cur.length - 1) {
            cur[at] = left;
            out.add(cur.clone());
            return;
        }
        for (int n = 0; n <= left; n++) {
            cur[at] = n;
            fill(out, cur, at + 1, left - n);
        }
    }

    /** A set of paths as one filter: none, every path, or those {@code filter} matches. */
    record Region(boolean everything, Sexp filter) {
        static final Region NONE = new Region(false, null);
        static final Region ALL = new Region(true, null);

        boolean isEmpty() {
            return !everything && filter == null;
        }
    }

    /**
     * The paths a last-match-wins list denies (Seatbelt's default being deny): a deny entry's
     * filter minus every later allow entry's, or matched by no entry at all.
     */
    static Region denied(List<Ordered> list) {
        List<Sexp> terms = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Ordered e = list.get(i);
            if (e.effect() != Effect.DENY) continue;
            List<Sexp> later = new ArrayList<>();
            boolean coveredByAll = false;
            for (int j = i + 1; j < list.size(); j++) {
                Ordered a = list.get(j);
                if (a.effect() != Effect.ALLOW) continue;
                if (a.filter() == null) coveredByAll = true;
                else later.add(a.filter());
            }
            if (coveredByAll) continue;
            Sexp f = e.filter();
            if (f == null && later.isEmpty()) return Region.ALL;
            if (f == null) terms.add(Sexp.list("require-not", anyOf(later)));
            else terms.add(later.isEmpty() ? f : Sexp.list("require-all", f, Sexp.list("require-not", anyOf(later))));
        }
        List<Sexp> all = new ArrayList<>();
        boolean everything = false;
        for (Ordered e : list) {
            if (e.filter() == null) everything = true;
            else all.add(e.filter());
        }
        if (!everything) {
            if (all.isEmpty()) return Region.ALL;
            terms.add(Sexp.list("require-not", anyOf(all)));
        }
        return terms.isEmpty() ? Region.NONE : new Region(false, anyOf(terms));
    }

    private static Sexp anyOf(List<Sexp> fs) {
        return fs.size() == 1 ? fs.get(0) : Sexp.list("require-any", fs);
    }
}
