package dev.srt.runner.policy;

import dev.srt.backend.bwrap.BwrapTemplate;
import dev.srt.ir.EnvPolicy;
import java.util.Map;

/**
 * What the runner needs from a policy, however it was obtained (embedded default, compiled.bin,
 * policy.srt compiled on the fly).
 *
 * @param bwrap   the Linux back-end's template
 * @param seccomp raw {@code struct sock_filter} arrays by architecture ({@code x86_64}, {@code aarch64})
 * @param env     environment rules
 * @param origin  where the policy came from, for messages
 * @param ir      the IR section (JSON) of compiled.bin, decoded only when the network proxies need
 *                the rules; null when unknown (then a policy that allows hosts cannot run)
 */
public record LoadedPolicy(BwrapTemplate bwrap, Map<String, byte[]> seccomp, EnvPolicy env, String origin, byte[] ir) {
    public LoadedPolicy {
        seccomp = Map.copyOf(seccomp);
    }

    public LoadedPolicy(BwrapTemplate bwrap, Map<String, byte[]> seccomp, EnvPolicy env, String origin) {
        this(bwrap, seccomp, env, origin, null);
    }
}
