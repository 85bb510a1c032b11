package dev.srt.backend.bwrap;

import dev.srt.backend.Backend;
import dev.srt.backend.Enforcement;
import dev.srt.backend.Lowered;
import dev.srt.backend.Target;
import dev.srt.ir.Access;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.FsRule;
import dev.srt.ir.NetRule;
import dev.srt.ir.OptionSetting;
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.SandboxOption;
import dev.srt.ir.UnixSocketRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers the IR to a {@link BwrapTemplate}: the process isolation options bwrap gets on every
 * run and the filesystem rules, still symbolic. Mounts are planned at run time because their
 * order depends on run-time paths (is the working directory inside a denied tree?) and globs
 * are expanded against the real tree then.
 */
public final class BwrapBackend implements Backend {
    @Override
    public Target target() {
        return Target.BWRAP;
    }

    @Override
    public Lowered lower(Policy policy) {
        BwrapTemplate t = template(policy);
        byte[] bytes = TemplateCodec.write(t);
        return new Lowered(Target.BWRAP, bytes, readable(t), enforcement(policy), List.of());
    }

    public static BwrapTemplate template(Policy policy) {
        boolean nested = policy.has(SandboxOption.NESTED_USERNS);
        boolean hostProc = policy.has(SandboxOption.WEAKER_NESTED_SANDBOX);
        List<BwrapArgs.Arg> fixed = new ArrayList<>();
        // bwrap(1): each namespace below is private to the sandbox.
        fixed.add(new BwrapArgs.Flag("--die-with-parent"));
        fixed.add(new BwrapArgs.Flag("--unshare-user"));
        fixed.add(new BwrapArgs.Flag("--unshare-pid"));
        fixed.add(new BwrapArgs.Flag("--unshare-ipc"));
        fixed.add(new BwrapArgs.Flag("--unshare-uts"));
        fixed.add(new BwrapArgs.Flag("--unshare-cgroup-try"));
        // Always a new network namespace: only loopback inside; the network is reached, if the
        // policy allows any host, through the proxies the runner bridges in.
        fixed.add(new BwrapArgs.Flag("--unshare-net"));
        // --disable-userns sets user.max_user_namespaces=0 inside the sandbox's user namespace.
        if (!nested) fixed.add(new BwrapArgs.Flag("--disable-userns"));
        fixed.add(new BwrapArgs.Dev("/dev"));
        if (hostProc) fixed.add(new BwrapArgs.Bind(true, "/proc", "/proc"));
        else fixed.add(new BwrapArgs.Proc("/proc"));
        List<BwrapTemplate.PathRule> rules = new ArrayList<>();
        for (FsRule r : policy.filesystem().rules()) {
            rules.add(new BwrapTemplate.PathRule(r.access(), r.effect(), r.path().text(), r.path().isGlob(), r.render()));
        }
        List<BwrapTemplate.Protect> protects = new ArrayList<>();
        for (ProtectRule p : policy.filesystem().protects()) {
            protects.add(new BwrapTemplate.Protect(p.path().text(), p.path().isGlob(), p.render()));
        }
        BwrapTemplate.ProcessFlags flags = new BwrapTemplate.ProcessFlags(policy.network().anyNetwork(), nested,
            hostProc, policy.has(SandboxOption.SHARED_TMP),
            !policy.syscalls().rules().isEmpty() || !policy.syscalls().defaultAction().permits());
        return new BwrapTemplate(BwrapTemplate.FORMAT, fixed, policy.filesystem().readDefault(),
            policy.filesystem().writeDefault(), rules, protects, flags, policy.environment());
    }

    /** The form {@code srtc emit} shows. */
    public static String readable(BwrapTemplate t) {
        StringBuilder b = new StringBuilder();
        b.append("# bwrap template (format ").append(t.format()).append(")\n");
        b.append("bwrap");
        for (String a : BwrapArgs.render(t.fixed(), dev.srt.ir.RuntimeContext.TEST)) b.append(' ').append(BwrapArgs.quote(a));
        b.append(" \\\n  <mounts planned at run time> -- COMMAND...\n");
        b.append("# root: read ").append(t.readDefault().word()).append(", write ").append(t.writeDefault().word()).append('\n');
        for (BwrapTemplate.PathRule r : t.rules()) {
            b.append(r.rule()).append(r.glob() ? "    # glob: expanded at start" : "").append('\n');
        }
        for (BwrapTemplate.Protect p : t.protects()) {
            b.append(p.rule()).append(p.glob() ? "    # glob: expanded at start" : "").append('\n');
        }
        BwrapTemplate.ProcessFlags f = t.process();
        b.append("# network: ").append(f.network() ? "proxies bridged into the private network namespace" : "none (loopback only)")
            .append("; nested user namespaces: ").append(f.nestedUserns() ? "allowed" : "disabled")
            .append("; /proc: ").append(f.hostProc() ? "host (weaker)" : "new")
            .append("; TMPDIR: ").append(f.sharedTmp() ? "caller's" : "private per run").append('\n');
        return b.toString();
    }

    static final String GLOB_GAP = "expanded once at start by a single bounded walk (symbolic links not followed; "
        + "/proc, /sys and /dev not searched; a pattern that may match anywhere, such as **/x, is searched only under "
        + "${cwd}, ${tmp} and the writable trees); a matching path created after start is not covered";

