package dev.srt.runner.policy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates {@code runner/src/main/resources/dev/srt/runner/default.bin}, the compiled
 * {@code std:default} shipped in the jar so that {@code srt run -- cmd} does not compile at every
 * start. {@code DefaultPolicyResourceTest} fails when the file is stale and prints this command.
 */
public final class BuildDefault {
    private BuildDefault() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Files.write(out, PolicySource.compileDefault());
    }
}
