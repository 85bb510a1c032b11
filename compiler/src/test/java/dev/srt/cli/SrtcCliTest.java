package dev.srt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of srtc's commands. */
class SrtcCliTest {
    record Run(int code, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = SrtcMain.commandLine();
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void compileWritesAnArtifactAndExplainReadsIt(@TempDir Path d) throws Exception {
        Path p = d.resolve("p.srt");
        Files.writeString(p, "srt 1\nnetwork {\n  allow \"a.com:443\"\n}\n");
        Path out = d.resolve("c.bin");
        Run r = run("compile", p.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out) > 46);
        Run e = run("explain", out.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("may connect to     a.com:443"), e.out());
    }

    @Test
    void policyErrorsExitOneWithPositions(@TempDir Path d) throws Exception {
        Path p = d.resolve("bad.srt");
        Files.writeString(p, "srt 1\nnetwork {\n  allow \"*\"\n}\n");
        Run r = run("check", p.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.srt:3:9: error[E0603]"), r.err());
        assertTrue(r.err().contains("^^^"), r.err());
        assertTrue(r.err().contains("help:"), r.err());
    }

    @Test
    void missingFileExitsOneWithOneLine() {
        Run r = run("compile", "/nonexistent/policy.srt");
        assertEquals(1, r.code());
        assertEquals("srtc: cannot read /nonexistent/policy.srt: no such file\n", r.err());
    }

    @Test
    void aPathThatCannotBeAFileNameIsRefusedInOneLine() {
        // The JVM refuses such a path where Path.of meets it; srtc says so instead of an internal error.
        Run r = run("compile", "a\0b.srt");
        assertEquals(1, r.code(), r.err());
        assertEquals("srtc: cannot use the path \"a\\0b.srt\": nul character not allowed\n", r.err());
    }

    @Test
    void damagedArtifactIsRefusedInOneLine(@TempDir Path d) throws Exception {
        Path bin = d.resolve("x.bin");
        Files.write(bin, new byte[] {(byte) 0x89, 'S', 'R', 'T', 1, 2, 3});
        Run r = run("explain", bin.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("bad magic") || r.err().contains("truncated"), r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("compile").code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("emit", "--target", "nonsense", "x.srt").code());
        assertEquals(2, run().code());
    }

    @Test
    void everyCommandHasHelpAndVersionWorks() {
        for (String c : new String[] {"compile", "check", "explain", "emit", "test", "import"}) {
            Run r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().contains("Usage: srtc " + c), c + ": " + r.out());
        }
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("srtc "), v.out());
    }

    @Test
    void testCommandCountsPassesAndFailures(@TempDir Path d) throws Exception {
        Path p = d.resolve("t.srt");
        Files.writeString(p, "srt 1\nfilesystem {\n  write allow \".\"\n}\nexpect allow write \"./a\"\nexpect allow write \"/etc/x\"\n");
        Run r = run("test", p.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("FAIL t.srt:6:1"), r.out());
        assertTrue(r.out().contains("ir: deny by write default deny"), r.out());
        assertTrue(r.out().endsWith("1 passed, 1 failed\n"), r.out());
    }
}
