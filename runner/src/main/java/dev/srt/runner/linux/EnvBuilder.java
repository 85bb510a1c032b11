package dev.srt.runner.linux;

import dev.srt.ir.EnvPolicy;
import dev.srt.ir.RuntimeContext;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command's environment under {@link EnvPolicy}: a variable is set when a {@code set}
 * names it; otherwise removed when an {@code unset} pattern matches; otherwise passed when the
 * pass list is empty or matches. Passed to bwrap as its own environment (bwrap hands it on),
 * so no value ever appears on a command line.
 */
public final class EnvBuilder {
    private EnvBuilder() {
    }

    public static Map<String, String> build(EnvPolicy policy, Map<String, String> host, RuntimeContext ctx) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : host.entrySet()) {
            String name = e.getKey();
            if (anyMatches(policy.unset(), name)) continue;
            if (!policy.pass().isEmpty() && !anyMatches(policy.pass(), name)) continue;
            out.put(name, e.getValue());
        }
        for (EnvPolicy.Assignment a : policy.set()) out.put(a.name(), ctx.substitute(a.value()));
        return out;
    }

    // A loop, not a stream with a lambda: this runs on srt's start-up path, where the first
    // lambda costs milliseconds of java.lang.invoke set-up.
    private static boolean anyMatches(java.util.List<EnvPolicy.Pattern> patterns, String name) {
        for (EnvPolicy.Pattern p : patterns) if (p.matches(name)) return true;
        return false;
    }
}
