package dev.srt.runner.policy;

import dev.srt.runner.SrtException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code srt run} gets its policy: {@code --policy FILE} or the embedded default. */
public final class PolicySource {
    private PolicySource() {
    }

    public static LoadedPolicy load(Path file) throws SrtException {
        if (file == null) return DefaultPolicy.load();
        if (!Files.isRegularFile(file)) throw new SrtException("policy file not found: " + file);
        if (!Files.isReadable(file)) throw new SrtException("policy file not readable: " + file);
        throw new SrtException("reading " + file + " needs the compiled-policy reader, which this build does not have yet");
    }
}