    public static List<Enforcement> enforcement(Policy policy) {
        List<Enforcement> out = new ArrayList<>();
        for (FsRule r : policy.filesystem().rules()) {
            boolean glob = r.path().isGlob();
            String how;
            if (r.access() == Access.READ && r.effect() == Effect.DENY) {
                how = "an empty read-only tmpfs (directory) or /dev/null (file) mounted at the real path; "
                    + "if missing inside a writable tree, its directory is locked read-only so it cannot be created";
            } else if (r.access() == Access.READ) {
                how = "the host path bound back read-only over what hides it";
            } else if (r.effect() == Effect.ALLOW) {
                how = "read-write bind mount; a missing path inside a read-only tree cannot be created";
            } else {
                how = "read-only bind mount inside the writable tree; if missing, its directory is locked read-only";
                if (glob) how += "; a match created during the run is removed when the command has exited";
            }
            if (glob) how = GLOB_GAP + "; each match: " + how;
            out.add(new Enforcement(r.span(), r.render(), Target.BWRAP,
                glob ? Enforcement.Level.APPROXIMATE : Enforcement.Level.EXACT, how));
        }
        for (ProtectRule p : policy.filesystem().protects()) {
            boolean glob = p.path().isGlob();
            String how = glob
                ? GLOB_GAP + " (only inside writable trees); each existing match is bound read-only and its ancestors "
                    + "pinned; a matching path that does not exist at start can be created during the run and is removed when the command "
                    + "has exited (not if srt itself is killed)"
                : "bound read-only with its ancestors pinned (cannot be renamed); if missing, the directory that "
                    + "would hold it is locked read-only so it cannot be created (no placeholder on the host)";
            out.add(new Enforcement(p.span(), p.render(), Target.BWRAP,
                glob ? Enforcement.Level.APPROXIMATE : Enforcement.Level.EXACT, how));
        }
        network(policy, out);
        if (policy.filesystem().readDefault() == Effect.DENY) {
            out.add(new Enforcement(policy.filesystem().readDefaultSpan(), "read default deny", Target.BWRAP,
                Enforcement.Level.EXACT, "the root is an empty read-only tmpfs; only allowed trees are bound in"));
        }
        for (OptionSetting o : policy.options()) {
            if (o.option() == SandboxOption.WEAKER_NESTED_SANDBOX) {
                out.add(new Enforcement(o.span(), "sandbox { weaker-nested-sandbox }", Target.BWRAP,
                    Enforcement.Level.APPROXIMATE, "the host /proc is bound instead of a new one: host processes are visible"));
            } else if (o.option() == SandboxOption.ALLOW_PTY) {
                out.add(new Enforcement(o.span(), "sandbox { allow-pty }", Target.BWRAP, Enforcement.Level.EXACT,
                    "pseudo-terminals are always available on Linux (/dev/pts of the private /dev)"));
            }
        }
        return out;
    }

    static final String NETNS = "the sandbox runs in a private network namespace (loopback only) that srt makes for its "
        + "socat relays, instead of bwrap --unshare-net's empty one: ";

    /**
     * How the Linux runner enforces the network rules. bwrap's own part is a private network
     * namespace (with allowed hosts, the one the runner makes for its relays, which bwrap joins);
     * the rest is the runner's (its proxies and relays) and the seccomp rules a
     * capability lifts, reported here because bwrap's sandbox is where they take effect.
     */
    private static void network(Policy policy, List<Enforcement> out) {
        for (NetRule r : policy.network().rules()) {
            out.add(new Enforcement(r.span(), r.render(), Target.BWRAP, Enforcement.Level.EXACT, NETNS
                + "every connection goes through srt's HTTP and SOCKS5 proxies (the relays on its loopback), "
                + "which resolve the name themselves and decide it against the rules before dialling"));
        }
        for (ExternalProxy x : policy.network().proxies()) {
            out.add(new Enforcement(x.span(), x.render(), Target.BWRAP, Enforcement.Level.EXACT, NETNS
                + "the relays on its loopback forward the proxy port to this proxy; srt starts no " + x.kind().word()
                + " proxy of its own and the external proxy decides"));
        }
        for (UnixSocketRule r : policy.network().unixSockets()) {
            out.add(r.all()
                ? new Enforcement(r.span(), r.render(), Target.BWRAP, Enforcement.Level.EXACT,
                    "grants unix-sockets, lifting the seccomp rules marked `unless unix-sockets`: any unix socket the "
                        + "sandbox can see may be used; host abstract sockets stay out of reach (own network namespace)")
                : new Enforcement(r.span(), r.render(), Target.BWRAP, Enforcement.Level.APPROXIMATE,
                    "grants unix-sockets, lifting the seccomp rules marked `unless unix-sockets`; seccomp cannot see "
                        + "paths, so every unix socket the sandbox can see becomes reachable, not only this one (host "
                        + "abstract sockets stay out of reach: own network namespace)"));
        }
        for (BindRule r : policy.network().bind()) {
            out.add(new Enforcement(r.span(), r.render(), Target.BWRAP, Enforcement.Level.APPROXIMATE,
                "grants local-binding, lifting the seccomp rules marked `unless local-binding`; the port listens in "
                    + "the sandbox's private network namespace, so only the sandbox itself can connect to it"));
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
