package dev.srt.ir;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run-time values a policy refers to symbolically: home, working and temporary
 * directories, the user, and environment variables. {@link #TEST} is the fixed context used
 * by {@code srtc test} and the back-end proofs, so results do not depend on the machine.
 */
public record RuntimeContext(String home, String cwd, String tmp, String uid, String user, Map<String, String> env) {
    public static final RuntimeContext TEST =
        new RuntimeContext("/home/user", "/home/user/work", "/tmp/srt", "1000", "user", Map.of());

    private static final Pattern VAR = Pattern.compile("\\$\\{(home|cwd|tmp|uid|user|env:([A-Za-z_][A-Za-z0-9_]*))}");

    public RuntimeContext {
        env = Map.copyOf(env);
    }

    /** Replaces every {@code ${...}} variable; an unset environment variable is an error. */
    public String substitute(String text) {
        Matcher m = VAR.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = value(m.group(1), m.group(2));
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
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
