package dev.srt.ir;

/**
 * {@code expect allow|deny|ACTION PROBE}, inside a named {@code test} block or on its own.
 * {@code action} is set when the expectation names a syscall action (e.g. {@code errno EPERM}).
 */
public record Expectation(String test, Effect outcome, Action action, Probe probe, Span span) {
    public String renderVerdict() {
        return action != null ? action.render() : outcome.word();
    }
}
