package dev.srt.backend.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.SyscallPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Differential test against libseccomp: for random policies, libseccomp's filter and ours give
 * the same action for random calls (both run in {@link BpfInterpreter}), and both agree with
 * the IR evaluator. Also cross-checks our syscall tables with libseccomp's own.
 */
class SeccompLibseccompTest {
    @Provide
    Arbitrary<SyscallPolicy> policies() {
        return new SeccompPropertyTest().policies();
    }

    @Property(tries = 150)
    void libseccompAndOurProgramDecideAlike(@ForAll("policies") SyscallPolicy random, @ForAll Random r) {
        for (Arch arch : Arch.values()) {
            SyscallPolicy p = LibSeccomp.expressible(random, arch);
            BpfInterpreter ours = new BpfInterpreter(SeccompTesting.compile(p, arch));
            int level = 1 + r.nextInt(2);
            BpfInterpreter theirs = new BpfInterpreter(LibSeccomp.export(p, arch, level));
            for (SeccompData d : SeccompPropertyTest.inputs(p, arch, r, 150)) {
                int want = SeccompRet.of(SeccompTesting.expected(p, arch, d));
                int a = ours.run(d).ret();
                int b = theirs.run(d).ret();
                String where = arch.word + " optimize=" + level + " nr=" + Integer.toUnsignedString(d.nr()) + " arch=0x"
                    + Integer.toHexString(d.arch()) + " args=" + java.util.Arrays.toString(d.args()) + " policy=" + p.rules();
                assertEquals(want, b, "libseccomp differs from the evaluator: " + where);
                assertEquals(b, a, "ours differs from libseccomp: " + where);
            }
        }
    }

    @Test
    void ourTablesAgreeWithLibseccompsTables() {
        for (Arch arch : Arch.values()) {
            List<String> mismatches = new ArrayList<>();
            int known = 0;
            for (var e : arch.table().byName().entrySet()) {
                var lib = LibSeccomp.number(arch, e.getKey());
                if (lib.isEmpty()) continue; // newer than libseccomp 2.5.4's table
                known++;
                if (!lib.get().equals(e.getValue())) mismatches.add(e.getKey() + " ours " + e.getValue() + " lib " + lib.get());
            }
            int newest = arch.table().byNumber().keySet().stream().max(Integer::compare).orElseThrow();
            for (int nr = 0; nr < 1024; nr++) {
                String name = LibSeccomp.name(arch, nr);
                if (name == null) continue;
                // Debian's libseccomp may know calls newer than the kernel headers: those are not ours yet.
                if (nr > newest && arch.table().number(name).isEmpty()) continue;
                if (!arch.table().number(name).equals(java.util.Optional.of(nr))) {
                    mismatches.add(arch.word + " libseccomp has " + name + "=" + nr + ", ours " + arch.table().number(name));
                }
            }
            assertEquals(List.of(), mismatches, arch.word);
            assertTrue(known > 280, arch.word + ": libseccomp knows only " + known);
        }
    }

    @Test
    void libseccompFilterOfTheExampleAgreesOnTheExampleCalls() {
        SyscallPolicy p = SeccompExamplesTest.EXAMPLE;
        for (Arch arch : Arch.values()) {
            BpfInterpreter theirs = new BpfInterpreter(LibSeccomp.export(LibSeccomp.expressible(p, arch), arch, 2));
            BpfInterpreter ours = new BpfInterpreter(SeccompTesting.compile(p, arch));
            for (SeccompData d : SeccompPropertyTest.inputs(p, arch, new Random(7), 3000)) {
                assertEquals(theirs.run(d).ret(), ours.run(d).ret());
            }
        }
    }
}
