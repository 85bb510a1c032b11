package dev.srt.ir;

import java.util.List;

/**
 * The intermediate representation: one policy after includes, constants and checks,
 * normalised (canonical paths and host names, sorted, deduplicated) and platform-neutral.
 * Every rule remembers the span it came from. {@link dev.srt.ir.eval.Evaluator} defines what
 * it means; every back-end is proven against that evaluator.
 */
public record Policy(int languageVersion, List<SourceRef> sources, FsPolicy filesystem, NetPolicy network,
                     SyscallPolicy syscalls, EnvPolicy environment, List<IgnoreRule> ignores,
                     List<OptionSetting> options, List<Expectation> expectations) {
    public Policy {
        sources = List.copyOf(sources);
        ignores = List.copyOf(ignores);
        options = List.copyOf(options);
        expectations = List.copyOf(expectations);
    }

    public boolean has(SandboxOption option) {
        return options.stream().anyMatch(o -> o.option() == option);
    }
}
