package dev.srt.backend.bwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.Access;
import dev.srt.ir.Action;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.Glob;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.PathPattern;
import dev.srt.ir.Paths;
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.eval.Evaluator;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The proof of the bwrap back-end: for random IR policies and a random concrete file tree, the
 * sandbox view computed from the planned mounts ({@link MountModel}) gives the same read and
 * write verdicts as {@link Evaluator} for every existing path, and for every path that could be
 * created the only differences are the documented ones (stricter in locked directories and for
 * grants on missing paths; a glob cannot cover a path created after start).
 */
class MountPlanProperties {
    static final RuntimeContext CTX = RuntimeContext.TEST; // home /home/user, cwd /home/user/work, tmp /tmp/srt
    static final List<String> BASES = List.of("/", "/home/user", "/home/user/work", "/tmp/srt", "/etc");
    static final List<String> NAMES = List.of("a", "b", ".x", "c.pem");
    static final List<String> UNIVERSE = universe();

    static List<String> universe() {
        List<String> out = new ArrayList<>();
        for (String b : BASES) {
            out.add(b);
            grow(b, 3, out);
        }
        return out;
    }

    private static void grow(String p, int depth, List<String> out) {
        if (depth == 0) return;
        for (String n : NAMES) {
            String c = p.equals("/") ? "/" + n : p + "/" + n;
            out.add(c);
            grow(c, depth - 1, out);
        }
    }

