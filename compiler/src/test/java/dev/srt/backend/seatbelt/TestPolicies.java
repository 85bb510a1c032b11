package dev.srt.backend.seatbelt;

import dev.srt.ir.Access;
import dev.srt.ir.Action;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.OptionSetting;
import dev.srt.ir.PathPattern;
import dev.srt.ir.PathSyntax;
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.SandboxOption;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import dev.srt.ir.UnixSocketRule;
import java.util.ArrayList;
import java.util.List;

/** Builds IR policies for the Seatbelt tests, one line per rule, as a policy file would list them. */
final class TestPolicies {
    private Effect readDefault = Effect.ALLOW;
    private final List<FsRule> rules = new ArrayList<>();
    private final List<ProtectRule> protects = new ArrayList<>();
    private final List<NetRule> net = new ArrayList<>();
    private final List<UnixSocketRule> unix = new ArrayList<>();
    private final List<BindRule> bind = new ArrayList<>();
    private final List<ExternalProxy> proxies = new ArrayList<>();
    private final List<SyscallRule> syscalls = new ArrayList<>();
    private final List<OptionSetting> options = new ArrayList<>();
    private int line = 2;

    static TestPolicies policy() {
        return new TestPolicies();
    }

    private Span span() {
        return new Span("policy.srt", line++, 3, 10);
    }

    static PathPattern path(String raw) {
        PathSyntax.Result r = PathSyntax.canonicalize(raw);
        if (!r.ok()) throw new IllegalArgumentException(raw + ": " + r.error());
        return new PathPattern(r.canonical());
    }

    TestPolicies readDefaultDeny() {
        readDefault = Effect.DENY;
        return this;
    }

    TestPolicies fs(Access a, Effect e, String raw) {
        return fs(a, e, raw, false);
    }

    TestPolicies fs(Access a, Effect e, String raw, boolean exact) {
        rules.add(new FsRule(a, e, path(raw), exact, null, span()));
        return this;
    }

    TestPolicies readDeny(String raw) {
        return fs(Access.READ, Effect.DENY, raw);
    }

    TestPolicies readAllow(String raw) {
        return fs(Access.READ, Effect.ALLOW, raw);
    }

    TestPolicies writeAllow(String raw) {
        return fs(Access.WRITE, Effect.ALLOW, raw);
    }

    TestPolicies writeDeny(String raw) {
        return fs(Access.WRITE, Effect.DENY, raw);
    }

    TestPolicies protect(String raw) {
        protects.add(new ProtectRule(path(raw), span()));
        return this;
    }

    TestPolicies allowHost(dev.srt.ir.HostPattern h, int port) {
        net.add(new NetRule(Effect.ALLOW, h, port, false, null, span()));
        return this;
    }

    TestPolicies unix(String raw) {
        unix.add(new UnixSocketRule(raw == null ? null : path(raw), null, span()));
        return this;
    }

    TestPolicies bind(int port) {
        bind.add(new BindRule(port, null, span()));
        return this;
    }

    TestPolicies proxy(ExternalProxy.Kind kind, String host, int port) {
        proxies.add(new ExternalProxy(kind, host, port, span()));
        return this;
    }

    TestPolicies syscall(SyscallRule r) {
        syscalls.add(r);
        return this;
    }

    TestPolicies syscallErrno(String name) {
        syscalls.add(new SyscallRule(name, List.of(), Action.errno(1), false, null, span()));
        return this;
    }

    TestPolicies option(SandboxOption o) {
        options.add(new OptionSetting(o, span()));
        return this;
    }

    Policy build() {
        FsPolicy fs = new FsPolicy(readDefault, readDefault == Effect.DENY ? new Span("policy.srt", 1, 3, 17) : Span.BUILTIN,
            Effect.DENY, Span.BUILTIN, rules, protects, List.of());
        return new Policy(1, List.of(), fs, new NetPolicy(net, unix, bind, proxies),
            new SyscallPolicy(Action.ALLOW, Span.BUILTIN, Action.KILL_PROCESS, Span.BUILTIN, syscalls, List.of()),
            new EnvPolicy(List.of(), List.of(), List.of()), List.of(), options, List.of());
    }
}
