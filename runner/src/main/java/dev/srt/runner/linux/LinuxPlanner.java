package dev.srt.runner.linux;

import dev.srt.backend.bwrap.BwrapArgs;
import dev.srt.backend.bwrap.BwrapTemplate;
import dev.srt.backend.bwrap.GlobWalk;
import dev.srt.backend.bwrap.HostFs;
import dev.srt.backend.bwrap.MountPlan;
import dev.srt.backend.bwrap.MountPlanner;
import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.RuntimeContext;
import dev.srt.runner.SrtException;
import dev.srt.runner.launch.LaunchPlan;
import dev.srt.runner.net.NetworkBridge;
import dev.srt.runner.policy.LoadedPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a policy and a command into a {@link LaunchPlan.Bwrap}: fills in the run-time values,
 * adds the runner's own grants (the private TMPDIR is writable; other runs' directories and
 * this run's control files are hidden), plans the mounts and renders bwrap's arguments.
 */
public final class LinuxPlanner {
    /** Descriptors bwrap reads: --args, --seccomp, --json-status-fd. */
    public static final int FD_ARGS = 3;
    public static final int FD_SECCOMP = 4;
    public static final int FD_STATUS = 5;
    /** The terminal guard filter, stacked under the policy's ({@link SeccompFallback#terminalGuard}). */
    public static final int FD_GUARD = 6;
    /** The flag that gives the sandbox an empty network namespace of its own (bwrap(1)). */
    public static final String UNSHARE_NET = "--unshare-net";

    private LinuxPlanner() {
    }

