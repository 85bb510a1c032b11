package dev.srt.verify;

import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.eval.Decision;
import dev.srt.ir.eval.Evaluator;
import java.util.Optional;

/** The reference evaluator, in the fixed test context ({@link RuntimeContext#TEST}). */
public final class IrLayer implements Layer {
    @Override
    public String name() {
        return "ir";
    }

    @Override
    public Optional<Verdict> decide(Policy policy, Probe probe) {
        Decision d = new Evaluator(policy, RuntimeContext.TEST).decide(probe);
        return Optional.of(new Verdict(d.verdict(), d.decidedBy().toString()));
    }
}
