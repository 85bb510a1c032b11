package dev.srt.runner.macos;

import dev.srt.artifact.ArtifactFormat;
import dev.srt.artifact.IrJson;
import dev.srt.backend.Target;
import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.PathPattern;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.SandboxOption;
import dev.srt.ir.Span;
import dev.srt.runner.SrtException;
import dev.srt.runner.linux.EnvBuilder;
import dev.srt.runner.linux.LinuxPlanner;
import dev.srt.runner.linux.RunDir;
import dev.srt.runner.linux.Signals;
import dev.srt.runner.net.NetworkDecider;
import dev.srt.runner.net.NetworkProxies;
import dev.srt.runner.net.ProxyEnvironment;
import dev.srt.runner.net.ProxyHandle;
import dev.srt.runner.net.ProxyOptions;
import dev.srt.runner.net.ViolationSummary;
import dev.srt.runner.policy.LoadedPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code srt run} on macOS: the policy's Seatbelt profile for this run ({@link MacProfile})
 * in the private run directory, srt's proxies on a loopback TCP port when the policy allows
 * hosts, the unified-log follower for the run's tag, then {@code sandbox-exec -f PROFILE -D
 * ... -- COMMAND} with inherited stdio. Same exit statuses as on Linux: the command's own,
 * 128+N when it died of signal N, 125 when srt failed, 126/127 when the command cannot be
 * run or found. The run directory is removed on every exit path.
 */
public final class MacRunner {
    /**
     * Where the two macOS programs are and what the host looks like. Production uses the
     * fixed system paths and the real environment; tests substitute stand-ins.
     */
    public record Options(String sandboxExec, String log, Map<String, String> hostEnv, Duration logGrace) {
        public Options {
            hostEnv = Map.copyOf(hostEnv);
        }

        public static Options system() {
            return new Options(SandboxExecCommand.SANDBOX_EXEC, LogStreamCommand.LOG, dev.srt.runner.HostEnvironment.get(), Duration.ofMillis(500));
        }
    }

    static final String PROFILE_FILE = "profile.sb";

    private MacRunner() {
    }

    public static int run(LoadedPolicy policy, List<String> command, boolean debug, PrintStream err) {
        Signals.foregroundCheck(MacHost::foregroundOfTerminal);
        return run(policy, command, debug, err, Options.system());
    }

    public static int run(LoadedPolicy policy, List<String> command, boolean debug, PrintStream err, Options options) {
        try (RunDir run = RunDir.create(MacHost.uid())) {
            return runIn(run, policy, command, debug, err, options);
        } catch (SrtException e) {
            err.println("srt: " + e.getMessage());
            return e.status();
        } catch (RuntimeException e) {
            err.println("srt: internal error: " + e);
            return SrtException.FAILED;
        }
    }

    private static int runIn(RunDir run, LoadedPolicy loaded, List<String> command, boolean debug, PrintStream err, Options o)
        throws SrtException {
        Policy policy = irOf(loaded);
        byte[] compiled = loaded.sections().get(Target.SEATBELT.id);
        if (compiled == null) {
            throw new SrtException(loaded.origin() + " has no Seatbelt profile: it was compiled without the macOS back-end; "
                + "recompile it with this version's srtc");
        }
        Map<String, String> hostEnv = o.hostEnv();
        String home = hostEnv.getOrDefault("HOME", System.getProperty("user.home"));
        if (home == null || !home.startsWith("/")) throw new SrtException("HOME is not an absolute path");
        boolean sharedTmp = policy.has(SandboxOption.SHARED_TMP);
        // Seatbelt matches resolved paths (/private/var/..., not /var/...): every run-time value is a real path.
        String realHome = real(Path.of(home));
        String cwd = real(Path.of("").toAbsolutePath());
        String tmp = sharedTmp ? real(Path.of(hostEnv.getOrDefault("TMPDIR", "/tmp"))) : real(run.tmp());
        String uid = MacHost.uid();
        String user = hostEnv.getOrDefault("USER", System.getProperty("user.name", uid));
        RuntimeContext ctx = new RuntimeContext(realHome, cwd, tmp, uid, user, hostEnv);
        Policy withGrants = withRunnerGrants(policy, real(run.base()), sharedTmp ? null : tmp);
        String commandLine = String.join(" ", command);

        ProxyHandle proxies = null;
        DenialFollower follower = null;
        MacViolationLog violations = new MacViolationLog();
        try {
            int port = 0; // unused by the profile when the policy allows no host
            Map<String, String> env = new HashMap<>(EnvBuilder.build(policy.environment(), hostEnv, ctx));
            env.put("TMPDIR", tmp);
            env.remove("SRT_STDIN_CLOSED");
            if (!policy.network().proxies().isEmpty()) {
                // The profile lets the command reach the policy's own proxies directly (no netns to bridge).
                env.putAll(externalProxyEnv(policy.network()));
            } else if (policy.network().anyNetwork()) {
                try {
                    // No socket directory: one loopback TCP port serving HTTP and SOCKS5, usable only with the run's secret.
                    proxies = NetworkProxies.start(policy.network(), ProxyOptions.defaults(null, commandLine));
                } catch (IOException e) {
                    throw new SrtException("cannot start the network proxies: " + e.getMessage());
                }
                port = proxies.tcpPort();
                env.putAll(proxies.environment());
            }
            String tag = LogStreamCommand.newTag(new SecureRandom());
            MacProfile profile;
            try {
                profile = MacProfile.forRun(withGrants, new String(compiled, StandardCharsets.UTF_8), ctx, port, port, tag);
            } catch (IllegalStateException e) {
                throw new SrtException(e.getMessage());
            }
            Path profilePath = run.write(PROFILE_FILE, profile.text().getBytes(StandardCharsets.UTF_8));
            SandboxExecCommand sandbox = new SandboxExecCommand(o.sandboxExec(), profilePath, null, profile.parameters(), command);
            if (debug) {
                err.println("srt: debug: policy: " + loaded.origin());
                err.println("srt: debug: context: home=" + realHome + " cwd=" + cwd + " tmp=" + tmp + " uid=" + uid);
                err.println("srt: debug: profile " + profilePath + (profile.relowered() ? " (ordered for this run's layout)" : ""));
                err.println("srt: debug: network: " + (proxies != null ? "through srt's proxy on 127.0.0.1:" + port : "none"));
                err.println("srt: debug: command line: " + String.join(" ", sandbox.argv()));
            }
            LinuxPlanner.checkCommand(command.get(0), env, cwd);

            List<String> logArgv = new ArrayList<>(LogStreamCommand.argv(tag));
            logArgv.set(0, o.log());
            try {
                follower = DenialFollower.start(logArgv, new DenialParser(tag), new ViolationMapper(withGrants, ctx, commandLine),
                    violations);
            } catch (IOException e) {
                err.println("srt: warning: cannot follow the unified log (" + e.getMessage() + "): violations will not be reported");
            }
            int rc = launch(sandbox, env, cwd, "1".equals(hostEnv.get("SRT_STDIN_CLOSED")));
            if (follower != null) {
                closeFollower(follower, o.logGrace());
                follower = null;
            }
            String net = proxies == null ? "" : ViolationSummary.format(proxies.violations(), policy.ignores());
            err.print(net);
            err.print(violations.summary());
            return rc;
        } finally {
            if (follower != null) follower.close();
            if (proxies != null) proxies.close();
        }
    }

