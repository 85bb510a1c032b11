package dev.srt.ir;

import java.util.List;

/**
 * System-call rules after includes, in precedence order: the first rule (in list order) whose
 * name matches and whose conditions all hold decides; otherwise the default action. List order
 * is: the compiled file's rules first, then those of the files it includes in include order
 * (depth first), each file's rules in source order. {@code lifted} keeps rules removed by an
 * {@code unless} capability the policy grants.
 */
public record SyscallPolicy(Action defaultAction, Span defaultSpan, Action foreignArch, Span foreignArchSpan,
                            List<SyscallRule> rules, List<SyscallRule> lifted) {
    public SyscallPolicy {
        rules = List.copyOf(rules);
        lifted = List.copyOf(lifted);
    }
}
