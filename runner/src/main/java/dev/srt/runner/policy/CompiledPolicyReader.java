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

    /** The sections of a compiled.bin whose header and checksum are valid (one-line reason otherwise). */
    public static Map<String, byte[]> sections(byte[] data) throws SrtException {
        try {
            return ArtifactFormat.container(data).sections();
        } catch (ArtifactException e) {
            throw new SrtException(message(e));
        }
    }

    static String message(ArtifactException e) {
        String m = e.getMessage();
        return m.startsWith("corrupted: ") ? "corrupted compiled policy: " + m.substring(11) : m;
    }
}
