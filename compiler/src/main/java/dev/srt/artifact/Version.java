package dev.srt.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The compiler's version, written into every compiled.bin. */
public final class Version {
    public static final String COMPILER = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/srt/version.properties")) {
            if (in == null) return "dev";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
