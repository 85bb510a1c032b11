package dev.srt.backend.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.check.Frontend;
import dev.srt.check.Loader;
import dev.srt.diag.Diagnostic;
import dev.srt.ir.Action;
import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import dev.srt.verify.ExpectationRunner;
import dev.srt.verify.IrLayer;
import dev.srt.verify.Layer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stock policies policies/syscalls.srt (std:syscalls) and policies/hardening.srt: they
 * compile for both architectures, their {@code expect} lines hold in the IR and in both BPF
 * programs, every rule has an expectation that fails without it, {@code unless} capabilities
 * lift what they should, and the default filter works in the real kernel.
 */
class StockSyscallPoliciesTest {
    static final List<Layer> LAYERS = List.of(new IrLayer(), new SeccompLayer(Arch.X86_64), new SeccompLayer(Arch.AARCH64));

    static Policy load(String file) throws Exception {
        Frontend.Result r = Frontend.compile(Loader.Input.file(Path.of("../policies", file)));
        assertTrue(r.ok(), file + ": " + r.diagnostics());
        assertTrue(r.diagnostics().stream().noneMatch(Diagnostic::isError), r.diagnostics().toString());
        return r.policy();
    }

    static Policy text(String source) {
        Frontend.Result r = Frontend.compile(Loader.Input.text("test.srt", source, Path.of(".")));
        assertTrue(r.ok(), r.diagnostics().toString());
        return r.policy();
    }

    @Test
    void stockPoliciesCompileForBothArchitecturesAndTheirExpectationsHoldInEveryLayer() throws Exception {
        for (String file : List.of("syscalls.srt", "hardening.srt")) {
            Policy p = load(file);
            for (Arch arch : Arch.values()) {
                SeccompCompiler.Result r = SeccompCompiler.compile(p.syscalls(), arch);
                assertNotNull(r.program(), file + " " + arch.word + ": " + r.diagnostics());
                assertEquals(List.of(), BpfStructure.problems(SockFilter.encode(r.program())));
            }
            List<ExpectationRunner.Outcome> outcomes = new ExpectationRunner(LAYERS).run(p);
            assertTrue(outcomes.size() >= 20, file + " has only " + outcomes.size() + " expectations");
            for (ExpectationRunner.Outcome o : outcomes) {
                assertTrue(o.passed(), file + ": " + o.expectation().probe().render() + " " + o.answers());
                String name = ((Probe.Syscall) o.expectation().probe()).name();
                long archs = java.util.Arrays.stream(Arch.values()).filter(a -> a.table().number(name).isPresent()).count();
                assertTrue(archs > 0, name);
                assertEquals(1 + archs, o.answers().size(), "every layer that has the call answers " + name);
            }
        }
    }

