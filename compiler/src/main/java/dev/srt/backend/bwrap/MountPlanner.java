package dev.srt.backend.bwrap;

import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.Glob;
import dev.srt.ir.Paths;
import dev.srt.ir.RuntimeContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans the mounts for one run. Every path a rule names (globs expanded by one walk) becomes a
 * node at its real location (symbolic links resolved; when a rule names a link, the stricter of
 * the verdicts at the link and at its target applies). A node gets a mount when what the policy
 * says there differs from what the enclosing mount gives, so the sandbox's view equals the
 * policy's verdict for every existing path. Three refinements make that hold against a
 * program that fights back:
 * <ul>
 * <li>pins: every ancestor of a mount inside a writable tree is bound onto itself, because a
 *     mount point cannot be renamed (rename(2): EBUSY) and renaming an ancestor would move the
 *     protected path away from where the policy names it;</li>
 * <li>locks: a denied or protected path that does not exist yet inside a writable tree cannot
 *     carry a mount without creating a placeholder on the host, so its deepest existing
 *     directory is made read-only instead (its existing entries are bound back with their own
 *     verdict): sound, but no new entry can be created in that one directory;</li>
 * <li>a hidden directory is an empty tmpfs with mode 0000 (0111 when re-allowed paths lie
 *     below it), remounted read-only after the mounts below it.</li>
 * </ul>
 */
public final class MountPlanner {
    /** Paths replaced wholesale in the sandbox (--proc, --dev): rules below them are not mounted. */
    private static final List<String> REPLACED = List.of("/proc", "/dev");

    private MountPlanner() {
    }

    private static final class Node {
        final String path;
        final Set<String> lexical = new LinkedHashSet<>();
        ResolvedRules.State state;
        FsView.Kind kind;
        boolean locked;
        String lockedFor;
        boolean pin;

        Node(String path) {
            this.path = path;
        }

        ResolvedRules.State eff() {
            return locked ? new ResolvedRules.State(state.read(), false) : state;
        }

        int depth() {
            return Paths.segments(path).size();
        }
    }

