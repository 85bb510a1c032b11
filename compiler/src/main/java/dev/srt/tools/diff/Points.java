package dev.srt.tools.diff;

import dev.srt.ir.ArgCondition;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.Glob;
import dev.srt.ir.HostPattern;
import dev.srt.ir.Hosts;
import dev.srt.ir.NetRule;
import dev.srt.ir.PathPattern;
import dev.srt.ir.Paths;
import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.SandboxOption;
import dev.srt.ir.SyscallRule;
import dev.srt.ir.UnixSocketRule;
import dev.srt.ir.BindRule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The finite set of probe points on which two policies are compared. Every rule of either policy
 * contributes the points where it can make a difference: for a path pattern (in the test
 * context) its literal prefix, the parent and a child of it, a sample name matching each glob
 * and one that does not, and {@code **} expanded under every other rule's prefix; for hosts the
 * name, a subdomain, the apex, the address after a range, each on the rules' ports and their
 * neighbours; for system calls each named call with all arguments zero and with each
 * condition's boundary values. The same set is built whatever the order of the two policies,
 * so a grant one way is a revocation the other way.
 */
final class Points {
    private static final String CHILD = "srt-probe";
    private static final String NOMATCH = "srt-nomatch";

    private Points() {
    }

    static List<Point> of(Policy a, Policy b) {
        Set<String> paths = new TreeSet<>();
        Set<String> unixPaths = new TreeSet<>();
        List<PathPattern> patterns = new ArrayList<>();
        List<PathPattern> unixPatterns = new ArrayList<>();
        for (Policy p : List.of(a, b)) {
            FsPolicy fs = p.filesystem();
            for (FsRule r : fs.rules()) patterns.add(r.path());
            for (ProtectRule r : fs.protects()) patterns.add(r.path());
            for (FsPolicy.Lifted l : fs.lifted()) patterns.add(l.rule().path());
            for (UnixSocketRule u : p.network().unixSockets()) if (!u.all()) unixPatterns.add(u.path());
        }
        List<List<String>> prefixes = new ArrayList<>();
        for (PathPattern pp : patterns) resolved(pp).ifPresent(s -> prefixes.add(literalPrefix(s)));
        for (String base : List.of("/", RuntimeContext.TEST.home(), RuntimeContext.TEST.cwd(), RuntimeContext.TEST.tmp())) {
            paths.add(base);
            paths.add(Paths.join(append(Paths.segments(base), CHILD)));
        }
        for (PathPattern pp : patterns) samples(pp, prefixes, paths);
        unixPaths.add("/run/" + CHILD + ".sock");
        for (PathPattern pp : unixPatterns) samples(pp, prefixes, unixPaths);

        List<Point> out = new ArrayList<>();
        for (String p : paths) {
            out.add(new Point.Operation(new Probe.Read(p)));
            out.add(new Point.Operation(new Probe.Write(p)));
        }
        for (String p : unixPaths) out.add(new Point.Operation(new Probe.Unix(p)));
        network(a, b, out);
        syscalls(a, b, out);
        environment(a, b, out);
        for (SandboxOption o : SandboxOption.values()) out.add(new Point.Switch(o));
        out.add(new Point.Setting("foreign-arch calls (another architecture's system calls)"));
        out.add(new Point.Setting("proxy (where connections go)"));
        return out;
    }

