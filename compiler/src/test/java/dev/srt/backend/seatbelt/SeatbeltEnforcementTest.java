package dev.srt.backend.seatbelt;

import static dev.srt.backend.seatbelt.TestPolicies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.artifact.Compilation;
import dev.srt.backend.Backends;
import dev.srt.check.Loader;
import dev.srt.backend.Enforcement;
import dev.srt.backend.Lowered;
import dev.srt.backend.Target;
import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.Policy;
import dev.srt.ir.SandboxOption;
import org.junit.jupiter.api.Test;

/** The enforcement report and the diagnostics: what Seatbelt cannot do is said, per rule. */
class SeatbeltEnforcementTest {
    private static Enforcement entry(Lowered l, String text) {
        return l.enforcement().stream().filter(e -> e.ruleText().equals(text)).findFirst()
            .orElseThrow(() -> new AssertionError("no entry for " + text + " in " + l.enforcement()));
    }

    @Test
    void registered() {
        assertTrue(Backends.all().stream().anyMatch(b -> b.target() == Target.SEATBELT));
    }

    @Test
    void literalRulesAreExact() {
        Lowered l = new SeatbeltBackend().lower(policy().readDeny("~/.ssh").writeAllow(".").protect("**/.bashrc").build());
        assertEquals(Enforcement.Level.EXACT, entry(l, "read deny \"${home}/.ssh\"").level());
        assertEquals(Enforcement.Level.EXACT, entry(l, "write allow \"${cwd}\"").level());
        assertEquals(Enforcement.Level.EXACT, entry(l, "protect \"/**/.bashrc\"").level());
        assertTrue(l.diagnostics().isEmpty());
        assertNotNull(l.bytes());
    }

    @Test
    void syscallRulesAreNotEnforcedAndSaySo() {
        Lowered l = new SeatbeltBackend().lower(policy().syscallErrno("ptrace").build());
        Enforcement e = entry(l, "errno EPERM ptrace");
        assertEquals(Enforcement.Level.NONE, e.level());
        assertTrue(e.how().contains("no seccomp"), e.how());
    }

