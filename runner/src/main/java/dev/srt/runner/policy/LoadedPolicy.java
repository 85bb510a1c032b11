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
 * @param sections every section of compiled.bin by name (the macOS runner reads the IR and the
 *                 Seatbelt profile from them); empty when not loaded from compiled.bin
 */
public record LoadedPolicy(BwrapTemplate bwrap, Map<String, byte[]> seccomp, EnvPolicy env, String origin,
                           Map<String, byte[]> sections) {
    public LoadedPolicy {
        seccomp = Map.copyOf(seccomp);
        sections = Map.copyOf(sections);
    }

    public LoadedPolicy(BwrapTemplate bwrap, Map<String, byte[]> seccomp, EnvPolicy env, String origin) {
        this(bwrap, seccomp, env, origin, Map.of());
    }

    /**
     * The IR section (JSON) of compiled.bin, decoded only when the network proxies need the rules;
     * null when unknown (then a policy that allows hosts cannot run).
     */
    public byte[] ir() {
        return sections.get(dev.srt.artifact.ArtifactFormat.IR_SECTION);
    }
}