    private static java.util.Optional<List<String>> resolved(PathPattern p) {
        try {
            return java.util.Optional.of(Paths.segments(p.resolve(RuntimeContext.TEST)));
        } catch (RuntimeContext.UnsetVariableException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<String> literalPrefix(List<String> segs) {
        List<String> out = new ArrayList<>();
        for (String s : segs) {
            if (Glob.isGlobSegment(s)) break;
            out.add(s);
        }
        return out;
    }

    private static List<String> append(List<String> l, String s) {
        List<String> out = new ArrayList<>(l);
        out.add(s);
        return out;
    }

    private static void samples(PathPattern pp, List<List<String>> prefixes, Set<String> into) {
        var r = resolved(pp);
        if (r.isEmpty()) return;
        List<String> segs = r.get();
        List<String> prefix = literalPrefix(segs);
        into.add(Paths.join(prefix));
        into.add(Paths.join(append(prefix, CHILD)));
        if (!prefix.isEmpty()) into.add(Paths.join(prefix.subList(0, prefix.size() - 1)));
        if (prefix.size() == segs.size()) return;
        List<List<String>> heads = new ArrayList<>();
        heads.add(prefix);
        boolean deep = segs.contains("**");
        if (deep) {
            for (List<String> other : prefixes) {
                if (other.size() > prefix.size() && other.subList(0, prefix.size()).equals(prefix)) heads.add(other);
            }
        }
        for (List<String> head : heads) {
            List<String> match = new ArrayList<>(head);
            List<String> miss = new ArrayList<>(head);
            boolean missed = false;
            for (String s : segs.subList(prefix.size(), segs.size())) {
                if (s.equals("**")) continue;
                if (!Glob.isGlobSegment(s)) {
                    match.add(s);
                    miss.add(s);
                    continue;
                }
                match.add(sample(s));
                if (!missed && !Glob.segmentMatches(s, NOMATCH)) {
                    miss.add(NOMATCH);
                    missed = true;
                } else {
                    miss.add(sample(s));
                }
            }
            if (!Glob.matchesWhole(segs, match)) continue;
            into.add(Paths.join(match));
            into.add(Paths.join(append(match, CHILD)));
            if (missed) into.add(Paths.join(miss));
        }
    }

    /** A name matching one glob segment: {@code *} and {@code ?} become x, a class its first member. */
    static String sample(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
                b.append(glob.charAt(++i));
            } else if (c == '*' || c == '?') {
                b.append('x');
            } else if (c == '[') {
                int end = Glob.classEnd(glob, i);
                if (end < 0) {
                    b.append(c);
                    continue;
                }
                String cls = glob.substring(i, end + 1);
                for (char ch : "abcdefghijklmnopqrstuvwxyz0123456789._-ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray()) {
                    if (Glob.segmentMatches(cls, String.valueOf(ch))) {
                        b.append(ch);
                        break;
                    }
                }
                i = end;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static void network(Policy a, Policy b, List<Point> out) {
        Set<String> hosts = new TreeSet<>(List.of("unlisted.example", "127.0.0.1"));
        Set<Integer> ports = new TreeSet<>(List.of(80, 443));
        Set<Integer> bindPorts = new TreeSet<>(List.of(1, 8080, 65535));
        for (Policy p : List.of(a, b)) {
            for (NetRule r : p.network().rules()) {
                hosts.addAll(hosts(r.host()));
                if (r.port() != 0) neighbours(r.port(), ports);
            }
            for (BindRule r : p.network().bind()) if (r.port() != 0) neighbours(r.port(), bindPorts);
        }
        for (String h : hosts) for (int port : ports) out.add(new Point.Operation(new Probe.Connect(h, port)));
        for (int port : bindPorts) out.add(new Point.Operation(new Probe.Bind(port)));
    }

    private static void neighbours(int port, Set<Integer> into) {
        for (int p = port - 1; p <= port + 1; p++) if (p >= 1 && p <= 65535) into.add(p);
    }

    private static List<String> hosts(HostPattern h) {
        if (h instanceof HostPattern.Name) {
            String n = ((HostPattern.Name) h).name();
            return List.of(n, "x." + n);
        }
        if (h instanceof HostPattern.Subdomains) {
            String s = ((HostPattern.Subdomains) h).suffix();
            return List.of(s, "x." + s);
        }
        if (h instanceof HostPattern.Range) {
            HostPattern.Range r = (HostPattern.Range) h;
            List<String> out = new ArrayList<>();
            out.add(r.address());
            byte[] addr = Hosts.addressBytes(r.address());
            int bits = addr.length * 8;
            if (r.prefix() < bits) {
                BigInteger size = BigInteger.ONE.shiftLeft(bits - r.prefix());
                BigInteger next = new BigInteger(1, addr).add(size);
                if (next.bitLength() <= bits) out.add(format(next, addr.length));
                out.add(format(new BigInteger(1, addr).add(size.subtract(BigInteger.ONE)), addr.length));
            }
            return out;
        }
        return List.of();
    }

    private static String format(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[len];
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, b, len - n, n);
        return len == 4 ? Hosts.formatV4(b) : Hosts.formatV6(b);
    }

    private static final List<String> COMMON_CALLS = List.of("getpid", "read", "write", "openat", "close");

    private static void syscalls(Policy a, Policy b, List<Point> out) {
        Set<String> names = new TreeSet<>();
        for (Policy p : List.of(a, b)) for (SyscallRule r : p.syscalls().rules()) names.add(r.name());
        for (String c : COMMON_CALLS) {
            if (!names.contains(c)) {
                names.add(c);
                break;
            }
        }
        for (String n : names) {
            Set<List<Long>> vectors = new LinkedHashSet<>();
            vectors.add(Arrays.asList(0L, 0L, 0L, 0L, 0L, 0L));
            for (Policy p : List.of(a, b)) {
                for (SyscallRule r : p.syscalls().rules()) {
                    if (!r.name().equals(n)) continue;
                    Long[] all = {0L, 0L, 0L, 0L, 0L, 0L};
                    for (ArgCondition c : r.conditions()) {
                        for (long v : boundaries(c)) {
                            Long[] one = {0L, 0L, 0L, 0L, 0L, 0L};
                            one[c.arg()] = v;
                            vectors.add(Arrays.asList(one));
                        }
                        all[c.arg()] = satisfying(c);
                    }
                    vectors.add(Arrays.asList(all));
                }
            }
            for (List<Long> v : vectors) out.add(new Point.Operation(new Probe.Syscall(n, v)));
        }
    }

    private static long[] boundaries(ArgCondition c) {
        if (c.op() == ArgCondition.Op.MASKED_EQ) return new long[] {c.value(), c.value() ^ c.mask(), c.mask(), ~c.mask() | c.value()};
        return new long[] {c.value() - 1, c.value(), c.value() + 1};
    }

    private static long satisfying(ArgCondition c) {
        switch (c.op()) {
            case NE: return c.value() + 1;
            case LT: return c.value() - 1;
            case GT: return c.value() + 1;
            default: return c.value();
        }
    }

    private static void environment(Policy a, Policy b, List<Point> out) {
        Set<String> names = new TreeSet<>(List.of("PATH", "HOME", "SRT_UNLISTED"));
        for (Policy p : List.of(a, b)) {
            EnvPolicy e = p.environment();
            for (EnvPolicy.Pattern x : e.pass()) names.add(x.pattern().replace('*', 'X').replace('?', 'X'));
            for (EnvPolicy.Pattern x : e.unset()) names.add(x.pattern().replace('*', 'X').replace('?', 'X'));
            for (EnvPolicy.Assignment x : e.set()) names.add(x.name());
        }
        for (String n : names) out.add(new Point.EnvVar(n));
    }
}
