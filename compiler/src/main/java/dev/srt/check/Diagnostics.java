package dev.srt.check;

import dev.srt.diag.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects diagnostics from all passes; the report is sorted by position. */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic d) {
        all.add(d);
    }

    public void addAll(List<Diagnostic> ds) {
        all.addAll(ds);
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) all.stream().filter(Diagnostic::isError).count();
    }

    /** All diagnostics sorted by position. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> s = new ArrayList<>(all);
        Collections.sort(s);
        return s;
    }
}
