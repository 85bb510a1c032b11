package dev.srt.runner.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.artifact.Artifact;
import dev.srt.artifact.ArtifactException;
import dev.srt.artifact.ArtifactFormat;
import dev.srt.runner.SrtException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compiled std:default in the jar is current, and the runner's section reader agrees with ArtifactFormat. */
class DefaultPolicyResourceTest {
    static byte[] resource() throws Exception {
        try (InputStream in = PolicySource.class.getResourceAsStream(PolicySource.DEFAULT_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void embeddedDefaultIsCurrent() throws Exception {
        assertArrayEquals(PolicySource.compileDefault(), resource(),
            "runner/src/main/resources/dev/srt/runner/default.bin is stale; regenerate it with: mvn -q -pl runner -am package "
                + "-DskipTests && java -cp runner/target/srt.jar dev.srt.runner.policy.BuildDefault "
                + "runner/src/main/resources/dev/srt/runner/default.bin");
    }

    @Test
    void sectionReaderAgreesWithArtifactFormat() throws Exception {
        byte[] bin = resource();
        Artifact a = ArtifactFormat.read(bin);
        Map<String, byte[]> s = CompiledPolicyReader.sections(bin);
        assertEquals(a.sections().keySet(), s.keySet());
        for (String k : s.keySet()) assertArrayEquals(a.sections().get(k), s.get(k), k);
        // every single-byte corruption and every truncation is refused by both
        for (int i = 0; i < bin.length; i += 97) {
            byte[] bad = bin.clone();
            bad[i] ^= 0x5a;
            assertThrows(SrtException.class, () -> CompiledPolicyReader.sections(bad), "flip at " + i);
            assertThrows(ArtifactException.class, () -> ArtifactFormat.read(bad), "flip at " + i);
            byte[] cut = Arrays.copyOf(bin, i);
            assertThrows(SrtException.class, () -> CompiledPolicyReader.sections(cut), "cut at " + i);
        }
        SrtException src = assertThrows(SrtException.class, () -> CompiledPolicyReader.sections("srt 1\n".getBytes()));
        assertTrue(src.getMessage().contains("policy source"));
    }

    @Test
    void defaultPolicyLoads() throws Exception {
        LoadedPolicy p = PolicySource.load(null);
        assertTrue(p.bwrap().rules().stream().anyMatch(r -> r.path().equals("${home}/.ssh")));
        assertTrue(p.seccomp().containsKey("x86_64"));
    }
}
