package dev.srt.backend.seccomp;

import dev.srt.ir.Action;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import dev.srt.ir.eval.Evaluator;
import java.util.List;

/** Shared helpers: whole policies around syscall rules, compilation, and the expected answer. */
final class SeccompTesting {
    private SeccompTesting() {
    }

    static Span span(int line) {
        return new Span("test.srt", line, 1, 1);
    }

    static SyscallPolicy syscalls(Action dflt, Action foreign, List<SyscallRule> rules) {
        return new SyscallPolicy(dflt, span(1), foreign, span(2), rules, List.of());
    }

    static Policy policy(SyscallPolicy s) {
        FsPolicy fs = new FsPolicy(Effect.ALLOW, Span.BUILTIN, Effect.DENY, Span.BUILTIN, List.of(), List.of(), List.of());
        return new Policy(1, List.of(), fs, new NetPolicy(List.of(), List.of(), List.of(), List.of()), s,
            new EnvPolicy(List.of(), List.of(), List.of()), List.of(), List.of(), List.of());
    }

    /** Compiles or fails the test with the diagnostics. */
    static byte[] compile(SyscallPolicy s, Arch arch) {
        SeccompCompiler.Result r = SeccompCompiler.compile(s, arch);
        if (r.program() == null) throw new AssertionError("did not compile: " + r.diagnostics());
        return SockFilter.encode(r.program());
    }

    /** What the IR evaluator says the kernel must do with this call on this architecture's filter. */
    static Action expected(SyscallPolicy s, Arch arch, SeccompData d) {
        if (d.arch() != arch.auditArch) return s.foreignArch();
        if (arch.hasX32 && Integer.toUnsignedLong(d.nr()) >= Arch.X32_SYSCALL_BIT && d.nr() != -1) return s.foreignArch();
        String name = arch.table().name(d.nr()).orElse(null);
        if (name == null) return s.defaultAction();
        return new Evaluator(policy(s), RuntimeContext.TEST).syscall(name, d.args()).action();
    }

    static SeccompData call(Arch arch, String name, long... args) {
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, args.length);
        return new SeccompData(arch.table().number(name).orElseThrow(), arch.auditArch, 0x401000L, a);
    }
}
