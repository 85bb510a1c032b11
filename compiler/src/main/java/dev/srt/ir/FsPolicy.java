package dev.srt.ir;

import java.util.List;

/**
 * Filesystem rules after includes. {@code readDefault} is ALLOW unless the policy says
 * {@code read default deny} (workspace-only reads); writes are denied unless allowed.
 * {@code lifted} keeps protect rules an {@code unprotect} removed, for explain and diff.
 */
public record FsPolicy(Effect readDefault, Span readDefaultSpan, Effect writeDefault, Span writeDefaultSpan,
                       List<FsRule> rules, List<ProtectRule> protects, List<Lifted> lifted) {
    public FsPolicy {
        rules = List.copyOf(rules);
        protects = List.copyOf(protects);
        lifted = List.copyOf(lifted);
    }

    /** A protect rule and the unprotect line that lifted it. */
    public record Lifted(ProtectRule rule, Span by) {
    }
}
