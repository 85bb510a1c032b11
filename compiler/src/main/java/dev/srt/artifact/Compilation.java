package dev.srt.artifact;

import dev.srt.backend.Backend;
import dev.srt.backend.Backends;
import dev.srt.backend.Enforcement;
import dev.srt.backend.Lowered;
import dev.srt.check.Frontend;
import dev.srt.check.Loader;
import dev.srt.diag.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A whole compile: front end, every back-end, and the compiled.bin bytes. The entry point for
 * {@code srtc compile} and for {@code srt run --policy policy.srt}.
 */
public final class Compilation {
    private Compilation() {
    }

    /** The outcome; {@code bytes} is null when there were errors. */
    public record Result(Frontend.Result frontend, List<Lowered> lowered, List<Diagnostic> diagnostics, byte[] bytes) {
        public boolean ok() {
            return bytes != null;
        }

        public List<Enforcement> enforcement() {
            List<Enforcement> out = new ArrayList<>();
            for (Lowered l : lowered) out.addAll(l.enforcement());
            return out;
        }
    }

    /** Rules written with {@code exact} that some target enforces only approximately or not at all. */
    static List<Diagnostic> exactness(Frontend.Result fr, List<Lowered> lowered) {
        dev.srt.ir.Policy p = fr.policy();
        java.util.Set<dev.srt.ir.Span> exact = new java.util.HashSet<>(fr.exactSpans());
        for (dev.srt.ir.FsRule r : p.filesystem().rules()) if (r.exact()) exact.add(r.span());
        for (dev.srt.ir.NetRule r : p.network().rules()) if (r.exact()) exact.add(r.span());
        List<Diagnostic> out = new ArrayList<>();
        for (Lowered l : lowered) {
            for (Enforcement e : l.enforcement()) {
                if (e.level() == Enforcement.Level.EXACT || !exact.contains(e.rule())) continue;
                Diagnostic d = Diagnostic.error("E1201", "this rule must be enforced exactly, but " + e.target().id + " enforces it "
                    + e.level().word() + (e.how() == null || e.how().isEmpty() ? "" : ": " + e.how()), e.rule(),
                    "rewrite the rule so every platform can enforce it exactly, or drop `exact`");
                if (!out.contains(d)) out.add(d);
            }
        }
        return out;
    }

    public static Result compile(Loader.Input input) {
        return compile(input, Backends.all());
    }

    public static Result compile(Loader.Input input, List<Backend> backends) {
        return compile(input, backends, true);
    }

    /**
     * Everything but writing compiled.bin (for {@code srtc check} and {@code explain}, which need
     * the diagnostics and the report, not the bytes; the first JSON write costs a cold JVM about
     * 0.3 s). {@code bytes} is then empty, never null, when there were no errors.
     */
    public static Result check(Loader.Input input) {
        return compile(input, Backends.all(), false);
    }

    private static Result compile(Loader.Input input, List<Backend> backends, boolean write) {
        Frontend.Result fr = Frontend.compile(input);
        if (!fr.ok()) return new Result(fr, List.of(), fr.diagnostics(), null);
        List<Diagnostic> diags = new ArrayList<>(fr.diagnostics());
        List<Lowered> lowered = new ArrayList<>();
        Map<String, byte[]> sections = new TreeMap<>();
        boolean failed = false;
        for (Backend b : backends) {
            Lowered l = b.lower(fr.policy());
            lowered.add(l);
            for (Diagnostic d : l.diagnostics()) if (!diags.contains(d)) diags.add(d);
            if (l.bytes() == null || l.diagnostics().stream().anyMatch(Diagnostic::isError)) failed = true;
            else sections.put(b.target().id, l.bytes());
        }
        for (Diagnostic d : exactness(fr, lowered)) {
            diags.add(d);
            failed = true;
        }
        Collections.sort(diags);
        if (failed) return new Result(fr, lowered, diags, null);
        if (!write) return new Result(fr, lowered, diags, new byte[0]);
        List<Enforcement> report = new ArrayList<>();
        for (Lowered l : lowered) report.addAll(l.enforcement());
        sections.put(ArtifactFormat.REPORT_SECTION, IrJson.write(report));
        return new Result(fr, lowered, diags, ArtifactFormat.write(fr.policy(), sections));
    }
}
