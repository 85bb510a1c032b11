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

    /** Deduplication key: the same command refused for the same target by the same rule. */
    String key() {
        return command + "\u0000" + target + "\u0000" + rule + "\u0000" + where;
    }
}
