package dev.srt.ir.eval;

import dev.srt.ir.Action;
import dev.srt.ir.Effect;
import java.util.List;

/**
 * The evaluator's answer: allow or deny, the syscall action when the probe was a system call,
 * the rule that decided, and the rules that matched but lost.
 */
public record Decision(Effect outcome, Action action, Origin decidedBy, List<Origin> overruled) {
    public Decision {
        overruled = List.copyOf(overruled);
    }

    public boolean allowed() {
        return outcome == Effect.ALLOW;
    }

    /** The verdict in policy words: allow, deny, or the syscall action. */
    public String verdict() {
        return action != null ? action.render() : outcome.word();
    }
}
