package dev.srt.backend.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.backend.Backend;
import dev.srt.backend.Backends;
import dev.srt.backend.Enforcement;
import dev.srt.backend.Lowered;
import dev.srt.backend.Target;
import dev.srt.diag.Diagnostic;
import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Readable examples: decisions on concrete calls, diagnostics, long jumps, the size limit, the back-end API. */
class SeccompExamplesTest {
    static final Action EPERM = Action.errno(1);

    static SyscallRule rule(String name, Action a, ArgCondition... c) {
        return new SyscallRule(name, List.of(c), a, false, null, SeccompTesting.span(10));
    }

    static ArgCondition eq(int arg, long v) {
        return new ArgCondition(arg, ArgCondition.Op.EQ, v, 0);
    }

    static ArgCondition masked(int arg, long mask, long v) {
        return new ArgCondition(arg, ArgCondition.Op.MASKED_EQ, v, mask);
    }

    /** The shape of the stock default: a few refused calls, some by argument, default allow. */
    static final SyscallPolicy EXAMPLE = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS, List.of(
        rule("socket", EPERM, masked(0, 0xffffffffL, 1)),           // AF_UNIX
        rule("socket", EPERM, masked(0, 0xffffffffL, 40)),          // AF_VSOCK
        rule("ioctl", EPERM, masked(1, 0xffffffffL, 0x5412)),       // TIOCSTI
        rule("clone", EPERM, masked(0, 0x10000000L, 0x10000000L)),  // CLONE_NEWUSER
        rule("clone3", Action.errno(38)),
        rule("ptrace", Action.KILL_PROCESS),
        rule("mount", EPERM)));

    private static Action run(SyscallPolicy p, Arch arch, SeccompData d) {
        int ret = new BpfInterpreter(SeccompTesting.compile(p, arch)).run(d).ret();
        Action want = SeccompTesting.expected(p, arch, d);
        assertEquals(SeccompRet.of(want), ret, "interpreter and evaluator disagree");
        return SeccompRet.action(ret);
    }

    @Test
    void exampleDecisionsOnBothArchitectures() {
        Object[][] table = {
            // call, args, expected
            {"socket", new long[] {1, 1, 0}, EPERM},
            {"socket", new long[] {2, 1, 0}, Action.ALLOW},
            {"socket", new long[] {40, 1, 0}, EPERM},
            {"socket", new long[] {1L | (1L << 32), 1, 0}, EPERM},    // upper bits ignored by the kernel, and by the mask
            {"ioctl", new long[] {0, 0x5412}, EPERM},
            {"ioctl", new long[] {0, 0x5413}, Action.ALLOW},
            {"clone", new long[] {0x10000000L | 17}, EPERM},
            {"clone", new long[] {17}, Action.ALLOW},
            {"clone3", new long[] {0}, Action.errno(38)},
            {"ptrace", new long[] {0}, Action.KILL_PROCESS},
            {"mount", new long[] {0}, EPERM},
            {"getpid", new long[] {}, Action.ALLOW},
            {"read", new long[] {0}, Action.ALLOW},
        };
        for (Arch arch : Arch.values()) {
            for (Object[] row : table) {
                SeccompData d = SeccompTesting.call(arch, (String) row[0], (long[]) row[1]);
                assertEquals(row[2], run(EXAMPLE, arch, d), arch.word + " " + row[0]);
            }
        }
    }

    @Test
    void foreignArchitectureAndX32GetTheForeignArchAction() {
        SyscallPolicy p = SeccompTesting.syscalls(Action.ALLOW, Action.errno(18), List.of(rule("mount", EPERM)));
        SeccompData getpidX32 = new SeccompData(0x40000000 + 39, Arch.X86_64.auditArch, 0, new long[6]);
        assertEquals(Action.errno(18), run(p, Arch.X86_64, getpidX32));
        SeccompData i386 = new SeccompData(20, 0x40000003, 0, new long[6]);
        assertEquals(Action.errno(18), run(p, Arch.X86_64, i386));
        assertEquals(Action.errno(18), run(p, Arch.AARCH64, i386));
        SeccompData x86OnArm = SeccompTesting.call(Arch.X86_64, "getpid");
        assertEquals(Action.errno(18), run(p, Arch.AARCH64, x86OnArm));
        // aarch64 has no x32: a high number is just a call no rule names.
        assertEquals(Action.ALLOW, run(p, Arch.AARCH64, new SeccompData(0x40000000 + 39, Arch.AARCH64.auditArch, 0, new long[6])));
    }

    @Test
    void disassemblyShowsTheProgramShape() {
        String text = Disassembler.render(SeccompCompiler.compile(EXAMPLE, Arch.X86_64).program());
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("; seccomp classic BPF for x86_64"), lines[0]);
        assertTrue(lines[1].contains("ld   [4]") && lines[1].contains("seccomp_data.arch"), lines[1]);
        assertTrue(lines[2].contains("jeq  #0xc000003e, nr, kill_process"), lines[2]);
        assertTrue(text.contains("nr:\n    2  ld   [0]"), text);
        assertTrue(text.contains("#0x40000000"), "x32 numbers are one range of the search:\n" + text);
        assertTrue(text.contains("socket:\n"), text);
        assertTrue(text.contains("ret  #0x50001") && text.contains("errno EPERM"), text);
        System.out.println(text);
    }

    @Test
    void unknownSystemCallIsAnErrorNamingBothArchitectures() {
        SyscallPolicy p = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS, List.of(
            new SyscallRule("sokcet", List.of(), EPERM, true, null, SeccompTesting.span(7))));
        for (Arch arch : Arch.values()) {
            SeccompCompiler.Result r = SeccompCompiler.compile(p, arch);
            assertNull(r.program());
            Diagnostic d = r.diagnostics().get(0);
            assertTrue(d.isError());
            assertEquals(SeccompCompiler.UNKNOWN_SYSCALL, d.code());
            assertEquals(7, d.span().line());
            assertTrue(d.message().contains("'sokcet'") && d.message().contains("x86_64 or aarch64"), d.message());
            assertEquals("did you mean `socket`?", d.help());
        }
    }

    @Test
    void callMissingOnOneArchitectureNeedsOptional() {
        SyscallRule open = new SyscallRule("open", List.of(), EPERM, false, null, SeccompTesting.span(5));
        SyscallPolicy p = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS, List.of(open));
        assertNotNull(SeccompCompiler.compile(p, Arch.X86_64).program());
        SeccompCompiler.Result arm = SeccompCompiler.compile(p, Arch.AARCH64);
        assertNull(arm.program());
        assertEquals(SeccompCompiler.MISSING_ON_ARCH, arm.diagnostics().get(0).code());
        assertTrue(arm.diagnostics().get(0).message().contains("does not exist on aarch64"));
        assertEquals(5, arm.diagnostics().get(0).span().line());

        SyscallRule optionalOpen = new SyscallRule("open", List.of(), EPERM, true, null, SeccompTesting.span(5));
        SyscallPolicy q = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS, List.of(optionalOpen));
        SeccompCompiler.Result ok = SeccompCompiler.compile(q, Arch.AARCH64);
        assertNotNull(ok.program());
        assertTrue(ok.enforcement().get(0).how().contains("left out"));
        assertEquals(EPERM, run(q, Arch.X86_64, SeccompTesting.call(Arch.X86_64, "open")));
    }

    @Test
    void farJumpsGoThroughInsertedLongJumps() {
        List<SyscallRule> rules = new ArrayList<>();
        String[] names = SeccompPropertyTest.COMMON.toArray(new String[0]);
        for (int i = 0; i < names.length; i++) {
            rules.add(rule(names[i], Action.errno(i + 1), eq(0, i), eq(1, 0x100000000L + i), eq(2, -1L - i)));
        }
        SyscallPolicy p = SeccompTesting.syscalls(Action.KILL_PROCESS, Action.KILL_PROCESS, rules);
        for (Arch arch : Arch.values()) {
            Program prog = SeccompCompiler.compile(p, arch).program();
            assertTrue(prog.size() > 300, "needs a long program, got " + prog.size());
            assertTrue(prog.insns().stream().anyMatch(i -> i.code() == (Insn.BPF_JMP | Insn.BPF_JA)), "expected a ja");
            byte[] bytes = SockFilter.encode(prog);
            assertEquals(List.of(), BpfStructure.problems(bytes));
            BpfInterpreter bpf = new BpfInterpreter(bytes);
            for (int i = 0; i < names.length; i++) {
                SeccompData hit = SeccompTesting.call(arch, names[i], i, 0x100000000L + i, -1L - i);
                assertEquals(SeccompRet.of(Action.errno(i + 1)), bpf.run(hit).ret(), names[i]);
                SeccompData miss = SeccompTesting.call(arch, names[i], i, i, -1L - i);
                assertEquals(SeccompRet.KILL_PROCESS, bpf.run(miss).ret(), names[i]);
            }
            for (SeccompData d : SeccompPropertyTest.inputs(p, arch, new Random(1), 2000)) {
                assertEquals(SeccompRet.of(SeccompTesting.expected(p, arch, d)), bpf.run(d).ret());
            }
        }
    }

    @Test
    void programsOverTheKernelLimitAreRefusedWithADiagnostic() {
        List<SyscallRule> rules = new ArrayList<>();
        for (int i = 0; i < 1200; i++) rules.add(rule("read", Action.errno(1 + i % 2), eq(0, i)));
        SyscallPolicy p = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS, rules);
        SeccompCompiler.Result r = SeccompCompiler.compile(p, Arch.X86_64);
        assertNull(r.program());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(SeccompCompiler.TOO_LONG, d.code());
        assertTrue(d.message().contains("4096") && d.message().contains("x86_64"), d.message());
        Lowered l = new SeccompBackend(Arch.X86_64).lower(SeccompTesting.policy(p));
        assertNull(l.bytes());
        assertFalse(l.diagnostics().isEmpty());
    }

    @Test
    void backendsAreRegisteredAndRenderBytesAndText() {
        List<Target> targets = new ArrayList<>();
        for (Backend b : Backends.all()) targets.add(b.target());
        assertTrue(targets.contains(Target.SECCOMP_X86_64) && targets.contains(Target.SECCOMP_AARCH64), targets.toString());
        for (Arch arch : Arch.values()) {
            Lowered l = new SeccompBackend(arch).lower(SeccompTesting.policy(EXAMPLE));
            assertEquals(arch.target, l.target());
            Program p = SeccompCompiler.compile(EXAMPLE, arch).program();
            assertEquals(p.size() * 8, l.bytes().length);
            // struct sock_filter, little-endian: the first instruction is ld [4] = 20 00 00 00 04 00 00 00.
            assertEquals(List.of(0x20, 0, 0, 0, 4, 0, 0, 0), bytes(l.bytes(), 8));
            assertEquals(Disassembler.render(p), l.readable());
            assertTrue(l.diagnostics().isEmpty());
            assertEquals(EXAMPLE.rules().size() + 2, l.enforcement().size());
            assertTrue(l.enforcement().stream().allMatch(e -> e.level() == Enforcement.Level.EXACT));
        }
    }

    private static List<Integer> bytes(byte[] b, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(b[i] & 0xff);
        return out;
    }

    @Test
    void aRuleForEveryCallWithAlternatingActionsStillCompilesAndAgrees() {
        // The worst case for the search: every number its own range (about 730 on x86_64).
        for (Arch arch : Arch.values()) {
            List<SyscallRule> rules = new ArrayList<>();
            int i = 0;
            for (String name : arch.table().byName().keySet()) {
                rules.add(rule(name, i % 3 == 0 ? Action.ALLOW : Action.errno(1 + i % 7)));
                i++;
            }
            SyscallPolicy p = SeccompTesting.syscalls(Action.KILL_PROCESS, Action.KILL_PROCESS, rules);
            BpfInterpreter bpf = new BpfInterpreter(SeccompTesting.compile(p, arch));
            for (int nr = 0; nr < 1100; nr++) {
                SeccompData d = new SeccompData(nr, arch.auditArch, 0, new long[6]);
                assertEquals(SeccompRet.of(SeccompTesting.expected(p, arch, d)), bpf.run(d).ret(), arch.word + " " + nr);
            }
        }
    }

    @Test
    void policyWithoutSyscallSectionAllowsAndKillsForeignArchitectures() {
        SeccompCompiler.Result r = SeccompCompiler.compile(null, Arch.X86_64);
        BpfInterpreter bpf = new BpfInterpreter(SockFilter.encode(r.program()));
        assertEquals(SeccompRet.ALLOW, bpf.run(SeccompTesting.call(Arch.X86_64, "mount")).ret());
        assertEquals(SeccompRet.KILL_PROCESS, bpf.run(new SeccompData(1, 0x40000003, 0, new long[6])).ret());
    }
}
