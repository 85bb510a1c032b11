package dev.srt.backend.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The programs in the real kernel: each action observed from inside a sandboxed python3
 * (bwrap --seccomp), allowed calls still working, and the arch check.
 */
class SeccompKernelTest {
    static final Arch NATIVE = KernelSandbox.native_();

    static SyscallRule rule(String name, Action a, ArgCondition... c) {
        return new SyscallRule(name, List.of(c), a, false, null, SeccompTesting.span(3));
    }

    static ArgCondition int32(int arg, long v) {
        return new ArgCondition(arg, ArgCondition.Op.MASKED_EQ, v, 0xffffffffL);
    }

    private static KernelSandbox.Result run(SyscallPolicy p, Arch arch, String body) throws Exception {
        return KernelSandbox.run(SeccompTesting.compile(p, arch), KernelSandbox.prelude(NATIVE) + body);
    }

    @Test
    void errnoTrapLogAndAllowAreObservedInTheKernel() throws Exception {
        SyscallPolicy p = SeccompTesting.syscalls(Action.ALLOW, Action.errno(18), List.of(
            rule("socket", Action.errno(1), int32(0, 1)),            // socket(AF_UNIX)
            rule("getsid", Action.errno(13)),
            rule("getpriority", Action.of(Action.Kind.TRAP)),
            rule("sched_yield", Action.of(Action.Kind.LOG))));
        String body = String.join("\n",
            "try:",
            "    socket.socket(socket.AF_UNIX); say('unix ok')",
            "except OSError as e: say('unix', e.errno)",
            "s = socket.socket(socket.AF_INET); say('inet ok'); s.close()",
            "say('unix-high', *sc('socket', 1 | (1 << 32), 1, 0))",
            "try:",
            "    os.getsid(0); say('getsid ok')",
            "except OSError as e: say('getsid', e.errno)",
            "trapped = []",
            "signal.signal(signal.SIGSYS, lambda s, f: trapped.append(s))",
            "try: os.getpriority(os.PRIO_PROCESS, 0)",
            "except OSError: pass",
            "say('trapped', len(trapped))",
            "os.sched_yield(); say('log ok')",
            "say('pid ok', os.getpid() > 0)",
            "if 'x32_getpid' in NR: say('x32', *sc('x32_getpid'))",
            "say('done')");
        KernelSandbox.Result r = run(p, NATIVE, body);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = List.of(r.out().split("\n"));
        assertTrue(lines.contains("unix 1"), r.out());                  // EPERM
        assertTrue(lines.contains("inet ok"), r.out());
        assertTrue(lines.contains("unix-high -1 1"), r.out());          // upper bits set: still refused
        assertTrue(lines.contains("getsid 13"), r.out());               // EACCES
        assertTrue(lines.contains("trapped 1"), r.out());               // SIGSYS delivered, not killed
        assertTrue(lines.contains("log ok"), r.out());
        assertTrue(lines.contains("pid ok True"), r.out());
        if (NATIVE == Arch.X86_64) assertTrue(lines.contains("x32 -1 18"), r.out()); // foreign-arch errno EXDEV
        assertTrue(lines.contains("done"), r.out());
    }

    @Test
    void withoutTheRulesTheSameCallsSucceed() throws Exception {
        // The control for the test above: each refused call does work under an empty policy.
        SyscallPolicy p = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS, List.of());
        String body = String.join("\n",
            "socket.socket(socket.AF_UNIX); say('unix ok')",
            "os.getsid(0); say('getsid ok')",
            "os.getpriority(os.PRIO_PROCESS, 0); say('getpriority ok')");
        KernelSandbox.Result r = run(p, NATIVE, body);
        assertEquals(0, r.exit(), r.err());
        assertEquals("unix ok\ngetsid ok\ngetpriority ok\n", r.out());
    }

    @Test
    void killProcessAndKillThreadEndTheProgramWithSigsys() throws Exception {
        for (Action.Kind kind : new Action.Kind[] {Action.Kind.KILL_PROCESS, Action.Kind.KILL_THREAD}) {
            SyscallPolicy p = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS,
                List.of(rule("getppid", Action.of(kind))));
            KernelSandbox.Result r = run(p, NATIVE, "say('started')\nos.getppid()\nsay('survived')");
            assertTrue(r.killedBySigsys(), kind + ": exit " + r.exit() + " " + r.err());
            assertTrue(r.out().contains("started"), r.out());
            assertFalse(r.out().contains("survived"), r.out());
        }
    }

    @Test
    void comparingAnIntArgumentOnAll64BitsIsBypassableSoStockPoliciesMaskIt() throws Exception {
        // socket()'s domain is an int: the kernel ignores the upper 32 bits of the register, so
        // an unmasked arg0 == AF_UNIX rule is bypassed by setting them. This is why the stock
        // policies write (domain & 0xffffffff) == AF_UNIX.
        SyscallPolicy p = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS,
            List.of(rule("socket", Action.errno(1), new ArgCondition(0, ArgCondition.Op.EQ, 1, 0))));
        String body = String.join("\n",
            "try:",
            "    socket.socket(socket.AF_UNIX); say('unix ok')",
            "except OSError as e: say('unix', e.errno)",
            "r, e = sc('socket', 1 | (1 << 32), 1, 0)",
            "say('high', r >= 0, e)");
        KernelSandbox.Result r = run(p, NATIVE, body);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("unix 1\n"), r.out());
        assertTrue(r.out().contains("high True 0\n"), r.out());
    }

    @Test
    void theArchitectureCheckRunsInTheKernel() throws Exception {
        Arch other = NATIVE == Arch.X86_64 ? Arch.AARCH64 : Arch.X86_64;
        // The other architecture's program with foreign-arch allow lets everything through here ...
        SyscallPolicy allowForeign = SeccompTesting.syscalls(Action.KILL_PROCESS, Action.ALLOW, List.of());
        KernelSandbox.Result ok = run(allowForeign, other, "say('ran')");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("ran\n", ok.out());
        // ... and with foreign-arch kill-process even the exec of python3 is killed.
        SyscallPolicy killForeign = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS, List.of());
        KernelSandbox.Result killed = run(killForeign, other, "say('ran')");
        assertTrue(killed.killedBySigsys(), "exit " + killed.exit() + " " + killed.err());
        assertEquals("", killed.out());
        // The native program with the same policy runs.
        KernelSandbox.Result nativeRun = run(killForeign, NATIVE, "say('ran')");
        assertEquals(0, nativeRun.exit(), nativeRun.err());
    }
}
