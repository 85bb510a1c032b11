package dev.srt.backend.seatbelt;

import dev.srt.ir.RuntimeContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters a generated profile reads with {@code (param "NAME")}: every run-time path
 * value twice, as text ({@code HOME}) and quoted for regular expressions ({@code HOME_RX}),
 * plus the loopback ports of srt's proxies. The runner passes them as {@code -D NAME=VALUE}.
 */
public final class SbplParams {
    public static final String HTTP_PROXY_PORT = "HTTP_PROXY_PORT";
    public static final String SOCKS_PROXY_PORT = "SOCKS_PROXY_PORT";
    /** A per-run tag appended to every denial's log message, e.g. {@code srt-5f3a9c0e1b2d4a68}. */
    public static final String LOG_TAG = "SRT_LOG_TAG";
    /** What an unset {@code ${env:NAME}} becomes: a path below a non-directory, which no file can have. */
    public static final String UNSET_PATH = "/dev/null/srt-unset-variable";

    private SbplParams() {
    }

    /** The parameter that holds a variable ({@code home}, {@code env:NAME}, ...), as text. */
    public static String name(String variable) {
        switch (variable) {
            case "home": return "HOME";
            case "cwd": return "CWD";
            case "tmp": return "TMPDIR";
            case "uid": return "UID";
            case "user": return "USER";
            default:
                if (variable.startsWith("env:")) return "ENV_" + variable.substring(4);
                throw new IllegalArgumentException("unknown variable " + variable);
        }
    }

    public static String regexName(String variable) {
        return name(variable) + "_RX";
    }

    /**
     * All path parameters for a run. {@code ctx} must hold real paths (symbolic links such as
     * /tmp resolved), because Seatbelt matches the resolved path of every file operation.
     * Environment variables named in {@code envNames} but unset get {@link #UNSET_PATH}. A value
     * that is the root directory is passed as the empty string (patterns append "/..." to it).
     */
    public static Map<String, String> paths(RuntimeContext ctx, Iterable<String> envNames) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "home", ctx.home());
        put(out, "cwd", ctx.cwd());
        put(out, "tmp", ctx.tmp());
        put(out, "uid", ctx.uid());
        put(out, "user", ctx.user());
        for (String n : envNames) {
            String v = ctx.env().get(n);
            put(out, "env:" + n, v == null ? UNSET_PATH : v);
        }
        return out;
    }

    private static void put(Map<String, String> out, String variable, String value) {
        // Absolute values are normalised (no trailing or doubled slash, which would keep every
        // "${home}/..." rule from matching); the root is written as nothing, so that appending
        // "/name" gives "/name", not "//name".
        if (value.startsWith("/")) value = dev.srt.ir.Paths.normalize(value);
        if (value.equals("/")) value = "";
        out.put(name(variable), value);
        out.put(regexName(variable), Rx.quote(value));
    }
}
