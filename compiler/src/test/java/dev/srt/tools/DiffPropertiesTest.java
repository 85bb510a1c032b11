package dev.srt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.Policy;
import dev.srt.ir.Span;
import dev.srt.ir.UnixSocketRule;
import dev.srt.testkit.IrGen;
import dev.srt.tools.diff.PolicyDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of {@code srtc diff} over random IR policies. */
class DiffPropertiesTest {
    @Property(tries = 200)
    void aPolicyIsEquivalentToItself(@ForAll("policies") Policy a) {
        PolicyDiff.Result r = PolicyDiff.diff(a, a);
        assertEquals("equivalent", r.verdict());
        assertTrue(r.changed().isEmpty());
    }

    @Property(tries = 200)
    void grantsOneWayAreRevocationsTheOtherWay(@ForAll("policies") Policy a, @ForAll("policies") Policy b) {
        PolicyDiff.Result ab = PolicyDiff.diff(a, b);
        PolicyDiff.Result ba = PolicyDiff.diff(b, a);
        assertEquals(describe(ab.granted(), false), describe(ba.revoked(), true));
        assertEquals(describe(ab.revoked(), false), describe(ba.granted(), true));
        assertEquals(ab.verdict().equals("broadens"), ba.verdict().equals("narrows"));
    }

    @Property(tries = 300)
    void addingAnAllowRuleNeverNarrows(@ForAll("policies") Policy a, @ForAll("allowRules") Object rule) {
        Policy b = withRule(a, rule);
        String v = PolicyDiff.diff(a, b).verdict();
        assertTrue(v.equals("broadens") || v.equals("equivalent"), v + " after adding " + rule);
    }

    @Property(tries = 100)
    void removingADenyOfAnAllowedTreeIsSeen(@ForAll("paths") dev.srt.ir.PathPattern p) {
        FsRule allow = new FsRule(dev.srt.ir.Access.READ, Effect.ALLOW, new dev.srt.ir.PathPattern("/"), false, null, new Span("t", 1, 1, 1));
        FsRule deny = new FsRule(dev.srt.ir.Access.READ, Effect.DENY, p, false, null, new Span("t", 2, 1, 1));
        Policy base = IrGen.policies().sample();
        Policy with = withFs(base, List.of(allow, deny));
        Policy without = withFs(base, List.of(allow));
        assertNotEquals("equivalent", PolicyDiff.diff(with, without).verdict(), "deny " + p + " removed");
    }

    /** The groups, with the old and new sides swapped when {@code swap}, as comparable text. */
    private static List<String> describe(List<PolicyDiff.Group> gs, boolean swap) {
        return gs.stream().map(g -> g.area() + " " + g.example() + " x" + g.count() + " "
                + (swap ? g.after() + "->" + g.before() + " " + g.newRule() + "->" + g.oldRule()
                        : g.before() + "->" + g.after() + " " + g.oldRule() + "->" + g.newRule()))
            .sorted().collect(Collectors.toList());
    }

    private static Policy withFs(Policy p, List<FsRule> rules) {
        FsPolicy f = p.filesystem();
        return new Policy(p.languageVersion(), p.sources(), new FsPolicy(Effect.DENY, f.readDefaultSpan(), f.writeDefault(),
            f.writeDefaultSpan(), rules, List.of(), List.of()), p.network(), p.syscalls(), p.environment(), p.ignores(), p.options(),
            p.expectations());
    }

    static Policy withRule(Policy p, Object rule) {
        FsPolicy f = p.filesystem();
        NetPolicy n = p.network();
        List<FsRule> fs = new ArrayList<>(f.rules());
        List<NetRule> net = new ArrayList<>(n.rules());
        List<UnixSocketRule> unix = new ArrayList<>(n.unixSockets());
        List<BindRule> bind = new ArrayList<>(n.bind());
        if (rule instanceof FsRule) fs.add((FsRule) rule);
        if (rule instanceof NetRule) net.add((NetRule) rule);
        if (rule instanceof UnixSocketRule) unix.add((UnixSocketRule) rule);
        if (rule instanceof BindRule) bind.add((BindRule) rule);
        return new Policy(p.languageVersion(), p.sources(),
            new FsPolicy(f.readDefault(), f.readDefaultSpan(), f.writeDefault(), f.writeDefaultSpan(), fs, f.protects(), f.lifted()),
            new NetPolicy(net, unix, bind, n.proxies()), p.syscalls(), p.environment(), p.ignores(), p.options(), p.expectations());
    }

    @Provide
    Arbitrary<Policy> policies() {
        return IrGen.policies();
    }

    @Provide
    Arbitrary<dev.srt.ir.PathPattern> paths() {
        return IrGen.paths();
    }

    @Provide
    Arbitrary<Object> allowRules() {
        Span s = new Span("added.srt", 1, 1, 1);
        return Arbitraries.oneOf(
            IrGen.fsRules().map(r -> new FsRule(r.access(), Effect.ALLOW, r.path(), false, null, s)),
            IrGen.netRules().map(r -> new NetRule(Effect.ALLOW, r.host(), r.port(), false, null, s)),
            IrGen.paths().map(p -> new UnixSocketRule(p, null, s)),
            Arbitraries.of(0, 80, 8080, 9000).map(port -> new BindRule(port, null, s)));
    }
}
