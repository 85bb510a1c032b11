package dev.srt.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JNA's native library, placed by the build next to srt's jars ({@code runner/target/jna/PLATFORM/})
 * so that JNA loads it from there: no copy unpacked at every run, and srt.jar stays closed. By
 * default JNA would read the library out of srt.jar (whose 5,000-entry directory costs about
 * 15 ms to read) and unpack it with File.createTempFile, whose SecureRandom sets up the JCA
 * providers (a search of srt.jar again). The directory is srt's own build output, exactly as
 * trusted as srt.jar itself. Where it is missing (srt.jar run alone), JNA unpacks as usual.
 */
public final class JnaLibrary {
    /** The platforms srt runs on, in JNA's resource names. */
    static final List<String> PLATFORMS = List.of("linux-x86-64", "linux-aarch64", "darwin-x86-64", "darwin-aarch64");
    private static final List<String> FILES = List.of("libjnidispatch.so", "libjnidispatch.jnilib");

    private JnaLibrary() {
    }

    /**
     * Points JNA at the bundled library of this platform, if the build placed one next to the
     * jar on the class path; returns whether it did. Must run before JNA's first use.
     */
    public static boolean useBundled() {
        Path dir = bundledDir(System.getProperty("java.class.path", ""));
        if (dir == null) return false;
        for (String f : FILES) {
            if (Files.isRegularFile(dir.resolve(f))) {
                System.setProperty("jna.boot.library.path", dir.toString());
                System.setProperty("jna.nosys", "true"); // never a libjnidispatch from the system's paths
                return true;
            }
        }
        return false;
    }

    /** {@code jna/PLATFORM} beside the first jar of the class path {@code cp}, or null. */
    static Path bundledDir(String cp) {
        int end = cp.indexOf(java.io.File.pathSeparatorChar);
        String first = end < 0 ? cp : cp.substring(0, end);
        if (!first.endsWith(".jar")) return null;
        Path parent = Path.of(first).toAbsolutePath().getParent();
        String platform = platform();
        return parent == null || platform == null ? null : parent.resolve("jna").resolve(platform);
    }

    /** JNA's resource prefix for this JVM, without loading JNA (its Platform class would do). */
    static String platform() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        String o = os.equals("Linux") ? "linux" : os.equals("Mac OS X") ? "darwin" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86-64" : arch.equals("aarch64") ? "aarch64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }

    /** Build step: copies each platform's library out of JNA's jar into {@code DIR/jna/PLATFORM/}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).resolve("jna");
        for (String platform : PLATFORMS) {
            for (String f : FILES) {
                try (InputStream in = JnaLibrary.class.getClassLoader().getResourceAsStream("com/sun/jna/" + platform + "/" + f)) {
                    if (in == null) continue;
                    byte[] b = in.readAllBytes();
                    Path target = out.resolve(platform).resolve(f);
                    if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), b)) continue;
                    Files.createDirectories(target.getParent());
                    Files.write(target, b);
                }
            }
        }
    }
}