    static final List<String> SYMBOLIC = List.of("${home}", "${cwd}", "${tmp}", "/etc", "/home", "/tmp", "/home/user/work");
    static final List<String> GLOBS = List.of("/**/.x", "${cwd}/**/*.pem", "${home}/*/b", "/**/a/b", "${home}/[ab]",
        "/**/*.pem", "${cwd}/*", "/home/user/work/?");

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> literal = Combinators.combine(Arbitraries.of(SYMBOLIC),
            Arbitraries.of(NAMES).list().ofMaxSize(3)).as((b, segs) -> {
                StringBuilder s = new StringBuilder(b);
                for (String x : segs) s.append('/').append(x);
                return s.toString();
            });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, literal), net.jqwik.api.Tuple.of(1, Arbitraries.of(GLOBS)));
    }

    @Provide
    Arbitrary<Policy> policies() {
        Arbitrary<FsRule> rule = Combinators.combine(Arbitraries.of(Access.class), Arbitraries.of(Effect.class), patterns())
            .as((a, e, p) -> new FsRule(a, e, new PathPattern(p), false, null, new Span("t.srt", 1, 1, 1)));
        Arbitrary<ProtectRule> protect = patterns().map(p -> new ProtectRule(new PathPattern(p), new Span("t.srt", 2, 1, 1)));
        return Combinators.combine(rule.list().ofMaxSize(7), protect.list().ofMaxSize(2), Arbitraries.of(Effect.class),
            Arbitraries.of(Effect.DENY, Effect.DENY, Effect.DENY, Effect.ALLOW)).as(MountPlanProperties::policy);
    }

    static Policy policy(List<FsRule> rules, List<ProtectRule> protects, Effect readDefault, Effect writeDefault) {
        FsPolicy fs = new FsPolicy(readDefault, Span.BUILTIN, writeDefault, Span.BUILTIN, rules, protects, List.of());
        return new Policy(1, List.of(), fs, new NetPolicy(List.of(), List.of(), List.of(), List.of()),
            new SyscallPolicy(Action.ALLOW, Span.BUILTIN, Action.KILL_PROCESS, Span.BUILTIN, List.of(), List.of()),
            new EnvPolicy(List.of(), List.of(), List.of()), List.of(), List.of(), List.of());
    }

    @Provide
    Arbitrary<MemoryFs> trees() {
        return Arbitraries.of(0, 1, 2).list().ofSize(UNIVERSE.size()).map(coins -> {
            MemoryFs fs = new MemoryFs();
            for (String b : BASES) fs.dir(b);
            for (int i = 0; i < UNIVERSE.size(); i++) {
                String p = UNIVERSE.get(i);
                if (fs.exists(p) || coins.get(i) == 0) continue;
                String parent = MountPlanner.parent(p);
                if (!fs.isDir(parent)) continue;
                if (coins.get(i) == 1) fs.dir(p);
                else fs.file(p);
            }
            return fs;
        });
    }

    @Property(tries = 400)
    void mountPlanAgreesWithEvaluator(@ForAll("policies") Policy policy, @ForAll("trees") MemoryFs fs) throws Exception {
        check(policy, fs);
    }

    static MountPlan check(Policy policy, MemoryFs fs) throws Exception {
        BwrapTemplate t = TemplateCodec.read(TemplateCodec.write(BwrapBackend.template(policy)));
        MountPlan plan = MountPlanner.plan(t, CTX, fs, 100_000);
        MountModel view = new MountModel(plan);
        Evaluator ev = new Evaluator(policy, CTX);
        String ctx = "\npolicy: " + policy.filesystem() + "\nplan: " + plan + "\ntree:\n" + fs;
        for (int i = 0; i < plan.mounts().size(); i++) {
            String p = plan.mounts().get(i).path();
            assertTrue(fs.exists(p), "mount on a missing path (would create a placeholder): " + p + ctx);
            for (int j = i + 1; j < plan.mounts().size(); j++) {
                String q = plan.mounts().get(j).path();
                assertFalse(!q.equals(p) && GlobWalk.isUnder(p, q), "later mount hides an earlier one: " + q + ctx);
            }
        }
        List<String> lockedDirs = plan.locked().stream().map(MountPlan.Locked::dir).toList();
        for (String p : UNIVERSE) {
            if (fs.exists(p) && notSearched(policy, p, plan)) {
                // a leading-** glob matches here, outside the trees it is searched in (documented)
                continue;
            }
            if (fs.exists(p)) {
                assertEquals(ev.read(p).allowed(), view.read(p), "read " + p + ctx);
                if (lockedDirs.contains(p)) {
                    // a locked directory: its own entries cannot change (documented); never more permissive
                    assertFalse(view.write(p), "locked directory writable: " + p + ctx);
                } else {
                    assertEquals(ev.write(p).allowed(), view.write(p), "write " + p + ctx);
                }
            } else if (fs.isDir(MountPlanner.parent(p))) {
                boolean mw = view.write(p);
                boolean ew = ev.write(p).allowed();
                if (mw && !ew) {
                    assertTrue(globGap(policy, p, fs), "creatable but denied, and no glob explains it: " + p + ctx);
                } else if (!mw && ew) {
                    assertTrue(lockedDirs.contains(MountPlanner.parent(p)) || plan.uncreatable().contains(p)
                        || globGap(policy, p, fs), "cannot create " + p + " though allowed" + ctx);
                }
            }
        }
        return plan;
    }

    /** A glob that may match anywhere matches {@code p} or an ancestor outside the searched trees. */
    static boolean notSearched(Policy policy, String p, MountPlan plan) {
        List<String> segs = Paths.segments(p);
        for (FsRule r : policy.filesystem().rules()) {
            if (!r.path().isGlob() || !r.path().literalPrefix().equals("/")) continue;
            List<String> gs = Paths.segments(r.path().resolve(CTX));
            for (int k = segs.size(); k >= 0; k--) {
                String prefix = Paths.join(segs.subList(0, k));
                boolean searched = plan.anywhere().stream().anyMatch(root -> GlobWalk.isUnder(prefix, root));
                if (!searched && Glob.matchesWhole(gs, segs.subList(0, k))) return true;
            }
        }
        return false;
    }

    /** A glob rule matches {@code p} (or a missing ancestor of it) where nothing existed at start. */
    static boolean globGap(Policy policy, String p, MemoryFs fs) {
        List<PathPattern> globs = new ArrayList<>();
        for (FsRule r : policy.filesystem().rules()) if (r.path().isGlob()) globs.add(r.path());
        for (ProtectRule r : policy.filesystem().protects()) if (r.path().isGlob()) globs.add(r.path());
        List<String> segs = Paths.segments(p);
        for (PathPattern g : globs) {
            List<String> gs = Paths.segments(g.resolve(CTX));
            for (int k = segs.size(); k >= 0; k--) {
                String prefix = Paths.join(segs.subList(0, k));
                if (fs.exists(prefix)) break;
                if (Glob.matchesWhole(gs, segs.subList(0, k))) return true;
            }
        }
        return false;
    }
}
