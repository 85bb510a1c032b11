package dev.srt.backend.seccomp;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.srt.ir.ArgCondition;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's libseccomp2 (seccomp.h, 2.5.4), called through JNA: the independent implementation
 * our programs are compared with. Builds a filter for one architecture and exports its BPF.
 */
final class LibSeccomp {
    interface Lib extends Library {
        Pointer seccomp_init(int defAction);

        void seccomp_release(Pointer ctx);

        int seccomp_arch_add(Pointer ctx, int token);

        int seccomp_arch_remove(Pointer ctx, int token);

        int seccomp_attr_set(Pointer ctx, int attr, int value);

        int seccomp_syscall_resolve_name(String name);

        int seccomp_syscall_resolve_name_arch(int token, String name);

        Pointer seccomp_syscall_resolve_num_arch(int token, int num);

        int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int argCount, Pointer args);

        int seccomp_export_bpf(Pointer ctx, int fd);
    }

    interface LibC extends Library {
        int memfd_create(String name, int flags);

        long lseek(int fd, long offset, int whence);

        long read(int fd, byte[] buf, long count);

        int close(int fd);
    }

    static final Lib LIB = Native.load("libseccomp.so.2", Lib.class);
    static final LibC C = Native.load("c", LibC.class);

    // enum scmp_filter_attr
    static final int ATTR_ACT_BADARCH = 2;
    static final int ATTR_CTL_OPTIMIZE = 8;
    // enum scmp_compare
    static final int CMP_NE = 1;
    static final int CMP_LT = 2;
    static final int CMP_LE = 3;
    static final int CMP_EQ = 4;
    static final int CMP_GE = 5;
    static final int CMP_GT = 6;
    static final int CMP_MASKED_EQ = 7;

    private LibSeccomp() {
    }

    /** libseccomp's number for a name on an architecture, or empty. */
    static java.util.Optional<Integer> number(Arch arch, String name) {
        int n = LIB.seccomp_syscall_resolve_name_arch(arch.auditArch, name);
        return n >= 0 ? java.util.Optional.of(n) : java.util.Optional.empty();
    }

    static String name(Arch arch, int nr) {
        Pointer p = LIB.seccomp_syscall_resolve_num_arch(arch.auditArch, nr);
        return p == null ? null : p.getString(0); // malloc'd; a few bytes leaked per call in tests
    }

    /**
     * The filter libseccomp builds for {@code policy} on {@code arch}. Only policies whose
     * meaning libseccomp can express are accepted: libseccomp's rules are unordered, so every
     * rule for one call must have the same action, different from the default.
     */
    static byte[] export(SyscallPolicy policy, Arch arch, int optimize) {
        Pointer ctx = LIB.seccomp_init(SeccompRet.of(policy.defaultAction()));
        if (ctx == null) throw new AssertionError("seccomp_init failed");
        try {
            if (arch != KernelSandbox.native_()) {
                check(LIB.seccomp_arch_add(ctx, arch.auditArch), "arch_add");
                check(LIB.seccomp_arch_remove(ctx, KernelSandbox.native_().auditArch), "arch_remove");
            }
            check(LIB.seccomp_attr_set(ctx, ATTR_ACT_BADARCH, SeccompRet.of(policy.foreignArch())), "badarch");
            check(LIB.seccomp_attr_set(ctx, ATTR_CTL_OPTIMIZE, optimize), "optimize");
            for (SyscallRule r : policy.rules()) {
                if (arch.table().number(r.name()).isEmpty()) continue;
                int nr = LIB.seccomp_syscall_resolve_name(r.name());
                Memory args = null;
                if (!r.conditions().isEmpty()) {
                    args = new Memory(24L * r.conditions().size()); // struct scmp_arg_cmp
                    for (int i = 0; i < r.conditions().size(); i++) {
                        ArgCondition c = r.conditions().get(i);
                        long base = 24L * i;
                        args.setInt(base, c.arg());
                        args.setInt(base + 4, op(c.op()));
                        args.setLong(base + 8, c.op() == ArgCondition.Op.MASKED_EQ ? c.mask() : c.value());
                        args.setLong(base + 16, c.op() == ArgCondition.Op.MASKED_EQ ? c.value() : 0);
                    }
                }
                check(LIB.seccomp_rule_add_array(ctx, SeccompRet.of(r.action()), nr, r.conditions().size(), args),
                    "rule_add " + r.render());
            }
            int fd = C.memfd_create("srt-libseccomp", 0);
            if (fd < 0) throw new AssertionError("memfd_create failed");
            try {
                check(LIB.seccomp_export_bpf(ctx, fd), "export_bpf");
                long size = C.lseek(fd, 0, 1);
                C.lseek(fd, 0, 0);
                byte[] buf = new byte[(int) size];
                if (C.read(fd, buf, size) != size) throw new AssertionError("short read");
                return buf;
            } finally {
                C.close(fd);
            }
        } finally {
            LIB.seccomp_release(ctx);
        }
    }

    private static int op(ArgCondition.Op op) {
        switch (op) {
            case EQ: return CMP_EQ;
            case NE: return CMP_NE;
            case LT: return CMP_LT;
            case LE: return CMP_LE;
            case GT: return CMP_GT;
            case GE: return CMP_GE;
            case MASKED_EQ: return CMP_MASKED_EQ;
            default: throw new IllegalStateException(op.name());
        }
    }

    private static void check(int rc, String what) {
        if (rc != 0) throw new AssertionError("libseccomp " + what + " failed: " + rc);
    }

    /**
     * The part of a policy libseccomp can express with the same meaning: per call, only rules
     * with the first rule's action, none with the default action, and in each rule at most one
     * condition per argument, masked values inside their masks, only on calls libseccomp knows
     * with our number.
     */
    static SyscallPolicy expressible(SyscallPolicy p, Arch arch) {
        Map<String, dev.srt.ir.Action> actionOf = new LinkedHashMap<>();
        List<SyscallRule> kept = new ArrayList<>();
        for (SyscallRule original : p.rules()) {
            SyscallRule r = new SyscallRule(original.name(), original.conditions(), errnoLimit(original.action()),
                original.optional(), original.because(), original.span());
            java.util.Optional<Integer> ours = arch.table().number(r.name());
            if (ours.isEmpty() || !ours.equals(number(arch, r.name()))) continue;
            if (r.action().equals(errnoLimit(p.defaultAction()))) continue;
            if (!actionOf.computeIfAbsent(r.name(), k -> r.action()).equals(r.action())) continue;
            List<ArgCondition> conds = new ArrayList<>();
            boolean[] seen = new boolean[6];
            for (ArgCondition c : r.conditions()) {
                if (seen[c.arg()]) continue;
                seen[c.arg()] = true;
                // libseccomp tests (arg & mask) == (value & mask); the IR tests (arg & mask) == value,
                // which never holds when value has bits outside the mask. Compare only where they agree.
                conds.add(c.op() == ArgCondition.Op.MASKED_EQ
                    ? new ArgCondition(c.arg(), c.op(), c.value() & c.mask(), c.mask()) : c);
            }
            // libseccomp 2.5.4 merges several rules of one call wrongly when they order-compare
            // (<, <=, >, >=, !=) the same argument: e.g. read(a0 < 2) with read(a0 < 1, a1 == 0)
            // lets read(0, -2) through. Give libseccomp only rule sets it handles correctly.
            boolean ordered = conds.stream().anyMatch(LibSeccomp::orders);
            if (kept.stream().anyMatch(k -> k.name().equals(r.name())
                && (ordered || k.conditions().stream().anyMatch(LibSeccomp::orders)))) continue;
            kept.add(new SyscallRule(r.name(), conds, r.action(), r.optional(), r.because(), r.span()));
        }
        return new SyscallPolicy(errnoLimit(p.defaultAction()), p.defaultSpan(), errnoLimit(p.foreignArch()),
            p.foreignArchSpan(), kept, List.of());
    }

    private static boolean orders(ArgCondition c) {
        return c.op() != ArgCondition.Op.EQ && c.op() != ArgCondition.Op.MASKED_EQ;
    }

    /** libseccomp refuses SCMP_ACT_ERRNO(4095) (EINVAL), though the kernel takes it. */
    private static dev.srt.ir.Action errnoLimit(dev.srt.ir.Action a) {
        return a.kind() == dev.srt.ir.Action.Kind.ERRNO && a.errno() >= 4095 ? dev.srt.ir.Action.errno(4094) : a;
    }
}
