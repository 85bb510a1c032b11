package dev.srt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.artifact.Compilation;
import dev.srt.backend.Backends;
import dev.srt.backend.Target;
import dev.srt.check.Loader;
import dev.srt.cli.Explainer;
import dev.srt.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The enforcement report with the real back-ends: `exact` rules fail the compile when a target
 * only approximates them (bwrap expands globs once at start), and explain gives every rule a
 * line for every target (an entry, or "not applicable").
 */
class EnforcementReportTest {
    static Compilation.Result compile(String text) {
        return Compilation.compile(Loader.Input.text("p.srt", text, Path.of("/nonexistent")), Backends.all());
    }

    @Test
    void anExactRuleATargetApproximatesFailsTheCompile() {
        Compilation.Result r = compile("srt 1\nfilesystem {\n  write deny \"**/*.pem\" exact\n}\n");
        assertFalse(r.ok());
        Diagnostic d = r.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertEquals("E1201", d.code());
        assertEquals(3, d.span().line());
        assertTrue(d.message().contains("bwrap enforces it approximate: expanded once at start"), d.message());
    }

    @Test
    void linuxSaysHowItEnforcesNetworkRules() {
        // hosts: the private network namespace plus srt's proxies decide exactly
        assertTrue(compile("srt 1\nnetwork {\n  allow \"a.com:443\" exact\n}\n").ok());
        // a unix socket path: seccomp cannot see paths, so Linux lets every visible socket through
        Compilation.Result r = compile("srt 1\nnetwork {\n  allow unix \"/run/x.sock\" exact\n}\n");
        assertFalse(r.ok());
        Diagnostic d = r.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertTrue(d.message().contains("bwrap enforces it approximate: grants unix-sockets"), d.message());
        assertTrue(compile("srt 1\nnetwork {\n  allow unix all exact\n}\n").ok());
    }

    /** `exact` is honoured on every rule that a target enforces, not only filesystem and host rules. */
    @Test
    void exactIsCheckedOnEveryEnforcedRuleKind() {
        assertEquals("bwrap", exactFailure("filesystem {\n  write allow \".\"\n  protect \"**/.bashrc\" exact\n}"));
        assertEquals(null, exactFailure("filesystem {\n  write allow \".\"\n  protect \"./.bashrc\" exact\n}"));
        assertEquals("bwrap", exactFailure("network {\n  allow bind 8080 exact\n}"));
        assertEquals("bwrap", exactFailure("let s = \"/run/a.sock\"\nnetwork {\n  allow unix s exact\n}"));
        assertEquals("seatbelt", exactFailure("network {\n  proxy http \"10.0.0.1:8080\" exact\n}"));
        assertEquals(null, exactFailure("network {\n  proxy http \"127.0.0.1:8080\" exact\n}"));
        assertEquals("seatbelt", exactFailure("sandbox {\n  weaker-nested-sandbox exact\n}"));
    }

    @Test
    void exactWhereNothingIsEnforcedIsAnError() {
        for (String body : List.of("filesystem {\n  protect \"./a\"\n  unprotect \"./a\" exact\n}",
            "environment {\n  pass \"PATH\" exact\n}", "environment {\n  unset \"X\" exact\n}",
            "environment {\n  set \"X\" = \"1\" exact\n}", "violations {\n  ignore \"*\" exact\n}")) {
            Compilation.Result r = compile("srt 1\n" + body + "\n");
            assertFalse(r.ok(), body);
            assertEquals("E0110", r.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow().code(), body);
        }
    }

    /** The target named by the E1201 error the rule gets, or null when it compiles. */
    private static String exactFailure(String body) {
        Compilation.Result r = compile("srt 1\n" + body + "\n");
        if (r.ok()) return null;
        Diagnostic d = r.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertEquals("E1201", d.code(), d.toString());
        return d.message().replaceAll("^this rule must be enforced exactly, but (\\S+) enforces.*$", "$1");
    }

    @Test
    void withoutExactTheSameRuleCompiles() {
        assertTrue(compile("srt 1\nfilesystem {\n  write deny \"**/*.pem\"\n}\n").ok());
    }

    @Test
    void anExactRuleEveryTargetEnforcesExactlyCompiles() {
        Compilation.Result r = compile("srt 1\nfilesystem {\n  write deny \"./secrets\" exact\n}\n");
        assertTrue(r.ok(), r.diagnostics().toString());
        assertNotNull(r.bytes());
    }

    @Test
    void explainCoversEveryRuleOnEveryTarget() {
        Compilation.Result r = compile("srt 1\nfilesystem {\n  write allow \".\"\n  write deny \"**/*.pem\"\n  protect \"**/.bashrc\"\n}\n"
            + "network {\n  allow \"a.com:443\"\n  allow bind 8080 because \"dev server\"\n}\nsyscalls {\n  errno EPERM ptrace\n}\n");
        assertTrue(r.ok(), r.diagnostics().toString());
        String text = new Explainer(r.frontend().policy(), r.enforcement(),
            List.of(Target.SECCOMP_X86_64, Target.SECCOMP_AARCH64, Target.BWRAP)).explain();
        String[] lines = text.split("\n");
        int rules = 0;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].matches(".*\\s(p\\.srt:\\d+:\\d+|built in)$") || lines[i].contains("lifted")) continue;
            rules++;
            StringBuilder block = new StringBuilder();
            for (int j = i + 1; j < lines.length && lines[j].startsWith("      "); j++) block.append(lines[j]).append('\n');
            for (String t : List.of("seccomp-x86_64", "seccomp-aarch64", "bwrap")) {
                assertTrue(block.toString().contains(t), "no line for " + t + " under: " + lines[i] + "\n" + block);
            }
        }
        assertEquals(8, rules, text);
        assertTrue(text.contains("bwrap: approximate - expanded once at start"), text);
        assertTrue(text.contains("seatbelt: exact"), text);
        assertTrue(text.contains("not applicable: seccomp-x86_64, seccomp-aarch64"), text);
    }

    @Test
    void noReportNoPerTargetLines() {
        Compilation.Result r = compile("srt 1\nfilesystem {\n  write allow \".\"\n}\n");
        String text = new Explainer(r.frontend().policy(), null).explain();
        assertFalse(text.contains("not applicable"), text);
    }
}
