package dev.srt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, in-place rewriting and JSON of fmt, query, diff, lint and the test-file convention. */
class ToolsCliTest {
    static SrtcCliTest.Run run(String... args) {
        return SrtcCliTest.run(args);
    }

    @Test
    void newCommandsHaveHelp() {
        for (String c : new String[] {"fmt", "query", "diff", "lint"}) {
            SrtcCliTest.Run r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().contains("Usage: srtc " + c), r.out());
            assertTrue(r.out().contains("--format"), r.out());
        }
    }

    @Test
    void fmtRewritesInPlaceAndCheckReportsIt(@TempDir Path d) throws Exception {
        Path p = d.resolve("p.srt");
        Files.writeString(p, "srt 1\nnetwork {\nallow   \"a.com:443\"   # why\n}\n");
        SrtcCliTest.Run check = run("fmt", "--check", p.toString());
        assertEquals(1, check.code());
        assertEquals(p + "\n", check.out());
        assertEquals("srt 1\nnetwork {\nallow   \"a.com:443\"   # why\n}\n", Files.readString(p), "--check must not write");
        assertEquals(0, run("fmt", p.toString()).code());
        assertEquals("srt 1\n\nnetwork {\n  allow \"a.com:443\"  # why\n}\n", Files.readString(p));
        assertEquals(0, run("fmt", "--check", p.toString()).code());
    }

    @Test
    void fmtLeavesABrokenFileAlone(@TempDir Path d) throws Exception {
        Path p = d.resolve("bad.srt");
        Files.writeString(p, "srt 1\nnetwork {\n  allow \"a.com\"\n");
        SrtcCliTest.Run r = run("fmt", p.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error[E"), r.err());
        assertEquals("srt 1\nnetwork {\n  allow \"a.com\"\n", Files.readString(p));
    }

    @Test
    void queryRejectsBadOperationsAsUsageErrors() {
        assertEquals(2, run("query", "x.srt", "frobnicate", "y").code());
        SrtcCliTest.Run r = run("query", "x.srt", "syscall", "socket(family == 1)");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("srtc: not a valid syscall target"), r.err());
    }

    @Test
    void diffFailsOnBroadenOnlyWhenItBroadens(@TempDir Path d) throws Exception {
        Path a = d.resolve("a.srt");
        Path b = d.resolve("b.srt");
        Files.writeString(a, "srt 1\nnetwork {\n  allow \"a.com:443\"\n}\n");
        Files.writeString(b, "srt 1\nnetwork {\n  allow \"a.com:443\", \"b.com:443\"\n}\n");
        SrtcCliTest.Run broad = run("diff", "--fail-on-broaden", a.toString(), b.toString());
        assertEquals(1, broad.code());
        assertTrue(broad.out().contains("connect \"b.com:443\""), broad.out());
        assertTrue(broad.out().contains("verdict: broadens"), broad.out());
        SrtcCliTest.Run narrow = run("diff", "--fail-on-broaden", b.toString(), a.toString());
        assertEquals(0, narrow.code());
        assertTrue(narrow.out().contains("verdict: narrows"), narrow.out());
    }

    @Test
    void diffReadsCompiledFiles(@TempDir Path d) throws Exception {
        Path a = d.resolve("a.srt");
        Files.writeString(a, "srt 1\nfilesystem {\n  write allow \"./out\"\n}\n");
        Path bin = d.resolve("a.bin");
        assertEquals(0, run("compile", a.toString(), "-o", bin.toString()).code());
        SrtcCliTest.Run r = run("diff", bin.toString(), a.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("verdict: equivalent"), r.out());
    }

    @Test
    void aTestFileBesideThePolicyRunsWithIt(@TempDir Path d) throws Exception {
        Files.writeString(d.resolve("p.srt"), "srt 1\nfilesystem {\n  write allow \"./out\"\n}\n");
        Files.writeString(d.resolve("p.test.srt"), "srt 1\ninclude \"p.srt\"\nexpect allow write \"./out/x\"\nexpect deny write \"./src\"\n");
        SrtcCliTest.Run r = run("test", d.resolve("p.srt").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("2 passed, 0 failed\n", r.out());
        SrtcCliTest.Run dir = run("test", d.toString());
        assertEquals("2 passed, 0 failed\n", dir.out());
    }

    @Test
    void aTestFileMayNotHoldRules(@TempDir Path d) throws Exception {
        Files.writeString(d.resolve("p.srt"), "srt 1\n");
        Files.writeString(d.resolve("p.test.srt"), "srt 1\ninclude \"p.srt\"\nfilesystem {\n  write allow \"/\"\n}\nexpect allow write \"/x\"\n");
        SrtcCliTest.Run r = run("test", d.resolve("p.srt").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error[E1110]"), r.err());
    }

    @Test
    void everyCommandPrintsOneDeterministicJsonDocument(@TempDir Path d) throws Exception {
        Path p = d.resolve("p.srt");
        Files.writeString(p, "srt 1\nfilesystem {\n  write allow \"./out\"\n}\nexpect allow write \"./out/a\"\n");
        Path settings = d.resolve("s.json");
        Files.writeString(settings, "{\"filesystem\": {\"allowWrite\": [\".\"]}}");
        List<String[]> commands = List.of(
            new String[] {"compile", p.toString(), "-o", d.resolve("c.bin").toString(), "--report"},
            new String[] {"check", p.toString()}, new String[] {"explain", p.toString()},
            new String[] {"emit", "--target", "seccomp-x86_64", p.toString()}, new String[] {"test", p.toString()},
            new String[] {"import", settings.toString()}, new String[] {"fmt", "--check", p.toString()},
            new String[] {"query", p.toString(), "write", "./out/a"}, new String[] {"diff", p.toString(), p.toString()},
            new String[] {"lint", p.toString()}, new String[] {"explain", d.resolve("c.bin").toString()});
        ObjectMapper m = new ObjectMapper();
        for (String[] c : commands) {
            String[] args = new String[c.length + 2];
            System.arraycopy(c, 0, args, 0, c.length);
            args[c.length] = "--format";
            args[c.length + 1] = "json";
            SrtcCliTest.Run first = run(args);
            SrtcCliTest.Run second = run(args);
            JsonNode doc = m.readTree(first.out());
            assertEquals(1, doc.get("schema").asInt(), c[0]);
            assertEquals(c[0], doc.get("command").asText());
            assertEquals(first.code() == 0, doc.get("ok").asBoolean(), c[0] + ": " + first.out());
            assertEquals(first.out(), second.out(), c[0] + " output differs between runs");
            assertFalse(first.out().isBlank());
        }
    }

    @Test
    void jsonReportsUnreadableInputs() throws Exception {
        SrtcCliTest.Run r = run("explain", "--format", "json", "/nonexistent/p.srt");
        assertEquals(1, r.code());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertFalse(doc.get("ok").asBoolean());
        assertEquals("cannot read /nonexistent/p.srt: no such file", doc.get("error").asText());
    }
}