    @Test
    void doubleStarGlobsOfBothEffectsAreApproximateAndAnErrorWhenExactIsDemanded() {
        Policy loose = policy().fs(Access.READ, Effect.DENY, "/**/secret").fs(Access.READ, Effect.ALLOW, "/**/secret/**/public").build();
        Lowered l = new SeatbeltBackend().lower(loose);
        assertEquals(Enforcement.Level.APPROXIMATE, entry(l, "read allow \"/**/secret/**/public\"").level());
        assertTrue(l.diagnostics().isEmpty(), l.diagnostics().toString());

        String strict = "srt 1\nfilesystem {\n  read deny \"/**/secret\"\n  read allow \"/**/secret/**/public\" exact\n}\n";
        Compilation.Result r = Compilation.compile(Loader.Input.text("p.srt", strict, null));
        assertFalse(r.ok(), "no compiled.bin when a demand for exactness cannot be met");
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.isError() && d.code().equals("E1201")
            && d.message().contains("seatbelt") && d.span().line() == 4), r.diagnostics().toString());
    }

    @Test
    void theApproximationOnlyRefusesMore() {
        Policy p = policy().readDeny("/**/secret").readAllow("/**/secret/**/public").build();
        SeatbeltHarness h = SeatbeltHarness.of(p);
        // deeper than any fixed-depth rule, the allow glob matched deeper: srt allows, Seatbelt refuses
        assertTrue(h.irRead("/a/secret/b/public/x"));
        assertFalse(h.sbRead("/a/secret/b/public/x"));
        assertFalse(h.sbRead("/a/secret/x"));
    }

    @Test
    void singleCharacterGlobsAreApproximateForNonAsciiNames() {
        Lowered l = new SeatbeltBackend().lower(policy().fs(Access.WRITE, Effect.DENY, "/d/key?", true).build());
        assertEquals(Enforcement.Level.APPROXIMATE, entry(l, "write deny \"/d/key?\"").level());
        assertTrue(entry(l, "write deny \"/d/key?\"").how().contains("one byte"));
    }

    @Test
    void readDefaultDenyIsApproximateBecauseSystemFilesStayReadable() {
        Lowered l = new SeatbeltBackend().lower(policy().readDefaultDeny().build());
        assertEquals(Enforcement.Level.APPROXIMATE, entry(l, "read default deny").level());
        SeatbeltHarness h = SeatbeltHarness.of(policy().readDefaultDeny().build());
        assertTrue(h.sbRead("/usr/lib/libSystem.B.dylib"));
        assertFalse(h.sbRead("/Users/other/file"));
    }

    @Test
    void policyReadDenyTakesBaselineAccessAway() {
        SeatbeltHarness h = SeatbeltHarness.of(policy().readDeny("/usr/lib/secret").build());
        assertFalse(h.sbRead("/usr/lib/secret/x"));
        assertTrue(h.sbRead("/usr/lib/libc.dylib"));
    }

    @Test
    void externalProxyOnAnotherHostIsApproximate() {
        Lowered l = new SeatbeltBackend().lower(policy().proxy(ExternalProxy.Kind.HTTP, "10.1.2.3", 3128).build());
        assertEquals(Enforcement.Level.APPROXIMATE, l.enforcement().get(l.enforcement().size() - 1).level());
        SeatbeltHarness h = SeatbeltHarness.of(policy().proxy(ExternalProxy.Kind.HTTP, "127.0.0.1", 3128).build());
        assertTrue(h.sbConnect("127.0.0.1", 3128));
        assertFalse(h.sbConnect("127.0.0.1", SeatbeltHarness.HTTP_PORT), "srt's own HTTP proxy is not started");
        assertTrue(h.sbConnect("127.0.0.1", SeatbeltHarness.SOCKS_PORT));
    }

    @Test
    void ptyOnlyWhenAllowed() {
        String without = new SeatbeltBackend().lower(policy().build()).readable();
        String with = new SeatbeltBackend().lower(policy().option(SandboxOption.ALLOW_PTY).build()).readable();
        assertFalse(without.contains("pseudo-tty"));
        assertTrue(with.contains("(allow pseudo-tty)"));
        SeatbeltHarness h = SeatbeltHarness.of(policy().option(SandboxOption.ALLOW_PTY).build());
        assertTrue(h.sbWrite("/dev/ttys003"));
        assertFalse(SeatbeltHarness.of(policy().build()).sbWrite("/dev/ttys003"));
    }

    @Test
    void unsetEnvironmentVariableNeverMatches() {
        SeatbeltHarness h = SeatbeltHarness.of(policy().writeAllow("${env:PROJECT}/out").build());
        assertEquals(SbplParams.UNSET_PATH, h.params.get("ENV_PROJECT"), "a path below a file: nothing can exist there");
        assertFalse(h.sbWrite("/home/user/out/x"));
        assertFalse(h.irWrite("/home/user/out/x"));
    }

    @Test
    void layoutOfTheRunChangesOrderOnlyWhenDepthsDiffer() {
        Policy p = policy().readDeny("~/.ssh").writeAllow(".").build();
        SeatbeltBackend b = new SeatbeltBackend();
        String atDefault = b.lower(p).readable();
        assertEquals(atDefault, b.lower(p, Layout.DEFAULT).readable());
        // Working in the home directory itself: the working-directory rule is now the shallower one.
        java.util.Map<String, Integer> m = new java.util.HashMap<>(Layout.DEFAULT.segments());
        m.put("cwd", 2);
        String inHome = b.lower(p, new Layout(m)).readable();
        assertTrue(inHome.indexOf("(param \"CWD_RX\")") < inHome.indexOf("\"/.ssh\""), inHome);
        assertTrue(atDefault.indexOf("(param \"CWD_RX\")") > atDefault.indexOf("\"/.ssh\""), atDefault);
    }

    @Test
    void aDenySeatbeltCannotExpressFailsTheCompileAndAnAllowIsLeftOut() {
        Lowered deny = new SeatbeltBackend().lower(policy().readDeny("/d/[é]x").build());
        assertEquals("E1301", deny.diagnostics().get(0).code());
        assertTrue(deny.diagnostics().get(0).isError());
        assertNull(deny.bytes());
        assertEquals(Enforcement.Level.NONE, entry(deny, "read deny \"/d/[é]x\"").level());

        Lowered up = new SeatbeltBackend().lower(policy().readDeny("~/../shared").build());
        assertEquals("E1301", up.diagnostics().get(0).code());

        Policy allow = policy().readDefaultDeny().readAllow("/d/[é]x").build();
        Lowered l = new SeatbeltBackend().lower(allow);
        assertEquals("W1301", l.diagnostics().get(0).code());
        assertFalse(l.diagnostics().get(0).isError());
        assertFalse(SeatbeltHarness.of(allow).sbRead("/d/éx"), "left out, so refused: never more than the policy allows");
    }
}
