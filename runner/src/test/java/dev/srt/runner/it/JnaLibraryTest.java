package dev.srt.runner.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.runner.JnaLibrary;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JNA's native library placed by the build beside srt's jars ({@link JnaLibrary}): the build
 * step copies each platform's library, and {@code srt doctor} whose class path starts with the
 * build's srt-default.jar loads exactly that file (JNA's load log says where), so
 * nothing is read out of srt.jar or unpacked.
 */
class JnaLibraryTest {
    @Test
    void theBuildStepCopiesEachPlatformsLibrary(@TempDir Path dir) throws Exception {
        JnaLibrary.main(new String[] {dir.toString()});
        for (String platform : List.of("linux-x86-64", "linux-aarch64")) {
            Path lib = dir.resolve("jna").resolve(platform).resolve("libjnidispatch.so");
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("com/sun/jna/" + platform + "/libjnidispatch.so")) {
                assertNotNull(in, platform);
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(lib), platform);
            }
        }
    }

    /**
     * {@code srt doctor} (JNA's user on Linux; on macOS it is MacHost) loads the bundled file and
     * unpacks nothing into the home directory, where a sandbox allowed to write it could swap
     * the file between JNA's write and its dlopen.
     */
    @Test
    void doctorLoadsTheBundledLibrary(@TempDir Path dir) throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path bundled = target.resolve("jna/linux-" + (System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86-64"));
        assertTrue(Files.isRegularFile(bundled.resolve("libjnidispatch.so")), "the build placed the library in " + bundled);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djna.debug_load.jna=true", "-cp", target.resolve("srt-default.jar") + ":" + System.getProperty("java.class.path"),
            ItMain.class.getName(), "srt", "doctor").redirectErrorStream(true);
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("XDG_CACHE_HOME");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(out.contains("Landlock"), out);
        assertTrue(out.contains(bundled.toString()), "JNA did not look in " + bundled + ":\n" + out);
        assertFalse(Files.exists(dir.resolve(".cache/JNA")), "JNA unpacked its library into the home directory:\n" + out);
    }
}