    public static MountPlan plan(BwrapTemplate t, RuntimeContext ctx, FsView fs, int walkLimit)
        throws GlobWalk.LimitExceeded {
        ResolvedRules rr = new ResolvedRules(t, ctx);
        ResolvedRules.State base = rr.state("/");

        // 1. glob jobs: one walk for all globs
        List<String> allowRoots = new ArrayList<>();
        for (ResolvedRules.Rule r : rr.rules()) {
            if (r.access() == Access.WRITE && r.effect() == Effect.ALLOW) allowRoots.add(prefix(r.pattern()));
        }
        if (t.writeDefault() == Effect.ALLOW) allowRoots.add("/");
        // A glob that may match anywhere ("**/x" is "/**/x") is searched in the working directory, the
        // temporary directory and the writable trees, not in the whole filesystem or the home
        // directory (hundreds of thousands of entries: seconds at every start).
        List<String> anywhere = new ArrayList<>();
        for (String p : List.of(ctx.cwd(), ctx.tmp())) {
            if (p != null && p.startsWith("/")) anywhere.add(Paths.normalize(p));
        }
        anywhere.addAll(allowRoots);
        anywhere = GlobWalk.outermost(anywhere);
        List<ResolvedRules.Rule> globs = new ArrayList<>();
        List<GlobWalk.Job> jobs = new ArrayList<>();
        for (ResolvedRules.Rule r : rr.rules()) {
            if (!r.glob()) continue;
            boolean writeDenyOnly = r.access() == Access.WRITE && r.effect() == Effect.DENY;
            globs.add(r);
            String pre = prefix(r.pattern());
            jobs.add(new GlobWalk.Job(r.pattern(), writeDenyOnly ? intersect(pre, allowRoots)
                : pre.equals("/") ? anywhere : List.of(pre)));
        }
        for (ResolvedRules.Rule r : rr.protects()) {
            if (!r.glob()) continue;
            globs.add(r);
            // a protect only matters where writes could be allowed
            jobs.add(new GlobWalk.Job(r.pattern(), intersect(prefix(r.pattern()), allowRoots)));
        }
        GlobWalk.Result walk = GlobWalk.expand(jobs, fs, walkLimit);
        List<MountPlan.Expansion> expansions = new ArrayList<>();
        for (int i = 0; i < globs.size(); i++) {
            expansions.add(new MountPlan.Expansion(globs.get(i).text(), globs.get(i).path(), walk.matches().get(i)));
        }

        // 2. nodes at real paths
        List<String> lexical = new ArrayList<>();
        for (ResolvedRules.Rule r : rr.rules()) if (!r.glob()) lexical.add(r.path());
        for (ResolvedRules.Rule r : rr.protects()) if (!r.glob()) lexical.add(r.path());
        for (List<String> m : walk.matches()) lexical.addAll(m);
        Map<String, Node> nodes = new TreeMap<>();
        for (String l : lexical) {
            if (l.equals("/") || replaced(l)) continue;
            String real = Paths.normalize(fs.realPath(l));
            if (real.equals("/") || replaced(real)) continue;
            Node node = nodes.get(real);
            if (node == null) nodes.put(real, node = new Node(real)); // no method reference: start-up path
            node.lexical.add(l);
        }
        for (Node n : nodes.values()) {
            n.state = rr.state(n.path);
            for (String l : n.lexical) n.state = n.state.and(rr.state(l));
            n.kind = fs.kind(n.path);
        }

        // 3. locks for denied paths that do not exist yet in writable trees; grants that cannot be created
        List<MountPlan.Locked> locked = new ArrayList<>();
        List<String> uncreatable = new ArrayList<>();
        for (Node n : sorted(nodes)) {
            if (n.kind != FsView.Kind.MISSING) continue;
            ResolvedRules.State gov = govEff(nodes, n.path, base);
            if (gov.write() && !n.state.write()) {
                String a = deepestExisting(n.path, fs);
                if (a == null || fs.kind(a) != FsView.Kind.DIR || replaced(a)) continue;
                Node an = nodes.get(a);
                ResolvedRules.State region = an != null ? an.state : govEff(nodes, a, base);
                if (an == null) {
                    an = new Node(a);
                    an.lexical.add(a);
                    an.state = region;
                    an.kind = FsView.Kind.DIR;
                    nodes.put(a, an);
                }
                if (!an.locked) {
                    an.locked = true;
                    an.lockedFor = n.path;
                    locked.add(new MountPlan.Locked(a, n.path));
                    for (FsView.Entry e : fs.list(a)) {
                        String c = a.equals("/") ? "/".concat(e.name()) : a.concat("/").concat(e.name());
                        if (nodes.containsKey(c) || !fs.realPath(c).equals(c) || replaced(c)) continue;
                        Node cn = new Node(c);
                        cn.lexical.add(c);
                        cn.state = region;
                        cn.kind = fs.kind(c);
                        nodes.put(c, cn);
                    }
                }
            } else if (!gov.write() && n.state.write()) {
                uncreatable.add(n.path);
            }
        }

        // 4. which existing nodes need a mount; pins for their ancestors inside writable trees
        List<Node> mounted = new ArrayList<>();
        List<Node> pins = new ArrayList<>();
        for (Node n : sorted(nodes)) {
            if (n.kind == FsView.Kind.MISSING) continue;
            Node gov = govNode(nodes, n.path);
            ResolvedRules.State govEff = gov != null ? gov.eff() : base;
            if (n.eff().equals(govEff)) continue;
            mounted.add(n);
            if (!govEff.write()) continue;
            String stop = gov != null ? gov.path : "/";
            for (String x = parent(n.path); !x.equals(stop) && !x.equals("/"); x = parent(x)) {
                if (nodes.containsKey(x)) break;
                Node p = new Node(x);
                p.state = govEff;
                p.kind = FsView.Kind.DIR;
                p.pin = true;
                pins.add(p);
            }
        }
        Map<String, Node> all = new TreeMap<>();
        for (Node n : mounted) all.put(n.path, n);
        for (Node p : pins) all.putIfAbsent(p.path, p);

        // 5. links a rule names whose directory is hidden in the sandbox
        List<MountPlan.Link> links = new ArrayList<>();
        for (Node n : nodes.values()) {
            for (String l : n.lexical) {
                if (l.equals(n.path)) continue;
                String target = fs.readLink(l);
                if (target == null) continue;
                Node g = govNode(nodes, l);
                if (!(g != null ? g.eff() : base).read()) links.add(new MountPlan.Link(l, target));
            }
        }

        // 6. mounts, ancestors first
        List<MountPlan.Mount> mounts = new ArrayList<>();
        for (Node n : sorted(all)) {
            ResolvedRules.State e = n.eff();
            MountPlan.Kind k = e.read() ? (e.write() ? MountPlan.Kind.BIND_RW : MountPlan.Kind.BIND_RO)
                : (n.kind == FsView.Kind.DIR ? MountPlan.Kind.HIDE_DIR : MountPlan.Kind.HIDE_FILE);
            mounts.add(new MountPlan.Mount(n.path, k, why(n)));
        }
        return new MountPlan(base, mounts, links, anywhere, expansions, locked, uncreatable, walk.visited());
    }

