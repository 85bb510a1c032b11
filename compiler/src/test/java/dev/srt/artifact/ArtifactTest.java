package dev.srt.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.check.Loader;
import dev.srt.ir.Policy;
import dev.srt.syntax.PolicyWriter;
import dev.srt.testkit.IrGen;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compiled.bin: deterministic, self-checking, and every damaged or foreign file refused with a reason. */
class ArtifactTest {
    static final String POLICY = "srt 1\ninclude \"lib/base.srt\"\ninclude std:default\nnetwork {\n  allow \"a.com:443\"\n}\n";
    static final String BASE = "srt 1\nfilesystem {\n  read deny \"~/.secret\"\n}\n";

    private static byte[] compileIn(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("p.srt"), POLICY);
        Files.writeString(dir.resolve("lib/base.srt"), BASE);
        Compilation.Result r = Compilation.compile(Loader.Input.file(dir.resolve("p.srt")));
        assertTrue(r.ok(), r.diagnostics().toString());
        return r.bytes();
    }

    @Test
    void sameSourcesGiveTheSameBytesWhereverCompiled(@TempDir Path a, @TempDir Path b) throws Exception {
        byte[] x = compileIn(a.resolve("one/deeper"));
        byte[] y = compileIn(b.resolve("elsewhere"));
        assertArrayEquals(x, y);
        assertArrayEquals(x, compileIn(a.resolve("again")));
    }

    @Test
    void headerCarriesVersionsAndHashes(@TempDir Path d) throws Exception {
        Artifact a = ArtifactFormat.read(compileIn(d));
        assertEquals(ArtifactFormat.FORMAT_VERSION, a.formatVersion());
        assertEquals(Version.COMPILER, a.compilerVersion());
        assertEquals(64, a.sourcesSha256().length());
        assertEquals(java.util.List.of("p.srt", "lib/base.srt", "std:default", "std:protected", "std:syscalls"),
            a.policy().sources().stream().map(dev.srt.ir.SourceRef::name).toList());
        assertTrue(a.sections().containsKey(ArtifactFormat.IR_SECTION));
        assertTrue(a.sections().containsKey(ArtifactFormat.REPORT_SECTION));
    }

    @Property(tries = 100)
    void compilingIsDeterministicAndTheIrSurvives(@ForAll("policies") Policy random) throws Exception {
        String src = PolicyWriter.write(random);
        Compilation.Result r1 = Compilation.compile(Loader.Input.text("r.srt", src, null));
        Compilation.Result r2 = Compilation.compile(Loader.Input.text("r.srt", src, null));
        assertTrue(r1.ok(), r1.diagnostics().toString());
        assertArrayEquals(r1.bytes(), r2.bytes());
        assertEquals(r1.frontend().policy(), ArtifactFormat.read(r1.bytes()).policy());
    }

    @Provide
    Arbitrary<Policy> policies() {
        return IrGen.policies();
    }

    private static String reason(byte[] b) {
        return assertThrows(ArtifactException.class, () -> ArtifactFormat.read(b)).getMessage();
    }

    @Test
    void truncatedFilesAreRefused(@TempDir Path d) throws Exception {
        byte[] ok = compileIn(d);
        for (int len : new int[] {0, 3, 8, 20, 45, 46, 60, ok.length / 2, ok.length - 1}) {
            String why = reason(Arrays.copyOf(ok, len));
            assertTrue(why.startsWith("truncated") || why.startsWith("not an srt"), len + ": " + why);
            assertTrue(!why.contains("\n"));
        }
    }

    @Test
    void everyFlippedByteIsCaught(@TempDir Path d) throws Exception {
        byte[] ok = compileIn(d);
        for (int i = 0; i < ok.length; i += Math.max(1, ok.length / 300)) {
            byte[] bad = ok.clone();
            bad[i] ^= 0x20;
            String why = reason(bad);
            assertTrue(why.startsWith("corrupted") || why.startsWith("not an srt") || why.contains("format")
                || why.startsWith("truncated"), i + ": " + why);
        }
    }

    @Test
    void appendedBytesAreRefused(@TempDir Path d) throws Exception {
        byte[] ok = compileIn(d);
        assertTrue(reason(Arrays.copyOf(ok, ok.length + 5)).startsWith("corrupted"));
    }

    @Test
    void foreignFilesAreRefused() {
        assertEquals("not an srt compiled policy (bad magic bytes)", reason(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0}));
        assertEquals("not an srt compiled policy (bad magic bytes)", reason("{\"json\": true}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(reason("srt 1\nnetwork {\n}\n".getBytes(StandardCharsets.UTF_8)).contains("policy source"));
    }

    @Test
    void newerFormatIsRefusedWithUpgradeAdvice(@TempDir Path d) throws Exception {
        byte[] b = withFormat(compileIn(d), ArtifactFormat.FORMAT_VERSION + 1);
        assertEquals("compiled.bin format 3 is newer than this srt reads (2); upgrade srt or recompile", reason(b));
    }

    @Test
    void olderFormatIsRefusedWithRecompileAdvice(@TempDir Path d) throws Exception {
        byte[] b = withFormat(compileIn(d), 1);
        assertEquals("compiled.bin format 1 is older than this srt reads (2); recompile the policy with this srtc", reason(b));
    }

    @Test
    void everyFlippedBitIsDetected(@TempDir Path d) throws Exception {
        byte[] ok = compileIn(d);
        for (int i = 0; i < ok.length * 8; i += 7) {
            byte[] b = ok.clone();
            b[i / 8] ^= (byte) (1 << (i % 8));
            assertThrows(ArtifactException.class, () -> ArtifactFormat.read(b), "bit " + i);
        }
    }

    /** A file claiming another format version, with a checksum that matches, so that only the version can object. */
    private static byte[] withFormat(byte[] b, int format) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) format);
        ArtifactFormat.seal(b);
        return b;
    }
}
