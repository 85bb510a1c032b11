package dev.srt.backend.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random IR policies and random calls, the generated program (run by {@link BpfInterpreter}
 * from its raw bytes) returns exactly what the IR {@code Evaluator} decides, on both
 * architectures, including calls from a foreign architecture and x32 calls; and every program
 * passes the kernel's structural checks.
 */
class SeccompPropertyTest {
    /** Calls on both architectures, some with neighbouring numbers so that ranges merge and split. */
    static final List<String> COMMON = List.of("read", "write", "close", "socket", "connect", "accept", "sendto",
        "ioctl", "clone", "unshare", "ptrace", "mount", "getpid", "getppid", "kill", "bpf", "futex", "mmap",
        "openat", "io_uring_setup", "io_uring_enter", "io_uring_register", "clone3", "setns", "keyctl");
    static final List<String> X86_ONLY = List.of("open", "stat", "fork", "uselib", "iopl", "arch_prctl");
    static final List<String> AARCH64_ONLY = onlyOn(Arch.AARCH64, Arch.X86_64);
    static final long[] VALUES = {0, 1, 2, 0x7e020000L, 0x10000000L | 17, 0x8000000000000000L | 0x20000, 0x7f, 0x80, 0xffffffffL, 0x100000000L, 0x100000001L, 0x7fffffffffffffffL,
        0x8000000000000000L, -1L, -2L, 0x5412, 0x10000000L, 0x1234567800000000L};
    static final long[] MASKS = {0xffffffffL, 0x10000000L, 0xff, 0xff00000000L, -1L, 0x7e020000L, 0x8000000000000001L, 0};

    static List<String> onlyOn(Arch a, Arch notOn) {
        List<String> out = new ArrayList<>();
        for (String n : a.table().byName().keySet()) if (notOn.table().number(n).isEmpty()) out.add(n);
        return out;
    }

    @Provide
    Arbitrary<SyscallPolicy> policies() {
        Arbitrary<List<SyscallRule>> rules = rule().list().ofMaxSize(14);
        return Combinators.combine(action(), foreignAction(), rules)
            .as((d, f, r) -> SeccompTesting.syscalls(d, f, r));
    }

    static Arbitrary<Action> action() {
        return Arbitraries.oneOf(
            Arbitraries.of(Action.ALLOW, Action.KILL_PROCESS, Action.of(Action.Kind.KILL_THREAD),
                Action.of(Action.Kind.TRAP), Action.of(Action.Kind.LOG)),
            Arbitraries.of(0, 1, 13, 38, 95, 4095).map(Action::errno));
    }

    static Arbitrary<Action> foreignAction() {
        return Arbitraries.oneOf(action(), Arbitraries.just(Action.KILL_PROCESS));
    }

    static Arbitrary<ArgCondition> condition() {
        Arbitrary<Integer> arg = Arbitraries.frequency(
            net.jqwik.api.Tuple.of(5, 0), net.jqwik.api.Tuple.of(3, 1), net.jqwik.api.Tuple.of(2, 2),
            net.jqwik.api.Tuple.of(1, 3), net.jqwik.api.Tuple.of(1, 4), net.jqwik.api.Tuple.of(1, 5));
        Arbitrary<Long> value = Arbitraries.oneOf(Arbitraries.of(box(VALUES)), Arbitraries.longs());
        Arbitrary<Long> mask = Arbitraries.oneOf(Arbitraries.of(box(MASKS)), Arbitraries.longs());
        Arbitrary<ArgCondition.Op> op = Arbitraries.of(ArgCondition.Op.class);
        return Combinators.combine(arg, op, value, mask, Arbitraries.of(true, false)).as((a, o, v, m, fit) -> {
            if (o != ArgCondition.Op.MASKED_EQ) return new ArgCondition(a, o, v, 0);
            // Mostly satisfiable masks (value inside the mask), sometimes not.
            return new ArgCondition(a, o, fit ? v & m : v, m);
        });
    }

