package dev.srt.runner.macos;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The unified-log follower for one run: log(1) {@code stream} in NDJSON with a predicate that
 * selects only messages carrying this run's tag, which the profile appends to every denial.
 */
public final class LogStreamCommand {
    public static final String LOG = "/usr/bin/log";
    private static final Pattern TAG = Pattern.compile("srt-[0-9a-f]{16}");

    private LogStreamCommand() {
    }

    /** A fresh tag for a run, from 64 random bits. */
    public static String newTag(java.util.random.RandomGenerator random) {
        return String.format("srt-%016x", random.nextLong());
    }

    public static String predicate(String tag) {
        check(tag);
        return "eventMessage CONTAINS \"" + tag + "\"";
    }

    public static List<String> argv(String tag) {
        return List.of(LOG, "stream", "--style", "ndjson", "--level", "default", "--predicate", predicate(tag));
    }

    static void check(String tag) {
        if (!TAG.matcher(tag).matches()) throw new IllegalArgumentException("not a run tag: " + tag);
    }
}
