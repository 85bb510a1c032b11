package dev.srt.backend.seatbelt;

import java.util.List;

/**
 * macOS keeps /tmp, /etc and /var as symbolic links into /private, and Seatbelt matches the
 * resolved path of every operation, so rules and run-time values are written in resolved form.
 */
public final class MacPaths {
    /** Top-level names that are symbolic links to /private/NAME on macOS. */
    public static final List<String> PRIVATE = List.of("tmp", "etc", "var");

    private MacPaths() {
    }

    /** The path Seatbelt sees for a normalised absolute path, as far as those links go. */
    public static String resolve(String absolute) {
        for (String p : PRIVATE) {
            if (absolute.equals("/" + p) || absolute.startsWith("/" + p + "/")) return "/private" + absolute;
        }
        return absolute;
    }
}