    static Arbitrary<SyscallRule> rule() {
        Arbitrary<String> common = Arbitraries.of(COMMON);
        Arbitrary<String> oneArch = Arbitraries.oneOf(Arbitraries.of(X86_ONLY), Arbitraries.of(AARCH64_ONLY));
        Arbitrary<SyscallRule> everywhere = Combinators.combine(common, condition().list().ofMaxSize(3), action(),
            Arbitraries.of(true, false), Arbitraries.integers().between(3, 99))
            .as((n, c, a, opt, line) -> new SyscallRule(n, c, a, opt, null, SeccompTesting.span(line)));
        Arbitrary<SyscallRule> optional = Combinators.combine(oneArch, condition().list().ofMaxSize(2), action(),
            Arbitraries.integers().between(3, 99))
            .as((n, c, a, line) -> new SyscallRule(n, c, a, true, null, SeccompTesting.span(line)));
        // Rules testing one flag bit, as the stock policies' namespace rules do: consecutive ones
        // with one action are merged into a single jset.
        Arbitrary<ArgCondition> bit = Combinators.combine(Arbitraries.integers().between(0, 1),
            Arbitraries.integers().between(0, 63)).as((a, b) -> new ArgCondition(a, ArgCondition.Op.MASKED_EQ, 1L << b, 1L << b));
        Arbitrary<SyscallRule> flag = Combinators.combine(Arbitraries.of("clone", "unshare"), bit,
            Arbitraries.of(Action.errno(1), Action.ALLOW, Action.KILL_PROCESS))
            .as((n, c, a) -> new SyscallRule(n, List.of(c), a, false, null, SeccompTesting.span(50)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, everywhere), net.jqwik.api.Tuple.of(1, optional),
            net.jqwik.api.Tuple.of(4, flag));
    }

    private static Long[] box(long[] v) {
        Long[] out = new Long[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }

    @Property(tries = 400)
    void interpretedProgramAgreesWithEvaluator(@ForAll("policies") SyscallPolicy policy, @ForAll Random random) {
        for (Arch arch : Arch.values()) {
            byte[] prog = SeccompTesting.compile(policy, arch);
            assertEquals(List.of(), BpfStructure.problems(prog), arch.word);
            BpfInterpreter bpf = new BpfInterpreter(prog);
            for (SeccompData d : inputs(policy, arch, random, 150)) {
                Action want = SeccompTesting.expected(policy, arch, d);
                int got = bpf.run(d).ret();
                assertEquals(SeccompRet.of(want), got, () -> arch.word + " nr=" + Integer.toUnsignedString(d.nr())
                    + " arch=0x" + Integer.toHexString(d.arch()) + " args=" + java.util.Arrays.toString(d.args())
                    + " want " + want.render() + " got " + SeccompRet.action(got).render()
                    + "\n" + Disassembler.render(SeccompCompiler.compile(policy, arch).program()));
            }
        }
    }

    /** Calls aimed at the policy's rules and argument boundaries, plus foreign, x32 and random ones. */
    static List<SeccompData> inputs(SyscallPolicy policy, Arch arch, Random r, int count) {
        List<Integer> numbers = new ArrayList<>();
        Set<Long> values = new LinkedHashSet<>();
        for (long v : VALUES) values.add(v);
        for (SyscallRule rule : policy.rules()) {
            arch.table().number(rule.name()).ifPresent(nr -> {
                numbers.add(nr);
                numbers.add(nr - 1);
                numbers.add(nr + 1);
            });
            for (ArgCondition c : rule.conditions()) {
                for (long v : new long[] {c.value(), c.value() + 1, c.value() - 1, c.value() ^ (1L << 32),
                    c.value() ^ 1, c.value() | c.mask(), c.value() ^ c.mask(), c.value() & ~c.mask()}) {
                    values.add(v);
                }
            }
        }
        List<Long> vals = new ArrayList<>(values);
        List<SeccompData> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int nr;
            int pick = r.nextInt(10);
            if (pick < 6 && !numbers.isEmpty()) nr = numbers.get(r.nextInt(numbers.size()));
            else if (pick < 8) nr = r.nextInt(600);
            else if (pick == 8) nr = new int[] {0x40000000, 0x40000000 + 39, 0x3fffffff, -1, 0x80000000, 0xbfffffff}[r.nextInt(6)];
            else nr = r.nextInt();
            int archValue;
            int a = r.nextInt(20);
            if (a == 0) archValue = 0x40000003;                 // AUDIT_ARCH_I386
            else if (a == 1) archValue = 0x40000028;            // AUDIT_ARCH_ARM
            else if (a == 2) archValue = (arch == Arch.X86_64 ? Arch.AARCH64 : Arch.X86_64).auditArch;
            else if (a == 3) archValue = r.nextInt();
            else archValue = arch.auditArch;
            long[] args = new long[6];
            for (int j = 0; j < 6; j++) args[j] = r.nextInt(8) == 0 ? r.nextLong() : vals.get(r.nextInt(vals.size()));
            out.add(new SeccompData(nr, archValue, r.nextLong(), args));
        }
        return out;
    }

    @Property(tries = 100)
    void everyProgramPassesTheKernelsStructuralChecks(@ForAll("policies") SyscallPolicy policy) {
        for (Arch arch : Arch.values()) {
            byte[] prog = SeccompTesting.compile(policy, arch);
            assertEquals(List.of(), BpfStructure.problems(prog));
            assertTrue(prog.length / 8 <= Insn.MAX_INSNS);
        }
    }
}
