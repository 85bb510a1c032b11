package dev.srt.runner.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sandbox-exec and log(1) command lines, and the parameters a run fills in. */
class SandboxExecCommandTest {
    @Test
    void profileFileParametersThenTheCommandUnchanged() {
        SandboxExecCommand c = SandboxExecCommand.withFile(Path.of("/private/var/folders/ab/T/srt/profile.sb"),
            Map.of("HOME", "/Users/alice", "CWD", "/Users/alice/my proj"), List.of("python3", "-c", "print('hi; rm -rf /')"));
        assertEquals(List.of("/usr/bin/sandbox-exec", "-f", "/private/var/folders/ab/T/srt/profile.sb",
            "-D", "CWD=/Users/alice/my proj", "-D", "HOME=/Users/alice", "--", "python3", "-c", "print('hi; rm -rf /')"), c.argv());
    }

    @Test
    void inlineProfile() {
        SandboxExecCommand c = SandboxExecCommand.inline("(version 1)\n(deny default)\n", Map.of(), List.of("/bin/ls"));
        assertEquals(List.of("/usr/bin/sandbox-exec", "-p", "(version 1)\n(deny default)\n", "--", "/bin/ls"), c.argv());
    }

    @Test
    void refusesWhatCannotBePassed() {
        assertThrows(IllegalArgumentException.class, () -> SandboxExecCommand.inline("x", Map.of("A", "b\0c"), List.of("ls")));
        assertThrows(IllegalArgumentException.class, () -> SandboxExecCommand.inline("x", Map.of("A=B", "c"), List.of("ls")));
        assertThrows(IllegalArgumentException.class, () -> SandboxExecCommand.inline("x", Map.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SandboxExecCommand("/usr/bin/sandbox-exec", null, null, Map.of(), List.of("ls")));
    }

    @Test
    void logFollowerSelectsThisRunByItsTag() {
        assertEquals(List.of("/usr/bin/log", "stream", "--style", "ndjson", "--level", "default", "--predicate",
            "eventMessage CONTAINS \"srt-0123456789abcdef\""), LogStreamCommand.argv(MacTestPolicy.TAG));
        String tag = LogStreamCommand.newTag(new java.util.Random(1));
        assertTrue(tag.matches("srt-[0-9a-f]{16}"), tag);
    }

    @Test
    void parametersCoverEveryValueTheProfileReads() {
        MacProfile p = MacProfile.forRun(MacTestPolicy.policy(), "", MacTestPolicy.MAC, 50001, 50002, MacTestPolicy.TAG);
        Map<String, String> m = p.parameters();
        assertEquals("/Users/alice", m.get("HOME"));
        assertEquals("/Users/alice/work/proj", m.get("CWD"));
        assertEquals("/private/var/folders/ab/xyz123/T", m.get("TMPDIR"));
        assertEquals("/private/var/folders/ab/xyz123/T", m.get("TMPDIR_RX"));
        assertEquals("501", m.get("UID"));
        assertEquals("50001", m.get("HTTP_PROXY_PORT"));
        assertEquals("50002", m.get("SOCKS_PROXY_PORT"));
        assertEquals(MacTestPolicy.TAG, m.get("SRT_LOG_TAG"));
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("\\(param \"([A-Z0-9_]+)\"\\)").matcher(p.text());
        while (used.find()) assertTrue(m.containsKey(used.group(1)), "missing parameter " + used.group(1));
    }

    @Test
    void regexParametersAreQuoted() {
        RuntimeContextHolder h = new RuntimeContextHolder();
        Map<String, String> m = MacProfile.parameters(MacTestPolicy.policy(), h.ctx, 1, 2, MacTestPolicy.TAG);
        assertEquals("/Users/a\\.b \\(c\\)", m.get("HOME_RX"));
        assertEquals("/Users/a.b (c)", m.get("HOME"));
    }

    private static final class RuntimeContextHolder {
        final dev.srt.ir.RuntimeContext ctx = new dev.srt.ir.RuntimeContext("/Users/a.b (c)", "/Users/a.b (c)/w", "/private/tmp/x",
            "501", "ab", Map.of());
    }

    @Test
    void theCompiledProfileIsUsedWhenTheLayoutMatchesAndLoweredAgainOtherwise() {
        var policy = MacTestPolicy.policy();
        String compiled = new dev.srt.backend.seatbelt.SeatbeltBackend().lower(policy).readable();
        // Layout.DEFAULT: home 2 segments, cwd 5, tmp 6
        var typical = new dev.srt.ir.RuntimeContext("/Users/alice", "/Users/alice/src/org/proj",
            "/private/var/folders/ab/xyz123/T", "501", "alice", Map.of());
        MacProfile same = MacProfile.forRun(policy, compiled, typical, 1, 2, MacTestPolicy.TAG);
        assertEquals(false, same.relowered());
        assertEquals(compiled, same.text());
        var inHome = new dev.srt.ir.RuntimeContext("/Users/alice", "/Users/alice",
            "/private/var/folders/ab/xyz123/T", "501", "alice", Map.of());
        MacProfile other = MacProfile.forRun(policy, compiled, inHome, 1, 2, MacTestPolicy.TAG);
        assertEquals(true, other.relowered());
        assertTrue(other.text().contains("Ordered for the layout cwd=2 home=2"), other.text().substring(0, 400));
    }

    @Test
    void pathValuesAreNormalisedSoRulesBelowThemStillMatch() {
        var ctx = new dev.srt.ir.RuntimeContext("/Users/alice/", "/Users//alice/w/.", "/", "501", "alice", Map.of());
        Map<String, String> m = MacProfile.parameters(MacTestPolicy.policy(), ctx, 1, 2, MacTestPolicy.TAG);
        assertEquals("/Users/alice", m.get("HOME"));
        assertEquals("/Users/alice/w", m.get("CWD"));
        assertEquals("", m.get("TMPDIR"), "the root directory is passed as nothing, so \"${tmp}/x\" is \"/x\"");
    }
}
