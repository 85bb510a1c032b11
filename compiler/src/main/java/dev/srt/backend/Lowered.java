package dev.srt.backend;

import dev.srt.diag.Diagnostic;
import java.util.List;

/**
 * A back-end's output for one policy: the bytes stored in compiled.bin (null when the
 * back-end failed), a readable rendering for {@code srtc emit}, the enforcement report and any
 * diagnostics (an error fails the compile).
 */
public record Lowered(Target target, byte[] bytes, String readable, List<Enforcement> enforcement,
                      List<Diagnostic> diagnostics) {
    public Lowered {
        enforcement = List.copyOf(enforcement);
        diagnostics = List.copyOf(diagnostics);
    }
}
