package dev.srt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.eval.Decision;
import dev.srt.ir.eval.Evaluator;
import dev.srt.testkit.IrGen;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the reference evaluator's precedence rules. */
class EvaluatorProperties {
    private static final Span S = new Span("prop.srt", 999, 1, 1);

    private static Policy withFs(Policy p, FsRule extra) {
        List<FsRule> rules = new ArrayList<>(p.filesystem().rules());
        rules.add(extra);
        FsPolicy fs = p.filesystem();
        return new Policy(1, p.sources(), new FsPolicy(fs.readDefault(), fs.readDefaultSpan(), fs.writeDefault(), fs.writeDefaultSpan(),
            rules, fs.protects(), fs.lifted()), p.network(), p.syscalls(), p.environment(), p.ignores(), p.options(), p.expectations());
    }

    @Property(tries = 500)
    void aDenyNamingThePathItselfAlwaysWins(@ForAll("policies") Policy p, @ForAll("paths") String path) {
        Policy q = withFs(p, new FsRule(Access.READ, Effect.DENY, new PathPattern(path), false, null, S));
        Decision d = new Evaluator(q, RuntimeContext.TEST).read(path);
        assertEquals(Effect.DENY, d.outcome());
        assertEquals(Effect.DENY, new Evaluator(q, RuntimeContext.TEST).write(path).outcome(), "unreadable means unwritable");
    }

    @Property(tries = 500)
    void anAllowNamingThePathWinsUnlessADenyTiesIt(@ForAll("policies") Policy p, @ForAll("paths") String path) {
        Policy q = withFs(p, new FsRule(Access.READ, Effect.ALLOW, new PathPattern(path), false, null, S));
        int depth = Paths.segments(path).size();
        boolean tiedDeny = false;
        for (FsRule r : p.filesystem().rules()) {
            if (r.access() == Access.READ && r.effect() == Effect.DENY
                && Glob.deepestMatch(Paths.segments(r.path().resolve(RuntimeContext.TEST)), Paths.segments(path)) == depth) {
                tiedDeny = true;
            }
        }
        Effect got = new Evaluator(q, RuntimeContext.TEST).read(path).outcome();
        assertEquals(tiedDeny ? Effect.DENY : Effect.ALLOW, got);
    }

    @Property(tries = 500)
    void aMoreSpecificRuleOverridesItsAncestor(@ForAll("policies") Policy p, @ForAll("paths") String path) {
        String child = path.equals("/") ? "/zz" : path + "/zz";
        Policy q = withFs(withFs(p, new FsRule(Access.WRITE, Effect.ALLOW, new PathPattern(path), false, null, S)),
            new FsRule(Access.WRITE, Effect.DENY, new PathPattern(child), false, null, S));
        // Unless one of the random rules names something deeper still (e.g. a glob "/*/*"),
        // the deny on the child is the deepest rule for a file inside it.
        List<String> target = Paths.segments(child + "/f");
        int childDepth = Paths.segments(child).size();
        for (FsRule r : p.filesystem().rules()) {
            if (r.access() == Access.WRITE && r.effect() == Effect.ALLOW
                && Glob.deepestMatch(Paths.segments(r.path().resolve(RuntimeContext.TEST)), target) > childDepth) return;
        }
        assertEquals(Effect.DENY, new Evaluator(q, RuntimeContext.TEST).write(child + "/f").outcome());
    }

    @Property(tries = 500)
    void protectedPathsAreNeverWritable(@ForAll("policies") Policy p, @ForAll("paths") String path) {
        Policy q = withFs(p, new FsRule(Access.WRITE, Effect.ALLOW, new PathPattern(path), false, null, S));
        Evaluator e = new Evaluator(q, RuntimeContext.TEST);
        for (ProtectRule pr : p.filesystem().protects()) {
            if (Glob.deepestMatch(Paths.segments(pr.path().resolve(RuntimeContext.TEST)), Paths.segments(path)) >= 0) {
                assertEquals(Effect.DENY, e.write(path).outcome());
            }
        }
    }

    @Property(tries = 500)
    void denyBeatsAllowOnTheNetwork(@ForAll("policies") Policy p, @ForAll("netRules") NetRule extra) {
        List<NetRule> rules = new ArrayList<>(p.network().rules());
        NetRule deny = new NetRule(Effect.DENY, extra.host(), extra.port(), false, null, S);
        rules.add(deny);
        rules.add(new NetRule(Effect.ALLOW, extra.host(), extra.port(), false, null, S));
        Policy q = new Policy(1, p.sources(), p.filesystem(), new NetPolicy(rules, p.network().unixSockets(), p.network().bind(), List.of()),
            p.syscalls(), p.environment(), p.ignores(), p.options(), p.expectations());
        Evaluator e = new Evaluator(q, RuntimeContext.TEST);
        for (String h : List.of("a.com", "b.a.com", "x.b.a.com", "127.0.0.1", "10.1.2.3", "::1", "fd00::1", "example.org")) {
            for (int port : List.of(80, 443)) {
                var c = Hosts.canonical(h).orElseThrow();
                if (dev.srt.ir.eval.Evaluator.matches(deny, c, port)) assertEquals(Effect.DENY, e.connect(h, port).outcome());
            }
        }
    }

    @Property(tries = 300)
    void theFirstMatchingSyscallRuleDecides(@ForAll("policies") Policy p, @ForAll("syscallRules") SyscallRule first) {
        List<SyscallRule> rules = new ArrayList<>();
        rules.add(first);
        rules.addAll(p.syscalls().rules());
        Policy q = new Policy(1, p.sources(), p.filesystem(), p.network(), new SyscallPolicy(p.syscalls().defaultAction(),
            p.syscalls().defaultSpan(), p.syscalls().foreignArch(), p.syscalls().foreignArchSpan(), rules, List.of()),
            p.environment(), p.ignores(), p.options(), p.expectations());
        for (long v : IrGen.VALUES) {
            long[] args = {v, v, v, v, v, v};
            Decision d = new Evaluator(q, RuntimeContext.TEST).syscall(first.name(), args);
            if (first.matches(args)) assertEquals(first.action(), d.action());
            else assertTrue(d.action() != null);
        }
    }

    @Provide
    Arbitrary<Policy> policies() {
        return IrGen.policies();
    }

    @Provide
    Arbitrary<String> paths() {
        return IrGen.concretePaths();
    }

    @Provide
    Arbitrary<NetRule> netRules() {
        return IrGen.netRules();
    }

    @Provide
    Arbitrary<SyscallRule> syscallRules() {
        return IrGen.syscallRules();
    }
}
