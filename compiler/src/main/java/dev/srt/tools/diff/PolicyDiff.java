package dev.srt.tools.diff;

import dev.srt.ir.Policy;
import dev.srt.ir.eval.Origin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code srtc diff}: the semantic difference between two policies after includes and defaults.
 * Both are decided by the reference evaluator on the same finite set of probe points
 * ({@link Points}); each point where they disagree is a permission granted (the new policy
 * permits what the old refused), revoked, or changed (refused both times, differently, e.g.
 * errno instead of kill-process). Points are grouped by the pair of rules responsible, with
 * the shortest point as the example.
 */
public final class PolicyDiff {
    private PolicyDiff() {
    }

    public enum Kind { GRANTED, REVOKED, CHANGED }

    /** All differing points decided by the same pair of rules. */
    public record Group(Kind kind, String area, String example, String before, String after, Origin oldRule, Origin newRule,
                        int count) {
    }

    public record Result(List<Group> granted, List<Group> revoked, List<Group> changed, int points) {
        public String verdict() {
            if (!granted.isEmpty() && !revoked.isEmpty()) return "mixed";
            if (!granted.isEmpty()) return "broadens";
            if (!revoked.isEmpty()) return "narrows";
            return "equivalent";
        }

        public boolean broadens() {
            return !granted.isEmpty();
        }
    }

    public static Result diff(Policy oldPolicy, Policy newPolicy) {
        Policy old = Concrete.of(oldPolicy);
        Policy neu = Concrete.of(newPolicy);
        Map<Origin, Origin> oldNames = Concrete.origins(oldPolicy);
        Map<Origin, Origin> newNames = Concrete.origins(newPolicy);
        List<Point> points = Points.of(old, neu);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Point p : points) {
            Point.Outcome a = named(p.decide(old), oldNames);
            Point.Outcome b = named(p.decide(neu), newNames);
            Kind k;
            if (!a.permits() && b.permits()) k = Kind.GRANTED;
            else if (a.permits() && !b.permits()) k = Kind.REVOKED;
            else if (!a.verdict().equals(b.verdict())) k = Kind.CHANGED;
            else continue;
            String key = k + "\u0000" + p.area() + "\u0000" + a.by() + "\u0000" + b.by() + "\u0000" + a.verdict() + "\u0000" + b.verdict();
            String ex = p.render();
            Group g = groups.get(key);
            if (g == null) {
                groups.put(key, new Group(k, p.area(), ex, a.verdict(), b.verdict(), a.by(), b.by(), 1));
            } else {
                String best = shorter(g.example(), ex);
                groups.put(key, new Group(k, g.area(), best, g.before(), g.after(), g.oldRule(), g.newRule(), g.count() + 1));
            }
        }
        List<Group> granted = new ArrayList<>();
        List<Group> revoked = new ArrayList<>();
        List<Group> changed = new ArrayList<>();
        for (Group g : groups.values()) (g.kind() == Kind.GRANTED ? granted : g.kind() == Kind.REVOKED ? revoked : changed).add(g);
        Comparator<Group> order = Comparator.comparing(Group::area).thenComparing(Group::example);
        granted.sort(order);
        revoked.sort(order);
        changed.sort(order);
        return new Result(granted, revoked, changed, points.size());
    }

    private static Point.Outcome named(Point.Outcome o, Map<Origin, Origin> names) {
        Origin n = names.get(o.by());
        return n == null ? o : new Point.Outcome(o.permits(), o.verdict(), n);
    }

    private static String shorter(String a, String b) {
        if (a.length() != b.length()) return a.length() < b.length() ? a : b;
        return a.compareTo(b) <= 0 ? a : b;
    }
}