    private static String why(Node n) {
        if (n.pin) return "pinned: ancestor of a mount in a writable tree, so it cannot be renamed";
        if (n.locked) return "locked read-only: " + n.lockedFor + " is denied and does not exist yet";
        StringBuilder b = new StringBuilder(n.state.word());
        for (String l : n.lexical) if (!l.equals(n.path)) b.append(" (named as ").append(l).append(')');
        return b.toString();
    }

    /** Ancestors first (fewer segments), then by path; a class, not lambdas (start-up time). */
    private static final Comparator<Node> BY_DEPTH = new Comparator<>() {
        @Override
        public int compare(Node a, Node b) {
            int c = Integer.compare(a.depth(), b.depth());
            return c != 0 ? c : a.path.compareTo(b.path);
        }
    };

    private static List<Node> sorted(Map<String, Node> nodes) {
        List<Node> l = new ArrayList<>(nodes.values());
        l.sort(BY_DEPTH);
        return l;
    }

    /** The nearest existing ancestor node of {@code path} (strictly above it), or null. */
    private static Node govNode(Map<String, Node> nodes, String path) {
        for (String x = parent(path); x != null; x = x.equals("/") ? null : parent(x)) {
            Node n = nodes.get(x);
            if (n != null && n.kind != FsView.Kind.MISSING) return n;
        }
        return null;
    }

    private static ResolvedRules.State govEff(Map<String, Node> nodes, String path, ResolvedRules.State base) {
        Node g = govNode(nodes, path);
        return g != null ? g.eff() : base;
    }

    private static String deepestExisting(String path, FsView fs) {
        for (String x = path; ; x = parent(x)) {
            if (fs.kind(x) != FsView.Kind.MISSING) return x;
            if (x.equals("/")) return null;
        }
    }

    static String parent(String p) {
        int i = p.lastIndexOf('/');
        return i <= 0 ? "/" : p.substring(0, i);
    }

    private static boolean replaced(String p) {
        for (String r : REPLACED) if (GlobWalk.isUnder(p, r)) return true;
        return false;
    }

    /** The literal part of a pattern, e.g. /home/u/src for /home/u/src/**&#47;*.pem. */
    static String prefix(List<String> pattern) {
        List<String> out = new ArrayList<>();
        for (String s : pattern) {
            if (Glob.isGlobSegment(s)) break;
            out.add(s);
        }
        return Paths.join(out);
    }

    private static List<String> intersect(String prefix, List<String> roots) {
        List<String> out = new ArrayList<>();
        for (String r : roots) {
            if (GlobWalk.isUnder(r, prefix)) out.add(r);
            else if (GlobWalk.isUnder(prefix, r)) out.add(prefix);
        }
        return out;
    }
}
