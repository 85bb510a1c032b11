package dev.srt.tools.lint;

import dev.srt.diag.Diagnostic;
import dev.srt.ir.FsRule;
import dev.srt.ir.NetRule;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.Span;
import dev.srt.ir.UnixSocketRule;
import dev.srt.ir.eval.Decision;
import dev.srt.ir.eval.Evaluator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code srtc lint}: dangerous grants, found by asking the reference evaluator about known
 * dangerous targets (so a glob or a parent directory that grants them is found too, not just
 * a rule naming them). Each finding points at the rule that decided, says why it is dangerous
 * and is silenced by a written justification on that rule ({@code because "..."}). Rules of
 * stock policies ({@code std:NAME}) are reviewed with srt and not reported. These checks come
 * on top of the compiler's own warnings (W09xx, {@code dev.srt.check.WarningsPass}); a rule the
 * compiler already warned about is not reported twice.
 */
public final class Linter {
    private final Policy policy;
    private final Evaluator eval;
    private final Map<Span, String> because = new HashMap<>();
    private final Set<Span> alreadyWarned;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    private Linter(Policy policy, Set<Span> alreadyWarned) {
        this.policy = policy;
        this.eval = new Evaluator(policy, RuntimeContext.TEST);
        this.alreadyWarned = alreadyWarned;
        for (FsRule r : policy.filesystem().rules()) if (r.because() != null) because.put(r.span(), r.because());
        for (NetRule r : policy.network().rules()) if (r.because() != null) because.put(r.span(), r.because());
        for (UnixSocketRule r : policy.network().unixSockets()) if (r.because() != null) because.put(r.span(), r.because());
    }

    /** The lint findings (warnings, sorted), given the spans the compiler already warned about. */
    public static List<Diagnostic> lint(Policy policy, Set<Span> alreadyWarned) {
        Linter l = new Linter(policy, alreadyWarned);
        l.run();
        l.out.sort(null);
        return l.out;
    }

    private void run() {
        for (LintCheck c : LintCheck.ALL) {
            for (LintCheck.Target t : c.targets()) {
                Decision d = eval.decide(t.probe());
                if (!c.flags(d)) continue;
                Span s = d.decidedBy().span();
                if (s.isBuiltin() || s.file().startsWith("std:")) continue;
                if (because.containsKey(s) || alreadyWarned.contains(s)) continue;
                if (!seen.add(c.code() + s)) continue;
                out.add(Diagnostic.warning(c.code(), c.message(t), s, c.help()));
            }
        }
        for (Diagnostic d : SymlinkDenies.check(policy, eval)) if (seen.add(d.code() + d.span())) out.add(d);
    }
}