    public static LaunchPlan.Bwrap plan(LoadedPolicy policy, List<String> command, RunDir run, Host.Ids ids,
                                        NetworkBridge.Session bridge, boolean wantDebug) throws SrtException {
        BwrapTemplate t = policy.bwrap();
        String arch = Host.arch();
        if (arch == null) throw new SrtException("unsupported architecture " + System.getProperty("os.arch"));
        byte[] seccomp = policy.seccomp().get(arch);
        if (policy.seccomp().isEmpty()) {
            throw new SrtException(policy.origin() + " has system-call rules but no seccomp program: recompile it with an "
                + "srtc that has the seccomp back-end");
        }
        if (seccomp == null) {
            throw new SrtException(policy.origin() + " has no seccomp program for " + arch + " (it has "
                + String.join(", ", new java.util.TreeSet<>(policy.seccomp().keySet())) + " only)");
        }
        if (seccomp.length == 0 || seccomp.length % 8 != 0 || seccomp.length / 8 > 4096) {
            throw new SrtException(policy.origin() + ": the seccomp program for " + arch + " is damaged");
        }
        Map<String, String> hostEnv = dev.srt.runner.HostEnvironment.get();
        String home = hostEnv.getOrDefault("HOME", System.getProperty("user.home"));
        if (home == null || !home.startsWith("/")) throw new SrtException("HOME is not an absolute path");
        String cwd;
        try {
            cwd = Path.of("").toAbsolutePath().toRealPath().toString();
        } catch (IOException e) {
            throw new SrtException("cannot resolve the working directory: " + e.getMessage());
        }
        String tmp = t.process().sharedTmp()
            ? hostEnv.getOrDefault("TMPDIR", "/tmp")
            : run.tmp().toString();
        String user = System.getProperty("user.name", ids.uid());
        RuntimeContext ctx = new RuntimeContext(home, cwd, tmp, ids.uid(), user, hostEnv);

        String base = real(run.base());
        List<BwrapTemplate.PathRule> grants = new ArrayList<>();
        grants.add(new BwrapTemplate.PathRule(Access.READ, Effect.DENY, base, false, "srt: other runs' directories are hidden"));
        if (!t.process().sharedTmp()) {
            grants.add(new BwrapTemplate.PathRule(Access.WRITE, Effect.ALLOW, real(run.tmp()), false,
                "srt: the private TMPDIR is writable"));
        }
        BwrapTemplate withGrants = t.withExtraRules(grants);
        int limit = walkLimit();
        MountPlan mounts;
        long t0 = System.nanoTime();
        dev.srt.runner.Timing.mark("context ready");
        try {
            mounts = MountPlanner.plan(withGrants, ctx, new HostFs(), limit);
        } catch (GlobWalk.LimitExceeded e) {
            throw new SrtException(e.getMessage());
        } catch (RuntimeException e) {
            throw new SrtException("cannot plan the sandbox's mounts: " + e.getMessage());
        }
        long planMs = (System.nanoTime() - t0) / 1_000_000;
        ProtectedSweep sweep = new ProtectedSweep(withGrants, ctx, mounts, limit);
        dev.srt.runner.Timing.mark("mounts planned");

        List<BwrapArgs.Arg> flags = new ArrayList<>();
        List<BwrapArgs.Arg> afterRoot = new ArrayList<>();
        boolean ownNetns = false;
        for (BwrapArgs.Arg a : t.fixed()) {
            if (a instanceof BwrapArgs.Flag && ((BwrapArgs.Flag) a).name().equals(UNSHARE_NET)) {
                ownNetns = true;
                // With the proxies, bwrap joins the namespace where the relays already listen
                // (NetworkBridge.Session#joinPrefix) instead of making an empty one.
                if (bridge != null) continue;
            }
            if (a instanceof BwrapArgs.Flag || a instanceof BwrapArgs.Opt) flags.add(a);
            else afterRoot.add(a);
        }
        if (!ownNetns) throw new SrtException(policy.origin() + ": its bwrap template has no " + UNSHARE_NET + " (damaged or foreign)");
        // As root bwrap keeps capabilities in the sandbox unless told otherwise (bwrap(1) --cap-drop).
        if (ids.root()) flags.add(new BwrapArgs.Opt("--cap-drop", "ALL"));
        List<BwrapArgs.Arg> all = new ArrayList<>(flags);
        all.addAll(mounts.args(afterRoot));
        List<String> args = new ArrayList<>(BwrapArgs.render(all, ctx));
        // --add-seccomp-fd (repeatable; bwrap refuses to mix it with --seccomp): the policy's filter
        // and the terminal guard, both applied to the command.
        args.addAll(BwrapArgs.render(List.of(new BwrapArgs.Fd("--add-seccomp-fd", FD_SECCOMP),
            new BwrapArgs.Fd("--add-seccomp-fd", FD_GUARD),
            new BwrapArgs.Fd("--json-status-fd", FD_STATUS), new BwrapArgs.Chdir(cwd)), ctx));
        // bwrap 0.8 takes options, not the command, from --args: the command follows "--" on argv
        // (where it would be visible anyway once it runs).
        List<String> cmd = new ArrayList<>();
        cmd.addAll(command);

        Map<String, String> env = new HashMap<>(EnvBuilder.build(policy.env(), hostEnv, ctx));
        env.put("TMPDIR", tmp);
        env.remove("SRT_STDIN_CLOSED");
        if (bridge != null) env.putAll(bridge.env());

        List<String> debug = new ArrayList<>();
        if (!wantDebug) {
            return new LaunchPlan.Bwrap(Host.bwrap().toString(), args, seccomp, SeccompFallback.terminalGuard(arch), cmd, env, cwd,
                run.dir(), debug, sweep);
        }
        debug.add("policy: " + policy.origin());
        debug.add("context: home=" + home + " cwd=" + cwd + " tmp=" + tmp + " uid=" + ids.uid() + (ids.root() ? " (root)" : ""));
        for (MountPlan.Expansion x : mounts.expansions()) {
            debug.add("glob " + x.rule() + " -> " + (x.matches().isEmpty() ? "no match" : String.join(", ", x.matches()))
                + "  [paths created after start are not covered]");
        }
        debug.add("glob walk: " + mounts.visited() + " entries, plan " + planMs + " ms; globs that may match anywhere (**/...) "
            + "searched under " + String.join(", ", mounts.anywhere()));
        for (MountPlan.Mount m : mounts.mounts()) debug.add("mount " + m.kind().name().toLowerCase() + " " + m.path() + "  (" + m.why() + ")");
        for (MountPlan.Locked l : mounts.locked()) {
            debug.add("locked " + l.dir() + ": no new entries, because " + l.missing() + " is denied and does not exist yet");
        }
        for (String u : mounts.uncreatable()) debug.add("cannot be created (inside a read-only tree): " + u);
        debug.add("seccomp: " + seccomp.length / 8 + " instructions for " + arch + " on fd " + FD_SECCOMP
            + ", terminal guard (TIOCSTI, TIOCLINUX) on fd " + FD_GUARD);
        debug.add("network: " + (t.process().network()
            ? (bridge != null ? "through srt's proxies; bwrap runs in the network namespace where srt's relays listen "
                + "(nsenter --net=/proc/KEEPER/ns/net -- bwrap ..., without " + UNSHARE_NET + ")"
                : "policy allows hosts but no proxies are available: NO network")
            : "none (private network namespace)"));
        StringBuilder line = new StringBuilder(Host.bwrap().toString());
        for (String a : args) line.append(' ').append(BwrapArgs.quote(a));
        line.append(" --");
        for (String a : cmd) line.append(' ').append(BwrapArgs.quote(a));
        debug.add("command line (options passed on fd " + FD_ARGS + " with --args): " + line);
        return new LaunchPlan.Bwrap(Host.bwrap().toString(), args, seccomp, SeccompFallback.terminalGuard(arch), cmd, env, cwd,
            run.dir(), debug, sweep);
    }

    private static String real(Path p) throws SrtException {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            throw new SrtException("cannot resolve " + p + ": " + e.getMessage());
        }
    }

    private static int walkLimit() {
        String s = System.getenv("SRT_GLOB_WALK_LIMIT");
        try {
            return s == null ? 1_000_000 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 1_000_000;
        }
    }

    /** 127 when the command cannot be found on the sandbox's PATH, 126 when it is not executable. */
    public static void checkCommand(String cmd, Map<String, String> env, String cwd) throws SrtException {
        if (cmd.contains("/")) {
            Path p = Path.of(cwd).resolve(cmd);
            if (!Files.exists(p)) throw new SrtException(SrtException.NOT_FOUND, cmd + ": No such file or directory");
            if (Files.isDirectory(p) || !Files.isExecutable(p)) {
                throw new SrtException(SrtException.NOT_EXECUTABLE, cmd + ": Permission denied");
            }
            return;
        }
        String path = env.get("PATH");
        boolean sawNonExec = false;
        for (String d : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(":", -1)) {
            Path p = Path.of(cwd).resolve(d.isEmpty() ? "." : d).resolve(cmd);
            if (Files.isRegularFile(p)) {
                if (Files.isExecutable(p)) return;
                sawNonExec = true;
            }
        }
        if (sawNonExec) throw new SrtException(SrtException.NOT_EXECUTABLE, cmd + ": Permission denied");
        throw new SrtException(SrtException.NOT_FOUND, cmd + ": command not found");
    }
}
