package dev.srt.backend.seccomp;

import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.ir.SyscallPolicy;
import dev.srt.verify.Layer;
import java.util.Optional;

/**
 * {@code srtc test} through the seccomp program of one architecture: a {@code syscall} probe is
 * run by {@link BpfInterpreter} over the exact bytes stored in compiled.bin. Says nothing about
 * other probes, or about calls the architecture does not have.
 */
public final class SeccompLayer implements Layer {
    private final Arch arch;
    /** The program of the last policy asked about: srtc test asks about one policy many times. */
    private SyscallPolicy cachedFor;
    private SeccompCompiler.Result cached;

    public SeccompLayer(Arch arch) {
        this.arch = arch;
    }

    @Override
    public String name() {
        return arch.target.id;
    }

    @Override
    public Optional<Verdict> decide(Policy policy, Probe probe) {
        if (!(probe instanceof Probe.Syscall)) return Optional.empty();
        Probe.Syscall s = (Probe.Syscall) probe;
        Optional<Integer> nr = arch.table().number(s.name());
        if (nr.isEmpty()) return Optional.empty();
        if (cachedFor != policy.syscalls()) {
            cached = SeccompCompiler.compile(policy.syscalls(), arch);
            cachedFor = policy.syscalls();
        }
        SeccompCompiler.Result r = cached;
        if (r.program() == null) return Optional.of(new Verdict("error: the policy does not compile for " + arch.word, "-"));
        int ret = new BpfInterpreter(SockFilter.encode(r.program()))
            .run(new SeccompData(nr.get(), arch.auditArch, 0, s.argArray())).ret();
        return Optional.of(new Verdict(SeccompRet.action(ret).render(), arch.target.id + " program, call " + nr.get()));
    }
}
