package dev.srt.ir.eval;

import dev.srt.ir.Span;

/** The rule (or built-in default) behind a decision: its text and where it was written. */
public record Origin(String rule, Span span) {
    @Override
    public String toString() {
        return span.isBuiltin() ? rule : rule + " (" + span + ")";
    }
}
