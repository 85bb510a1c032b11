package dev.srt.runner.net;

import java.time.Instant;

/**
 * One refused connection: when, by which command, to which {@code host:port}, and the rule (or
 * default, or address guard) that refused it with the place it was written.
 */
public record Violation(Instant time, String command, String target, String rule, String where) {
    /** The text ignore rules are matched against, e.g. {@code network example.com:443 deny "example.com"}. */
    public String description() {
        return "network " + target + " " + rule;
    }

    /**
     * Client-supplied text made safe to print on a terminal: printable ASCII only (anything else
     * becomes {@code ?}, so a sandboxed program cannot send escape sequences to the user's
     * terminal through a host name), at most 260 characters.
     */
    public static String printable(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(Math.min(s.length(), 260));
        for (int i = 0; i < s.length() && i < 260; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /** Deduplication key: the same command refused for the same target by the same rule. */
    String key() {
        return command + "\u0000" + target + "\u0000" + rule + "\u0000" + where;
    }
}
