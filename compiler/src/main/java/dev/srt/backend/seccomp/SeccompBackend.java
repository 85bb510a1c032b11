package dev.srt.backend.seccomp;

import dev.srt.backend.Backend;
import dev.srt.backend.Lowered;
import dev.srt.backend.Target;
import dev.srt.ir.Policy;

/**
 * The seccomp back-end for one architecture: the policy's system-call rules as a classic-BPF
 * program ({@link SeccompCompiler}), stored as raw {@code struct sock_filter} bytes
 * ({@link SockFilter}) and shown as a disassembly ({@link Disassembler}).
 */
public final class SeccompBackend implements Backend {
    private final Arch arch;

    public SeccompBackend(Arch arch) {
        this.arch = arch;
    }

    @Override
    public Target target() {
        return arch.target;
    }

    @Override
    public Lowered lower(Policy policy) {
        SeccompCompiler.Result r = SeccompCompiler.compile(policy.syscalls(), arch);
        Program p = r.program();
        return new Lowered(arch.target, p == null ? null : SockFilter.encode(p), p == null ? "" : Disassembler.render(p),
            r.enforcement(), r.diagnostics());
    }
}
