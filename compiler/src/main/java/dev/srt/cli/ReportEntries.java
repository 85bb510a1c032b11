package dev.srt.cli;

import dev.srt.backend.Enforcement;
import dev.srt.ir.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a rule's entries in the enforcement report. Entries name the rule by span and text;
 * several rules can share a span (one line listing several paths) and the built-in defaults
 * all share {@link Span#BUILTIN}: entries whose text is the rule's text are taken when there
 * are any; otherwise those on the span, except that a built-in span never matches by span alone.
 */
final class ReportEntries {
    private ReportEntries() {
    }

    static List<Enforcement> of(List<Enforcement> report, Span span, String text) {
        List<Enforcement> bySpan = new ArrayList<>();
        List<Enforcement> byBoth = new ArrayList<>();
        for (Enforcement e : report) {
            if (!e.rule().equals(span)) continue;
            bySpan.add(e);
            if (text != null && text.equals(e.ruleText())) byBoth.add(e);
        }
        if (!byBoth.isEmpty() || span.isBuiltin()) return byBoth;
        return bySpan;
    }
}