    /**
     * Starts sandbox-exec (which execs the command, as the optional sh does, so the child's pid
     * is the command's: signals go straight to it) and waits for it.
     */
    private static int launch(SandboxExecCommand sandbox, Map<String, String> env, String cwd, boolean stdinClosed)
        throws SrtException {
        List<String> argv = new ArrayList<>();
        // bin/srt gave the JVM /dev/null for a closed stdin; the command gets it closed, as on Linux.
        if (stdinClosed) argv.addAll(List.of("/bin/sh", "-c", "exec \"$@\" 0<&-", "srt"));
        argv.addAll(sandbox.argv());
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(new java.io.File(cwd));
        pb.inheritIO();
        AtomicLong pid = new AtomicLong(-1);
        Signals.target(pid::get);
        if (Signals.pendingExit() != 0) return Signals.pendingExit();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SrtException("cannot start " + sandbox.sandboxExec() + ": " + e.getMessage());
        }
        pid.set(p.pid());
        while (true) {
            try {
                // Java reports a child killed by signal N as 128+N, the shell's convention.
                return p.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: srt exits only after the command has
            }
        }
    }

    private static void closeFollower(DenialFollower follower, Duration grace) {
        try {
            follower.close(grace);
        } catch (InterruptedException e) {
            follower.close();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The runner's own rules, as on Linux: other runs' directories (under {@code base}) are
     * unreadable, the private TMPDIR (if any) is writable.
     */
    static Policy withRunnerGrants(Policy p, String base, String privateTmp) {
        FsPolicy fs = p.filesystem();
        List<FsRule> rules = new ArrayList<>(fs.rules());
        rules.add(new FsRule(Access.READ, Effect.DENY, new PathPattern(base), false, "srt: other runs' directories are hidden",
            Span.BUILTIN));
        if (privateTmp != null) {
            rules.add(new FsRule(Access.WRITE, Effect.ALLOW, new PathPattern(privateTmp), false, "srt: the private TMPDIR is writable",
                Span.BUILTIN));
        }
        java.util.Collections.sort(rules); // the IR keeps its rules sorted
        FsPolicy granted = new FsPolicy(fs.readDefault(), fs.readDefaultSpan(), fs.writeDefault(), fs.writeDefaultSpan(), rules,
            fs.protects(), fs.lifted());
        return new Policy(p.languageVersion(), p.sources(), granted, p.network(), p.syscalls(), p.environment(), p.ignores(),
            p.options(), p.expectations());
    }

    /** The proxy variables for {@code proxy http|socks "HOST:PORT"} lines: the first of each kind, reached directly. */
    static Map<String, String> externalProxyEnv(dev.srt.ir.NetPolicy net) {
        String http = null;
        String socks = null;
        String ssh = null;
        for (dev.srt.ir.ExternalProxy p : net.proxies()) {
            String host = p.host().contains(":") ? "[" + p.host() + "]" : p.host();
            if (p.kind() == dev.srt.ir.ExternalProxy.Kind.HTTP && http == null) {
                http = "http://" + host + ":" + p.port();
                ssh = "socat - PROXY:" + host + ":%h:%p,proxyport=" + p.port();
            } else if (p.kind() == dev.srt.ir.ExternalProxy.Kind.SOCKS && socks == null) {
                socks = "socks5h://" + host + ":" + p.port();
            }
        }
        return ProxyEnvironment.build(http, socks, ssh, new NetworkDecider(net));
    }

    private static Policy irOf(LoadedPolicy loaded) throws SrtException {
        byte[] ir = loaded.sections().get(ArtifactFormat.IR_SECTION);
        if (ir == null) throw new SrtException(loaded.origin() + " has no IR section");
        try {
            return IrJson.readPolicy(ir);
        } catch (IOException | RuntimeException e) {
            throw new SrtException(loaded.origin() + ": the policy's IR is unreadable: " + e.getMessage());
        }
    }

    private static String real(Path p) throws SrtException {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            throw new SrtException("cannot resolve " + p + ": " + e.getMessage());
        }
    }
}
