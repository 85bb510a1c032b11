package dev.srt.backend.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.Action;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The figures quoted in docs/seccomp.md (bench/seccomp-figures.sh prints them): for the stock
 * default filter, the hardening policy and a 300-call allow-list, program length and
 * instructions executed per call (average over every call number of the architecture, and the
 * worst), ours beside libseccomp's binary-tree output (SCMP_FLTATR_CTL_OPTIMIZE 2) for the same
 * rules. Asserts the goal: our worst path is never longer than libseccomp's.
 */
class SeccompFiguresTest {
    static final Path OUT = Path.of("target/seccomp-figures.txt");

    record Row(String policy, Arch arch, int rules, Cost ours, Cost theirs) {
    }

    record Cost(int length, double average, int worst) {
        static Cost of(byte[] prog, Arch arch) {
            long sum = 0;
            int worst = 0;
            Map<Integer, String> numbers = arch.table().byNumber();
            for (int nr : numbers.keySet()) {
                int c = PathCost.worst(prog, arch, nr);
                sum += c;
                worst = Math.max(worst, c);
            }
            return new Cost(prog.length / 8, (double) sum / numbers.size(), worst);
        }
    }

    static SyscallPolicy allowList(int n) {
        List<SyscallRule> rules = new ArrayList<>();
        for (String name : Arch.X86_64.table().byName().keySet()) {
            if (rules.size() == n) break;
            if (Arch.AARCH64.table().number(name).isEmpty()) continue;
            rules.add(new SyscallRule(name, List.of(), Action.ALLOW, false, null, SeccompTesting.span(3 + rules.size())));
        }
        return SeccompTesting.syscalls(Action.KILL_PROCESS, Action.KILL_PROCESS, rules);
    }

    @Test
    void ourWorstPathIsNeverLongerThanLibseccompsBinaryTree() throws Exception {
        List<Row> rows = new ArrayList<>();
        Map<String, SyscallPolicy> policies = new java.util.LinkedHashMap<>();
        policies.put("std:syscalls", StockSyscallPoliciesTest.load("syscalls.srt").syscalls());
        policies.put("std:hardening", StockSyscallPoliciesTest.load("hardening.srt").syscalls());
        policies.put("allow-list 300", allowList(300));
        for (Map.Entry<String, SyscallPolicy> e : policies.entrySet()) {
            for (Arch arch : Arch.values()) {
                SyscallPolicy p = e.getValue();
                SyscallPolicy lib = LibSeccomp.expressible(p, arch);
                long present = p.rules().stream().filter(r -> arch.table().number(r.name()).isPresent()).count();
                assertEquals(present, lib.rules().size(), "libseccomp gets every rule of " + e.getKey());
                byte[] ours = SeccompTesting.compile(p, arch);
                byte[] theirs = LibSeccomp.export(lib, arch, 2);
                sameDecisions(ours, theirs, arch);
                rows.add(new Row(e.getKey(), arch, (int) present, Cost.of(ours, arch), Cost.of(theirs, arch)));
            }
        }
        String table = render(rows);
        System.out.print(table);
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, table);
        for (Row r : rows) {
            assertTrue(r.ours().worst() <= r.theirs().worst(),
                r.policy() + " " + r.arch().word + ": worst path " + r.ours().worst() + " > libseccomp " + r.theirs().worst());
        }
    }

    private static void sameDecisions(byte[] ours, byte[] theirs, Arch arch) {
        BpfInterpreter a = new BpfInterpreter(ours);
        BpfInterpreter b = new BpfInterpreter(theirs);
        long[][] args = {{0, 0, 0, 0, 0, 0}, {1, 0x5412, 0, 0, 0, 0}, {0x10000000L | 17, 0, 0, 0, 0, 0}, {40, 1, 0, 0, 0, 0}};
        for (int nr = 0; nr < 1024; nr++) {
            for (long[] v : args) {
                SeccompData d = new SeccompData(nr, arch.auditArch, 0, v);
                assertEquals(b.run(d).ret(), a.run(d).ret(), arch.word + " nr " + nr);
            }
        }
    }

    static String render(List<Row> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("seccomp programs: length in instructions; instructions executed per call, average and worst\n");
        b.append("over every call number of the architecture (worst case over argument values).\n");
        b.append("libseccomp: Debian libseccomp2 2.5.4, SCMP_FLTATR_CTL_OPTIMIZE=2 (binary tree).\n\n");
        b.append(String.format(Locale.ROOT, "%-16s %-8s %5s | %-22s | %-22s%n", "policy", "arch", "rules",
            "srt  len   avg  worst", "libseccomp len   avg  worst"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-16s %-8s %5d | %8d %6.2f %6d | %10d %6.2f %6d%n", r.policy(), r.arch().word,
                r.rules(), r.ours().length(), r.ours().average(), r.ours().worst(),
                r.theirs().length(), r.theirs().average(), r.theirs().worst()));
        }
        return b.toString();
    }
}
