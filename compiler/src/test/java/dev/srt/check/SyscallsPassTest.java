package dev.srt.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srt.ir.ArgCondition;
import dev.srt.ir.Policy;
import dev.srt.testkit.Compile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lowering of syscall rules: names, constants, order and the 32-bit argument rule. */
class SyscallsPassTest {
    @Test
    void thirtyTwoBitArgumentsAreComparedOnTheirLowHalf() {
        Policy p = Compile.ok("srt 1\nsyscalls {\n  errno EPERM socket(domain == AF_UNIX), ioctl(request & 0xffffffffffffffff == TIOCSTI)\n"
            + "  errno EPERM clone(flags & CLONE_NEWUSER == CLONE_NEWUSER)\n}\n");
        assertEquals(new ArgCondition(0, ArgCondition.Op.MASKED_EQ, 1, 0xFFFFFFFFL), p.syscalls().rules().get(0).conditions().get(0));
        assertEquals(new ArgCondition(1, ArgCondition.Op.MASKED_EQ, 0x5412, 0xFFFFFFFFL), p.syscalls().rules().get(1).conditions().get(0));
        // clone's flags are an unsigned long: all 64 bits count
        assertEquals(new ArgCondition(0, ArgCondition.Op.MASKED_EQ, 0x10000000L, 0x10000000L), p.syscalls().rules().get(2).conditions().get(0));
    }

    @Test
    void orderingTestsOnThirtyTwoBitArgumentsAreWarnedAbout() {
        var r = Compile.frontend("srt 1\nsyscalls {\n  errno EPERM socket(domain > 2)\n}\n");
        assertEquals(List.of("W0708"), r.diagnostics().stream().map(d -> d.code()).toList());
    }

    @Test
    void rulesKeepSourceOrderAndTheIncludersComeFirst() {
        Policy p = Compile.ok("srt 1\ninclude std:syscalls\nsyscalls {\n  allow socket(domain == AF_UNIX)\n  log ptrace\n}\n");
        assertEquals("socket", p.syscalls().rules().get(0).name());
        assertEquals("ptrace", p.syscalls().rules().get(1).name());
        assertEquals("allow", new dev.srt.ir.eval.Evaluator(p, dev.srt.ir.RuntimeContext.TEST).syscall("socket", new long[] {1, 1, 0, 0, 0, 0}).verdict());
    }

    @Test
    void allowUnixLiftsTheUnixSocketRule() {
        Policy p = Compile.ok("srt 1\ninclude std:syscalls\nnetwork {\n  allow unix \"/run/x.sock\"\n}\n");
        assertEquals("allow", new dev.srt.ir.eval.Evaluator(p, dev.srt.ir.RuntimeContext.TEST).syscall("socket", new long[] {1, 1, 0, 0, 0, 0}).verdict());
        assertEquals(true, p.syscalls().lifted().stream().anyMatch(r -> r.name().equals("socket")));
    }
}
