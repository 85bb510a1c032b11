package dev.srt.runner.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The profile and parameters of one run: every parameter filled, quoted, normalised; order per layout; exactness. */
class MacProfileTest {
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

    @Test
    void aRunWhoseLayoutWouldWeakenAnExactRuleIsRefused() {
        String text = "srt 1\nfilesystem {\n  write allow \"./x\"\n  read deny \"/**/a/**/b/**/c\" exact\n}\n";
        var fr = dev.srt.check.Frontend.compile(dev.srt.check.Loader.Input.text("p.srt", text, null));
        // Seatbelt alone: on Linux a glob is never exact (bwrap expands it at start), so with every
        // back-end this policy is rightly refused (E1201); this test is about the macOS layout.
        var compiled = dev.srt.artifact.Compilation.compile(dev.srt.check.Loader.Input.text("p.srt", text, null),
            java.util.List.of(new dev.srt.backend.seatbelt.SeatbeltBackend()));
        assertTrue(compiled.ok(), "exact in the default layout: " + compiled.diagnostics());
        String profile = new dev.srt.backend.seatbelt.SeatbeltBackend().lower(fr.policy()).readable();
        var shallow = new dev.srt.ir.RuntimeContext("/Users/alice", "/Users/alice/p", "/private/tmp/t", "501", "alice", Map.of());
        MacProfile.forRun(fr.policy(), profile, shallow, 1, 2, MacTestPolicy.TAG);
        // Fourteen levels deep, ordering the ** rule by depth needs more combinations than one regex holds.
        var deep = new dev.srt.ir.RuntimeContext("/Users/alice", "/Users/alice/1/2/3/4/5/6/7/8/9/10/11/12", "/private/tmp/t",
            "501", "alice", Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> MacProfile.forRun(fr.policy(), profile, deep, 1, 2, MacTestPolicy.TAG));
        assertTrue(e.getMessage().contains("must be enforced exactly"), e.getMessage());
    }
}
