package dev.srt.backend.seccomp;

import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import java.util.List;

/**
 * What happens to one system-call number once it is known: guarded rules tried in order (the
 * first whose conditions all hold decides), then {@code otherwise}. Numbers with equal outcomes
 * share code and merge into one range of the search.
 */
record Outcome(List<Guard> guards, Action otherwise) {
    Outcome {
        guards = List.copyOf(guards);
    }

    /** A rule with at least one condition to test. */
    record Guard(List<ArgCondition> conditions, Action action) {
        Guard {
            conditions = List.copyOf(conditions);
        }
    }

    boolean pure() {
        return guards.isEmpty();
    }

    static Outcome of(Action a) {
        return new Outcome(List.of(), a);
    }
}
