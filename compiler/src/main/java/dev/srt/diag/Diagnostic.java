package dev.srt.diag;

import dev.srt.ir.Span;

/**
 * One finding about a policy: severity, a stable code (e.g. {@code E0201}), the message, the
 * span it points at and a help line saying how to fix it.
 */
public record Diagnostic(Severity severity, String code, String message, Span span, String help)
    implements Comparable<Diagnostic> {
    public static Diagnostic error(String code, String message, Span span, String help) {
        return new Diagnostic(Severity.ERROR, code, message, span, help);
    }

    public static Diagnostic warning(String code, String message, Span span, String help) {
        return new Diagnostic(Severity.WARNING, code, message, span, help);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = span.compareTo(o.span);
        return c != 0 ? c : code.compareTo(o.code);
    }
}
