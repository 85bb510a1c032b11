package dev.srt.ir.eval;

import dev.srt.ir.Action;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.FsRule;
import dev.srt.ir.Glob;
import dev.srt.ir.HostPattern;
import dev.srt.ir.Hosts;
import dev.srt.ir.NetRule;
import dev.srt.ir.Access;
import dev.srt.ir.PathPattern;
import dev.srt.ir.PathSyntax;
import dev.srt.ir.Paths;
import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallRule;
import dev.srt.ir.UnixSocketRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference meaning of a {@link Policy}. Every back-end and every tool must agree with it.
 *
 * <p>Precedence, as documented in the README:
 * <ul>
 * <li>Reads: among read rules and write-allow rules (a writable path is readable) the one
 *     matching the deepest path wins (the path itself or its closest named ancestor); on a tie
 *     deny wins; with no match, the read default (allow unless {@code read default deny}).</li>
 * <li>Writes: a protected path is never writable; a path that may not be read may not be
 *     written; otherwise the deepest matching write rule wins, deny on ties; default deny.</li>
 * <li>Network: any matching deny rule refuses; else any matching allow rule admits; else deny.</li>
 * <li>System calls: the first rule in precedence order whose name matches and whose conditions
 *     hold decides; else the default action.</li>
 * </ul>
 */
public final class Evaluator {
    private final Policy policy;
    private final RuntimeContext ctx;

    public Evaluator(Policy policy, RuntimeContext ctx) {
        this.policy = policy;
        this.ctx = ctx;
    }

    public Decision decide(Probe probe) {
        if (probe instanceof Probe.Read) return read(PathSyntax.resolveConcrete(((Probe.Read) probe).path(), ctx));
        if (probe instanceof Probe.Write) return write(PathSyntax.resolveConcrete(((Probe.Write) probe).path(), ctx));
        if (probe instanceof Probe.Connect) {
            Probe.Connect c = (Probe.Connect) probe;
            return connect(c.host(), c.port());
        }
        if (probe instanceof Probe.Unix) return unix(PathSyntax.resolveConcrete(((Probe.Unix) probe).path(), ctx));
        if (probe instanceof Probe.Bind) return bind(((Probe.Bind) probe).port());
        if (probe instanceof Probe.Syscall) {
            Probe.Syscall s = (Probe.Syscall) probe;
            return syscall(s.name(), s.argArray());
        }
        throw new IllegalArgumentException("unknown probe " + probe);
    }

    // ---- filesystem ---------------------------------------------------------------------

    /** Decision for reading a concrete absolute path. */
    public Decision read(String absolutePath) {
        List<String> p = Paths.segments(Paths.normalize(absolutePath));
        List<Match> matches = new ArrayList<>();
        for (FsRule r : policy.filesystem().rules()) {
            boolean counts = r.access() == Access.READ || r.effect() == Effect.ALLOW;
            if (!counts) continue;
            int d = depth(r.path(), p);
            if (d >= 0) matches.add(new Match(d, r.effect(), origin(r)));
        }
        Origin def = new Origin("read default " + policy.filesystem().readDefault().word(),
            policy.filesystem().readDefaultSpan());
        return pick(matches, policy.filesystem().readDefault(), def);
    }

    /** Decision for writing (creating, changing, removing) a concrete absolute path. */
    public Decision write(String absolutePath) {
        String norm = Paths.normalize(absolutePath);
        List<String> p = Paths.segments(norm);
        for (ProtectRule pr : policy.filesystem().protects()) {
            if (depth(pr.path(), p) >= 0) {
                return new Decision(Effect.DENY, null, new Origin(pr.render(), pr.span()), writeMatches(p));
            }
        }
        Decision r = read(norm);
        if (!r.allowed()) {
            return new Decision(Effect.DENY, null, r.decidedBy(), writeMatches(p));
        }
        List<Match> matches = new ArrayList<>();
        for (FsRule rule : policy.filesystem().rules()) {
            if (rule.access() != Access.WRITE) continue;
            int d = depth(rule.path(), p);
            if (d >= 0) matches.add(new Match(d, rule.effect(), origin(rule)));
        }
        Origin def = new Origin("write default " + policy.filesystem().writeDefault().word(),
            policy.filesystem().writeDefaultSpan());
        return pick(matches, policy.filesystem().writeDefault(), def);
    }

    private List<Origin> writeMatches(List<String> p) {
        List<Origin> out = new ArrayList<>();
        for (FsRule rule : policy.filesystem().rules()) {
            if (rule.access() == Access.WRITE && rule.effect() == Effect.ALLOW && depth(rule.path(), p) >= 0) {
                out.add(origin(rule));
            }
        }
        return out;
    }

    private int depth(PathPattern pattern, List<String> path) {
        String resolved;
        try {
            resolved = pattern.resolve(ctx);
        } catch (RuntimeContext.UnsetVariableException e) {
            return -1;
        }
        return Glob.deepestMatch(Paths.segments(resolved), path);
    }

