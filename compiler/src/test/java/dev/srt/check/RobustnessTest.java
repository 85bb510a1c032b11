package dev.srt.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.check.Loader;
import dev.srt.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No input crashes the compiler: everything ends in diagnostics. */
class RobustnessTest {
    private static Frontend.Result compileBytes(byte[] b) {
        return Frontend.compile(new Loader.Input("fuzz.srt", "fuzz", Path.of("/nonexistent-dir"), b));
    }

    private static void assertDiagnosed(Frontend.Result r) {
        assertFalse(r.ok(), "garbage compiled");
        List<Diagnostic> errs = r.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertFalse(errs.isEmpty());
        assertTrue(errs.size() <= Frontend.ERROR_LIMIT);
    }

    @Property(tries = 300)
    void randomBytesGiveDiagnostics(@ForAll @Size(max = 400) byte[] bytes) {
        assertDiagnosed(compileBytes(bytes));
    }

    @Property(tries = 300)
    void randomTokenSoupGivesDiagnosticsOrAPolicy(@ForAll("soup") String text) {
        Frontend.Result r = compileBytes(("srt 1\n" + text).getBytes(StandardCharsets.UTF_8));
        assertTrue(r.ok() || r.diagnostics().stream().anyMatch(Diagnostic::isError));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> soup() {
        return net.jqwik.api.Arbitraries.of("filesystem", "network", "{", "}", "\n", "read", "write", "deny", "allow", "\"~/.x\"",
                "syscalls", "errno", "EPERM", "socket", "(", ")", "==", "&", "AF_UNIX", ",", "test", "expect", "include", "let", "x", "=",
                "[", "]", "unless", "because", "exact", "protect", "1", "-", "*", "\"a.com:443\"")
            .list().ofMaxSize(60).map(l -> String.join(" ", l));
    }

    @Test
    void tenMegabytesIsRefusedWithADiagnostic() {
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        assertDiagnosed(compileBytes(big));
    }

    @Test
    void tenThousandNestedBraces() {
        String s = "srt 1\nfilesystem " + "{".repeat(10_000) + "}".repeat(10_000) + "\n";
        assertDiagnosed(compileBytes(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void randomBinaryMegabyte() {
        byte[] b = new byte[1 << 20];
        new Random(42).nextBytes(b);
        assertDiagnosed(compileBytes(b));
    }

    @Test
    void invalidUtf8(@TempDir Path dir) {
        assertDiagnosed(compileBytes(new byte[] {'s', 'r', 't', ' ', '1', '\n', (byte) 0xC3, (byte) 0x28}));
    }

    @Test
    void includesThatIncludeEachOther(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.srt"), "srt 1\ninclude \"b.srt\"\n");
        Files.writeString(dir.resolve("b.srt"), "srt 1\ninclude \"a.srt\"\n");
        Frontend.Result r = Frontend.compile(Loader.Input.file(dir.resolve("a.srt")));
        assertDiagnosed(r);
        assertTrue(r.diagnostics().get(0).message().contains("include cycle: a.srt -> b.srt -> a.srt"), r.diagnostics().toString());
        assertTrue(r.diagnostics().get(0).span().file().equals("b.srt"));
    }

    @Test
    void selfInclude(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.srt"), "srt 1\ninclude \"./a.srt\"\n");
        assertDiagnosed(Frontend.compile(Loader.Input.file(dir.resolve("a.srt"))));
    }

    @Test
    void diamondIncludesAreReadOnce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.srt"), "srt 1\ninclude \"b.srt\"\ninclude \"c.srt\"\n");
        Files.writeString(dir.resolve("b.srt"), "srt 1\ninclude \"d.srt\"\n");
        Files.writeString(dir.resolve("c.srt"), "srt 1\ninclude \"d.srt\"\n");
        Files.writeString(dir.resolve("d.srt"), "srt 1\nnetwork {\n  allow \"a.com\"\n}\n");
        Frontend.Result r = Frontend.compile(Loader.Input.file(dir.resolve("a.srt")));
        assertTrue(r.ok(), r.diagnostics().toString());
        assertTrue(r.policy().sources().stream().map(s -> s.name()).toList().equals(List.of("a.srt", "b.srt", "d.srt", "c.srt")));
    }
}
