package dev.srt.testkit;

import dev.srt.ir.Access;
import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.HostPattern;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.PathPattern;
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import dev.srt.ir.UnixSocketRule;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of random IR policies over a small vocabulary, so rules collide often. */
public final class IrGen {
    private IrGen() {
    }

    static final List<String> ROOTS = List.of("", "${home}", "${cwd}", "${tmp}");
    static final List<String> SEGMENTS = List.of("a", "b", ".ssh", "x.pem", ".bashrc", "*", "*.pem", "**", "[ab]", "?");
    public static final List<String> CONCRETE = List.of("a", "b", ".ssh", "x.pem", ".bashrc", "c");

    private static int line = 1;

    static Span span() {
        return new Span("gen.srt", line++, 1, 1);
    }

    public static Arbitrary<PathPattern> paths() {
        Arbitrary<String> root = Arbitraries.of(ROOTS);
        Arbitrary<List<String>> segs = Arbitraries.of(SEGMENTS).list().ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(root, segs).as((r, s) -> {
            StringBuilder b = new StringBuilder(r);
            for (String x : s) b.append('/').append(x);
            String text = b.length() == 0 ? "/" : b.toString();
            var res = dev.srt.ir.PathSyntax.canonicalize(text);
            return new PathPattern(res.ok() ? res.canonical() : "/a");
        });
    }

    /** Concrete absolute paths in {@link dev.srt.ir.RuntimeContext#TEST} terms. */
    public static Arbitrary<String> concretePaths() {
        Arbitrary<String> root = Arbitraries.of("", "/home/user", "/home/user/work", "/tmp/srt");
        Arbitrary<List<String>> segs = Arbitraries.of(CONCRETE).list().ofMinSize(0).ofMaxSize(4);
        return Combinators.combine(root, segs).as((r, s) -> {
            StringBuilder b = new StringBuilder(r);
            for (String x : s) b.append('/').append(x);
            return b.length() == 0 ? "/" : b.toString();
        });
    }

    public static Arbitrary<FsRule> fsRules() {
        return Combinators.combine(Arbitraries.of(Access.class), Arbitraries.of(Effect.class), paths())
            .as((a, e, p) -> new FsRule(a, e, p, false, null, span()));
    }

    public static Arbitrary<HostPattern> hosts() {
        return Arbitraries.oneOf(
            Arbitraries.of("a.com", "b.a.com", "c.b.a.com", "example.org", "localhost").map(HostPattern.Name::new),
            Arbitraries.of("a.com", "b.a.com", "example.org").map(HostPattern.Subdomains::new),
            Arbitraries.of(new HostPattern.Range("127.0.0.1", 32), new HostPattern.Range("10.0.0.0", 8),
                new HostPattern.Range("10.1.0.0", 16), new HostPattern.Range("::1", 128), new HostPattern.Range("fd00::", 8)));
    }

    public static Arbitrary<NetRule> netRules() {
        return Combinators.combine(Arbitraries.of(Effect.class), hosts(), Arbitraries.of(0, 80, 443))
            .as((e, h, port) -> new NetRule(e, h, port, false, null, span()));
    }

    public static Arbitrary<Action> actions() {
        return Arbitraries.oneOf(
            Arbitraries.of(Action.Kind.ALLOW, Action.Kind.LOG, Action.Kind.TRAP, Action.Kind.KILL_THREAD, Action.Kind.KILL_PROCESS).map(Action::of),
            Arbitraries.of(1, 13, 38).map(Action::errno));
    }

    public static final List<Long> VALUES = List.of(0L, 1L, 2L, 10L, 0x10000000L, 0xFFFFFFFFL, 0x100000000L, -1L);

    public static Arbitrary<ArgCondition> conditions() {
        Arbitrary<ArgCondition> plain = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.of(ArgCondition.Op.EQ, ArgCondition.Op.NE, ArgCondition.Op.LT, ArgCondition.Op.LE, ArgCondition.Op.GT, ArgCondition.Op.GE),
                Arbitraries.of(VALUES))
            .as((a, op, v) -> new ArgCondition(a, op, v, 0));
        Arbitrary<ArgCondition> masked = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(VALUES), Arbitraries.of(VALUES))
            .as((a, m, v) -> new ArgCondition(a, ArgCondition.Op.MASKED_EQ, v & m, m));
        return Arbitraries.oneOf(plain, masked);
    }

    public static Arbitrary<SyscallRule> syscallRules() {
        return Combinators.combine(Arbitraries.of("socket", "ptrace", "read", "ioctl", "clone", "openat"),
                conditions().list().ofMaxSize(2), actions())
            .as((n, c, a) -> new SyscallRule(n, c, a, false, null, span()));
    }

    public static Arbitrary<Policy> policies() {
        Arbitrary<List<FsRule>> fs = fsRules().list().ofMaxSize(8);
        Arbitrary<List<PathPattern>> prot = paths().list().ofMaxSize(2);
        Arbitrary<List<NetRule>> net = netRules().list().ofMaxSize(6);
        Arbitrary<List<SyscallRule>> sys = syscallRules().list().ofMaxSize(6);
        Arbitrary<Effect> readDefault = Arbitraries.of(Effect.class);
        Arbitrary<Action> dflt = actions();
        Arbitrary<Boolean> unixAll = Arbitraries.of(true, false);
        return Combinators.combine(fs, prot, net, sys, readDefault, dflt, unixAll).as((f, p, n, s, rd, d, ua) -> {
            List<ProtectRule> protects = new ArrayList<>();
            for (PathPattern x : p) protects.add(new ProtectRule(x, span()));
            List<UnixSocketRule> unix = ua ? List.of(new UnixSocketRule(null, null, span()))
                : List.of(new UnixSocketRule(new PathPattern("/run/a.sock"), null, span()));
            return new Policy(1, List.of(),
                new FsPolicy(rd, span(), Effect.DENY, Span.BUILTIN, f, protects, List.of()),
                new NetPolicy(n, unix, List.of(new BindRule(8080, null, span())), List.of()),
                new SyscallPolicy(d, span(), Action.KILL_PROCESS, Span.BUILTIN, s, List.of()),
                new EnvPolicy(List.of(), List.of(), List.of()), List.of(), List.of(), List.of());
        });
    }
}
