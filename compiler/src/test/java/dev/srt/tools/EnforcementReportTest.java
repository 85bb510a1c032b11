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
