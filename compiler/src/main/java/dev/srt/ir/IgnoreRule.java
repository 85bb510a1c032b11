package dev.srt.ir;

/**
 * {@code ignore "TEXT" for "COMMAND"}: violations whose description contains TEXT (a glob, so
 * {@code *} matches anything) are not reported for commands matching COMMAND ({@code *} = all).
 */
public record IgnoreRule(String violation, String command, Span span) implements Comparable<IgnoreRule> {
    @Override
    public int compareTo(IgnoreRule o) {
        int c = command.compareTo(o.command);
        if (c != 0) return c;
        c = violation.compareTo(o.violation);
        return c != 0 ? c : span.compareTo(o.span);
    }
}
