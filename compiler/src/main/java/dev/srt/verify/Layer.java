package dev.srt.verify;

import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import java.util.Optional;

/**
 * One place an expectation is checked: the IR evaluator, or a back-end's output through an
 * evaluator of that output. Empty when the layer has nothing to say about the probe (e.g. the
 * seccomp layer about a file read).
 */
public interface Layer {
    String name();

    Optional<Verdict> decide(Policy policy, Probe probe);

    /** A layer's answer: allow/deny or a syscall action, and the rule it credits. */
    record Verdict(String verdict, String rule) {
    }
}
