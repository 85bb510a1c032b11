package dev.srt.tools.diff;

import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.PathPattern;
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.UnixSocketRule;
import dev.srt.ir.eval.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * A policy with its path patterns already resolved in the test context, so the thousands of
 * decisions a diff makes do not substitute run-time variables again each time. A pattern whose
 * variable is unset in the test context (an {@code ${env:NAME}}) is kept symbolic: the
 * evaluator then treats it as matching nothing, exactly as before.
 */
final class Concrete {
    private Concrete() {
    }

    static Policy of(Policy p) {
        FsPolicy f = p.filesystem();
        List<FsRule> rules = new ArrayList<>();
        for (FsRule r : f.rules()) rules.add(new FsRule(r.access(), r.effect(), resolve(r.path()), r.exact(), r.because(), r.span()));
        List<ProtectRule> protects = new ArrayList<>();
        for (ProtectRule r : f.protects()) protects.add(new ProtectRule(resolve(r.path()), r.span()));
        List<UnixSocketRule> unix = new ArrayList<>();
        for (UnixSocketRule u : p.network().unixSockets()) unix.add(u.all() ? u : new UnixSocketRule(resolve(u.path()), u.because(), u.span()));
        NetPolicy n = p.network();
        return new Policy(p.languageVersion(), p.sources(),
            new FsPolicy(f.readDefault(), f.readDefaultSpan(), f.writeDefault(), f.writeDefaultSpan(), rules, protects, f.lifted()),
            new NetPolicy(n.rules(), unix, n.bind(), n.proxies()), p.syscalls(), p.environment(), p.ignores(), p.options(),
            p.expectations());
    }

    /** The decided-by origins of the concrete policy, mapped back to the rules as written (symbolic paths). */
    static Map<Origin, Origin> origins(Policy p) {
        Map<Origin, Origin> out = new HashMap<>();
        for (FsRule r : p.filesystem().rules()) {
            FsRule c = new FsRule(r.access(), r.effect(), resolve(r.path()), r.exact(), r.because(), r.span());
            out.put(new Origin(c.render(), r.span()), new Origin(r.render(), r.span()));
        }
        for (ProtectRule r : p.filesystem().protects()) {
            out.put(new Origin(new ProtectRule(resolve(r.path()), r.span()).render(), r.span()), new Origin(r.render(), r.span()));
        }
        for (UnixSocketRule u : p.network().unixSockets()) {
            if (u.all()) continue;
            out.put(new Origin(new UnixSocketRule(resolve(u.path()), u.because(), u.span()).render(), u.span()), new Origin(u.render(), u.span()));
        }
        return out;
    }

    private static PathPattern resolve(PathPattern p) {
        try {
            return new PathPattern(p.resolve(RuntimeContext.TEST));
        } catch (RuntimeContext.UnsetVariableException e) {
            return p;
        }
    }
}
