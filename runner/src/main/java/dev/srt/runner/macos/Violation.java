package dev.srt.runner.macos;

import java.time.Instant;

/**
 * One refused operation on macOS, in the shape srt's proxies report refused connections: when,
 * by which command (the run's command line), what was refused ({@code target}: the Seatbelt
 * operation and its path or address), and the policy rule that refused it with where it was
 * written. {@code process} names the process that tried, e.g. {@code python3[1234]}.
 */
public record Violation(Instant time, String command, String process, String target, String rule, String where) {
    /** The text ignore rules are matched against, e.g. {@code file-read-data /Users/x/.ssh/id_rsa read deny "${home}/.ssh"}. */
    public String description() {
        return target + " " + rule;
    }
}
