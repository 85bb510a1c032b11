package dev.srt.backend.seccomp;

import dev.srt.backend.Target;

/**
 * The architectures srt generates seccomp programs for. {@code auditArch} is the value the
 * kernel puts in {@code seccomp_data.arch} (linux/audit.h: EM_* | __AUDIT_ARCH_64BIT |
 * __AUDIT_ARCH_LE).
 */
public enum Arch {
    X86_64("x86_64", 0xC000003E, Target.SECCOMP_X86_64, true),
    AARCH64("aarch64", 0xC00000B7, Target.SECCOMP_AARCH64, false);

    /**
     * x86_64 also accepts x32-ABI calls through the same entry point, marked by this bit in the
     * call number (arch/x86/include/uapi/asm/unistd.h, {@code __X32_SYSCALL_BIT}); seccomp_data.arch
     * is still AUDIT_ARCH_X86_64 for them, so the filter must refuse them itself.
     */
    public static final int X32_SYSCALL_BIT = 0x40000000;

    public final String word;
    public final int auditArch;
    public final Target target;
    /** Whether numbers from {@link #X32_SYSCALL_BIT} up belong to another ABI and are refused. */
    public final boolean hasX32;

    Arch(String word, int auditArch, Target target, boolean hasX32) {
        this.word = word;
        this.auditArch = auditArch;
        this.target = target;
        this.hasX32 = hasX32;
    }

    public SyscallTable table() {
        return this == X86_64 ? SyscallTable.X86_64 : SyscallTable.AARCH64;
    }
}
