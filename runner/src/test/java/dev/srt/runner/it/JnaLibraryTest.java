package dev.srt.runner.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.runner.JnaLibrary;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JNA's native library placed by the build beside srt's jars ({@link JnaLibrary}): the build
 * step copies each platform's library, and a real networked {@code srt run} whose class path
 * starts with the build's srt-default.jar maps exactly that file (seen in /proc/PID/maps), so
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

    @Test
    void aRunLoadsTheBundledLibrary(@TempDir Path dir) throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path bundled = target.resolve("jna/linux-" + (System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86-64"))
            .resolve("libjnidispatch.so");
        assertTrue(Files.isRegularFile(bundled), "the build placed " + bundled);
        Files.writeString(dir.resolve("p.srt"), "srt 1\ninclude std:default\nnetwork {\n  allow \"localhost:9\"\n}\n");
        Files.createDirectories(dir.resolve("work"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            target.resolve("srt-default.jar") + ":" + System.getProperty("java.class.path"), ItMain.class.getName(),
            "srt", "run", "--policy", dir.resolve("p.srt").toString(), "--", "sh", "-c", "echo ready; exec sleep 30")
            .directory(dir.resolve("work").toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine()); // the relays, which need JNA, listen
            String maps = Files.readString(Path.of("/proc/" + p.pid() + "/maps"));
            assertTrue(maps.contains(bundled.toString()), "srt did not map " + bundled);
            assertNull(maps.lines().filter(l -> l.contains("jna") && l.endsWith(".tmp")).findFirst().orElse(null), "JNA unpacked a copy");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
