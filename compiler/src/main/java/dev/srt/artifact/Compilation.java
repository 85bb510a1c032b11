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

    public static Result compile(Loader.Input input) {
        return compile(input, Backends.all());
    }

    public static Result compile(Loader.Input input, List<Backend> backends) {
        Frontend.Result fr = Frontend.compile(input);
        if (!fr.ok()) return new Result(fr, List.of(), fr.diagnostics(), null);
        List<Diagnostic> diags = new ArrayList<>(fr.diagnostics());
        List<Lowered> lowered = new ArrayList<>();
        Map<String, byte[]> sections = new TreeMap<>();
        boolean failed = false;
        for (Backend b : backends) {
            Lowered l = b.lower(fr.policy());
            lowered.add(l);
            diags.addAll(l.diagnostics());
            if (l.bytes() == null || l.diagnostics().stream().anyMatch(Diagnostic::isError)) failed = true;
            else sections.put(b.target().id, l.bytes());
        }
        Collections.sort(diags);
        if (failed) return new Result(fr, lowered, diags, null);
        List<Enforcement> report = new ArrayList<>();
        for (Lowered l : lowered) report.addAll(l.enforcement());
        sections.put(ArtifactFormat.REPORT_SECTION, IrJson.write(report));
        return new Result(fr, lowered, diags, ArtifactFormat.write(fr.policy(), sections));
    }
}
