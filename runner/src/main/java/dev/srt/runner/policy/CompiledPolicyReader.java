package dev.srt.runner.policy;

import dev.srt.artifact.ArtifactException;
import dev.srt.artifact.ArtifactFormat;
import dev.srt.runner.SrtException;
import java.util.Map;

/**
 * The runner's view of a compiled.bin: the verified raw sections ({@link ArtifactFormat#container}),
 * without decoding the IR section, which costs about a hundred milliseconds of start-up.
 */
public final class CompiledPolicyReader {
    private CompiledPolicyReader() {
    }

    public static Map<String, byte[]> sections(byte[] data) throws SrtException {
        return sections(data, true);
    }

    /**
     * As {@link #sections(byte[])}; {@code verifyChecksum} false skips only the SHA-256 (about 25 ms
     * of start-up) for the default policy inside srt's own jar, which is as trusted as the code.
     */
    public static Map<String, byte[]> sections(byte[] data, boolean verifyChecksum) throws SrtException {
        try {
            return ArtifactFormat.container(data, verifyChecksum).sections();
        } catch (ArtifactException e) {
            throw new SrtException(message(e));
        }
    }

    static String message(ArtifactException e) {
        String m = e.getMessage();
        return m.startsWith("corrupted: ") ? "corrupted compiled policy: " + m.substring(11) : m;
    }
}