    private record Match(int depth, Effect effect, Origin origin) {
    }

    private static Decision pick(List<Match> matches, Effect dflt, Origin dfltOrigin) {
        if (matches.isEmpty()) return new Decision(dflt, null, dfltOrigin, List.of());
        Match best = null;
        for (Match m : matches) {
            if (best == null || m.depth > best.depth
                || (m.depth == best.depth && m.effect == Effect.DENY && best.effect == Effect.ALLOW)) {
                best = m;
            }
        }
        List<Origin> lost = new ArrayList<>();
        for (Match m : matches) if (m != best) lost.add(m.origin);
        return new Decision(best.effect, null, best.origin, lost);
    }

    private static Origin origin(FsRule r) {
        return new Origin(r.render(), r.span());
    }

    // ---- network ------------------------------------------------------------------------

    /** Decision for a TCP connection to {@code host:port}; host in any form a client may use. */
    public Decision connect(String host, int port) {
        Optional<Hosts.Canonical> c = Hosts.canonical(host);
        if (c.isEmpty()) {
            return new Decision(Effect.DENY, null, new Origin("invalid host name", Span.BUILTIN), List.of());
        }
        List<Origin> denies = new ArrayList<>();
        List<Origin> allows = new ArrayList<>();
        for (NetRule r : policy.network().rules()) {
            if (!matches(r, c.get(), port)) continue;
            (r.effect() == Effect.DENY ? denies : allows).add(new Origin(r.render(), r.span()));
        }
        if (!denies.isEmpty()) {
            List<Origin> lost = new ArrayList<>(denies.subList(1, denies.size()));
            lost.addAll(allows);
            return new Decision(Effect.DENY, null, denies.get(0), lost);
        }
        if (!allows.isEmpty()) return new Decision(Effect.ALLOW, null, allows.get(0), allows.subList(1, allows.size()));
        return new Decision(Effect.DENY, null, new Origin("network default deny", Span.BUILTIN), List.of());
    }

    /** Whether a network rule matches a canonical host and port. Shared with the proxies. */
    public static boolean matches(NetRule r, Hosts.Canonical host, int port) {
        if (r.port() != 0 && r.port() != port) return false;
        return hostMatches(r.host(), host);
    }

    public static boolean hostMatches(HostPattern hp, Hosts.Canonical host) {
        if (hp instanceof HostPattern.Any) return true;
        if (hp instanceof HostPattern.Name) return !host.isAddress() && host.text().equals(((HostPattern.Name) hp).name());
        if (hp instanceof HostPattern.Subdomains) {
            return !host.isAddress() && host.text().endsWith("." + ((HostPattern.Subdomains) hp).suffix());
        }
        if (hp instanceof HostPattern.Range) {
            HostPattern.Range r = (HostPattern.Range) hp;
            return host.isAddress() && Hosts.inRange(host.address(), Hosts.addressBytes(r.address()), r.prefix());
        }
        throw new IllegalArgumentException(hp.toString());
    }

    /** Decision for connecting to a unix socket at a concrete path. */
    public Decision unix(String absolutePath) {
        List<String> p = Paths.segments(Paths.normalize(absolutePath));
        for (UnixSocketRule r : policy.network().unixSockets()) {
            if (r.all() || depth(r.path(), p) >= 0) return new Decision(Effect.ALLOW, null, new Origin(r.render(), r.span()), List.of());
        }
        return new Decision(Effect.DENY, null, new Origin("unix sockets default deny", Span.BUILTIN), List.of());
    }

    /** Decision for listening on a local port. */
    public Decision bind(int port) {
        for (BindRule r : policy.network().bind()) {
            if (r.port() == 0 || r.port() == port) return new Decision(Effect.ALLOW, null, new Origin(r.render(), r.span()), List.of());
        }
        return new Decision(Effect.DENY, null, new Origin("local binding default deny", Span.BUILTIN), List.of());
    }

    // ---- system calls -------------------------------------------------------------------

    /** Decision for a system call by name with six argument values. */
    public Decision syscall(String name, long[] args) {
        SyscallRule winner = null;
        List<Origin> lost = new ArrayList<>();
        for (SyscallRule r : policy.syscalls().rules()) {
            if (!r.name().equals(name) || !r.matches(args)) continue;
            if (winner == null) winner = r;
            else lost.add(new Origin(r.render(), r.span()));
        }
        Action a;
        Origin by;
        if (winner != null) {
            a = winner.action();
            by = new Origin(winner.render(), winner.span());
        } else {
            a = policy.syscalls().defaultAction();
            by = new Origin("default " + a.render(), policy.syscalls().defaultSpan());
        }
        return new Decision(a.permits() ? Effect.ALLOW : Effect.DENY, a, by, lost);
    }
}
