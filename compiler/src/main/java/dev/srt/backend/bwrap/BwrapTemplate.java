package dev.srt.backend.bwrap;

import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import java.util.List;

/**
 * The bwrap section of compiled.bin: everything the Linux runner needs to build the bwrap
 * command line, with run-time values ({@code ${home}}, {@code ${cwd}}, {@code ${tmp}},
 * {@code ${uid}}, {@code ${env:NAME}}) and globs still symbolic. The runner fills them in with a
 * {@link dev.srt.ir.RuntimeContext}, expands globs once ({@link GlobWalk}), plans the mounts
 * ({@link MountPlanner}) and renders the arguments in one place ({@link BwrapArgs}).
 *
 * @param format      version of this layout; the runner refuses formats it does not know
 * @param fixed       process arguments that do not depend on the run (namespaces, /dev, /proc)
 * @param readDefault {@code read default} of the policy
 * @param writeDefault write default of the policy (deny in the language today)
 * @param rules       filesystem rules in IR order
 * @param protects    protect rules still in force (unprotected ones are left out)
 * @param process     process-level switches the runner needs at run time
 * @param env         the environment rules (bwrap passes its own environment on to the command)
 */
public record BwrapTemplate(int format, List<BwrapArgs.Arg> fixed, Effect readDefault, Effect writeDefault,
                            List<PathRule> rules, List<Protect> protects, ProcessFlags process, EnvPolicy env) {
    public static final int FORMAT = 1;

    public BwrapTemplate {
        fixed = List.copyOf(fixed);
        rules = List.copyOf(rules);
        protects = List.copyOf(protects);
    }

    /** One {@code read|write allow|deny} rule with its symbolic canonical path. */
    public record PathRule(Access access, Effect effect, String path, boolean glob, String rule) {
    }

    /** One protect rule in force. */
    public record Protect(String path, boolean glob, String rule) {
    }

    /**
     * Switches decided by the policy that change how the runner starts the sandbox.
     *
     * @param network       true when some host may be reached: the runner must provide proxies
     * @param nestedUserns  the policy lets the program create user namespaces
     * @param hostProc      weaker-nested-sandbox: bind the host /proc instead of a new one
     * @param sharedTmp     keep the caller's TMPDIR instead of a private one
     * @param syscallRules  the policy has syscall rules or a default other than allow (so only the
     *                      seccomp back-end's program may enforce it)
     */
    public record ProcessFlags(boolean network, boolean nestedUserns, boolean hostProc, boolean sharedTmp,
                               boolean syscallRules) {
    }

    /** A copy with extra rules appended (the runner's own grants, such as the private TMPDIR). */
    public BwrapTemplate withExtraRules(List<PathRule> extra) {
        List<PathRule> all = new java.util.ArrayList<>(rules);
        all.addAll(extra);
        return new BwrapTemplate(format, fixed, readDefault, writeDefault, all, protects, process, env);
    }
}
