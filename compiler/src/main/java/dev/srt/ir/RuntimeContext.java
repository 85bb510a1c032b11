package dev.srt.ir;

import java.util.List;
import java.util.Map;

/**
 * The run-time values a policy refers to symbolically: home, working and temporary
 * directories, the user, and environment variables. {@link #TEST} is the fixed context used
 * by {@code srtc test} and the back-end proofs, so results do not depend on the machine.
 */
public record RuntimeContext(String home, String cwd, String tmp, String uid, String user, Map<String, String> env) {
    public static final RuntimeContext TEST =
        new RuntimeContext("/home/user", "/home/user/work", "/tmp/srt", "1000", "user", Map.of());

    private static final List<String> NAMES = List.of("home", "cwd", "tmp", "uid", "user");

    public RuntimeContext {
        env = Map.copyOf(env);
    }

    /**
     * Replaces every {@code ${home}}, {@code ${cwd}}, {@code ${tmp}}, {@code ${uid}},
     * {@code ${user}} and {@code ${env:NAME}} (NAME: {@code [A-Za-z_][A-Za-z0-9_]*}); any other
     * text, including other {@code ${...}}, is kept as it is. An unset environment variable is
     * an error. Scanned by hand: {@code srt run} calls this at start-up, where java.util.regex's
     * first use costs milliseconds.
     */
    public String substitute(String text) {
        int i = text.indexOf("${");
        if (i < 0) return text;
        StringBuilder b = new StringBuilder(text.length() + 32);
        int copied = 0;
        while (i >= 0) {
            int end = variableEnd(text, i + 2);
            if (end < 0) {
                i = text.indexOf("${", i + 1);
                continue;
            }
            b.append(text, copied, i);
            String var = text.substring(i + 2, end);
            b.append(var.startsWith("env:") ? value(var, var.substring(4)) : value(var, null));
            copied = end + 1;
            i = text.indexOf("${", copied);
        }
        return b.append(text, copied, text.length()).toString();
    }

    /** The index of the '}' closing a known variable that starts at {@code from}, or -1. */
    private static int variableEnd(String text, int from) {
        for (String name : NAMES) {
            if (text.startsWith(name, from) && text.startsWith("}", from + name.length())) return from + name.length();
        }
        if (!text.startsWith("env:", from)) return -1;
        int i = from + 4;
        if (i >= text.length() || !identifierStart(text.charAt(i))) return -1;
        while (++i < text.length() && (identifierStart(text.charAt(i)) || (text.charAt(i) >= '0' && text.charAt(i) <= '9'))) {
            // part of the name
        }
        return i < text.length() && text.charAt(i) == '}' ? i : -1;
    }

    private static boolean identifierStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private String value(String var, String envName) {
        if (envName != null) {
            String v = env.get(envName);
            if (v == null) throw new UnsetVariableException(envName);
            return v;
        }
        switch (var) {
            case "home": return home;
            case "cwd": return cwd;
            case "tmp": return tmp;
            case "uid": return uid;
            case "user": return user;
            default: throw new IllegalStateException(var);
        }
    }

    /** An {@code ${env:NAME}} whose variable is not set: refused rather than guessed. */
    public static final class UnsetVariableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnsetVariableException(String name) {
            super("environment variable " + name + " is not set");
        }
    }
}