    @Test
    void everyStockRuleHasAnExpectationThatFailsWithoutIt() throws Exception {
        for (String file : List.of("syscalls.srt", "hardening.srt")) {
            Policy p = load(file);
            List<SyscallRule> rules = p.syscalls().rules();
            List<String> untested = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                List<SyscallRule> without = new ArrayList<>(rules);
                without.remove(i);
                Policy q = withRules(p, without);
                boolean noticed = new ExpectationRunner(List.of(new IrLayer())).run(q).stream().anyMatch(o -> !o.passed());
                if (!noticed) untested.add(rules.get(i).render());
            }
            assertEquals(List.of(), untested, file + ": rules no expectation depends on");
        }
    }

    static Policy withRules(Policy p, List<SyscallRule> rules) {
        SyscallPolicy s = p.syscalls();
        return new Policy(p.languageVersion(), p.sources(), p.filesystem(), p.network(),
            new SyscallPolicy(s.defaultAction(), s.defaultSpan(), s.foreignArch(), s.foreignArchSpan(), rules, s.lifted()),
            p.environment(), p.ignores(), p.options(), p.expectations());
    }

    @Test
    void capabilitiesLiftTheirRulesAndNothingElse() {
        Policy strict = text("srt 1\ninclude std:syscalls\n");
        Policy granted = text("srt 1\ninclude std:syscalls\nnetwork {\n  allow unix all\n}\nsandbox {\n  nested-userns\n}\n");
        Object[][] table = {
            {"socket", new long[] {1, 1, 0}, Action.errno(1), Action.ALLOW},
            {"socket", new long[] {40, 1, 0}, Action.errno(1), Action.errno(1)},
            {"unshare", new long[] {0x10000000L}, Action.errno(1), Action.ALLOW},
            {"clone", new long[] {0x40000000L | 17}, Action.errno(1), Action.ALLOW},
            {"clone3", new long[] {0, 88}, Action.errno(38), Action.ALLOW},
            {"ioctl", new long[] {0, 0x5412, 0}, Action.errno(1), Action.errno(1)},
            {"mount", new long[] {0}, Action.errno(1), Action.errno(1)},
        };
        for (Arch arch : Arch.values()) {
            SeccompLayer layer = new SeccompLayer(arch);
            for (Object[] row : table) {
                Probe.Syscall probe = new Probe.Syscall((String) row[0], boxed((long[]) row[1]));
                assertEquals(((Action) row[2]).render(), layer.decide(strict, probe).orElseThrow().verdict(), arch.word + " " + row[0]);
                assertEquals(((Action) row[3]).render(), layer.decide(granted, probe).orElseThrow().verdict(), arch.word + " " + row[0]);
            }
        }
    }

    private static List<Long> boxed(long[] v) {
        List<Long> out = new ArrayList<>();
        for (long x : v) out.add(x);
        return out;
    }

    @Test
    void theDefaultFilterWorksInTheKernel() throws Exception {
        Arch arch = KernelSandbox.native_();
        Policy p = load("syscalls.srt");
        String body = String.join("\n",
            "def errno_of(f):",
            "    try:",
            "        f(); return 0",
            "    except OSError as e: return e.errno",
            "say('unix', errno_of(lambda: socket.socket(socket.AF_UNIX)))",
            "say('vsock', errno_of(lambda: socket.socket(40, socket.SOCK_STREAM)))",
            "say('inet', errno_of(lambda: socket.socket(socket.AF_INET).close()))",
            "say('unix-high', sc('socket', 1 | (1 << 32), 1, 0)[1])",
            "say('userns', sc('unshare', 0x10000000)[1])",
            "say('netns', sc('unshare', 0x40000000)[1])",
            "say('tiocsti', sc('ioctl', 0, 0x5412, 0)[1])",
            "say('io_uring', sc('io_uring_setup', 8, 0)[1])",
            "say('clone3', sc('clone3', 0, 0)[1])",
            "say('setns', sc('setns', 0, 0)[1])",
            "say('mount', sc('mount', 0, 0, 0, 0, 0)[1])",
            "t = threading.Thread(target=lambda: say('thread ran')); t.start(); t.join()",
            "say('child', subprocess.run(['/bin/true']).returncode)",
            "say('done')");
        KernelSandbox.Result r = KernelSandbox.run(SeccompTesting.compile(p.syscalls(), arch), KernelSandbox.prelude(arch) + body);
        assertEquals(0, r.exit(), r.err() + r.out());
        List<String> lines = List.of(r.out().split("\n"));
        for (String want : List.of("unix 1", "vsock 1", "inet 0", "unix-high 1", "userns 1", "netns 1", "tiocsti 1",
            "io_uring 1", "clone3 38", "setns 1", "mount 1", "thread ran", "child 0", "done")) {
            assertTrue(lines.contains(want), "missing '" + want + "' in\n" + r.out());
        }
    }

    @Test
    void withoutTheFilterTheSameCallsGetPastSeccomp() throws Exception {
        // Control for the test above: without the rules the kernel answers differently
        // (ENOTTY for TIOCSTI on a pipe, EINVAL for clone3 with size 0, a socket for AF_UNIX).
        Arch arch = KernelSandbox.native_();
        SyscallPolicy empty = SeccompTesting.syscalls(Action.ALLOW, Action.KILL_PROCESS, List.of());
        String body = String.join("\n",
            "say('unix', sc('socket', 1, 1, 0)[1])",
            "say('tiocsti', sc('ioctl', 0, 0x5412, 0)[1])",
            "say('clone3', sc('clone3', 0, 0)[1])");
        KernelSandbox.Result r = KernelSandbox.run(SeccompTesting.compile(empty, arch), KernelSandbox.prelude(arch) + body);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = List.of(r.out().split("\n"));
        assertTrue(lines.contains("unix 0"), r.out());
        assertFalse(lines.contains("tiocsti 1"), r.out());
        assertTrue(lines.contains("clone3 22"), r.out());
    }
}
