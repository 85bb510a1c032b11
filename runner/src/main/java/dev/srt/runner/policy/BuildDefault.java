package dev.srt.runner.policy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code dev/srt/runner/default.bin}, the compiled {@code std:default} shipped in the jar
 * so that {@code srt run -- cmd} does not compile at every start. The runner's build runs it at
 * process-classes (runner/pom.xml), so the copy always matches policies/.
 *
 * <p>With a second argument it also writes a jar holding only that file ({@code
 * srt-default.jar}), which bin/srt puts first on the class path: the resource is then found
 * without opening srt.jar, whose 5,000-entry directory the JVM would otherwise read at every
 * start (about 15 ms; with the class-data archive no class needs srt.jar opened).
 */
public final class BuildDefault {
    private BuildDefault() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        byte[] bin = PolicySource.compileDefault();
        Files.write(out, bin);
        if (args.length > 1) writeJar(Path.of(args[1]), bin);
    }

    /** A one-entry jar with fixed times, so that equal policies give equal bytes. */
    private static void writeJar(Path jar, byte[] bin) throws java.io.IOException {
        Files.createDirectories(jar.getParent());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes)) {
            java.util.zip.ZipEntry e = new java.util.zip.ZipEntry(PolicySource.DEFAULT_RESOURCE.substring(1));
            e.setTime(315_532_800_000L); // 1980-01-01, the earliest time a zip entry holds
            z.putNextEntry(e);
            z.write(bin);
            z.closeEntry();
        }
        Files.write(jar, bytes.toByteArray());
    }
}
