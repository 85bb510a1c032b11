package dev.srt.runner;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment srt was started with, as the sandboxed command must see it: what
 * {@code bin/srt} changed for the JVM alone is undone here.
 *
 * <p>In a C or POSIX locale (no LANG, as in many containers and CI jobs) the JVM decodes its
 * arguments, the environment and file names as ASCII, so {@code srt run -- echo é} would pass
 * {@code ??} on. {@code bin/srt} therefore starts the JVM with {@code LC_ALL=C.UTF-8} and keeps
 * the caller's LC_ALL in {@value #SAVED_LC_ALL}: {@code =VALUE} when it was set (possibly
 * empty), the empty string when it was unset.
 */
public final class HostEnvironment {
    /** Set by bin/srt only when it overrode LC_ALL for the JVM. */
    public static final String SAVED_LC_ALL = "SRT_LC_ALL";

    private HostEnvironment() {
    }

    /** The process environment with the launcher's locale override undone. */
    public static Map<String, String> get() {
        return restore(System.getenv());
    }

    static Map<String, String> restore(Map<String, String> env) {
        String saved = env.get(SAVED_LC_ALL);
        if (saved == null) return env;
        Map<String, String> out = new HashMap<>(env);
        out.remove(SAVED_LC_ALL);
        if (saved.startsWith("=")) out.put("LC_ALL", saved.substring(1));
        else out.remove("LC_ALL");
        return Map.copyOf(out);
    }
}
