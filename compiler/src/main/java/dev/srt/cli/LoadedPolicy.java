package dev.srt.cli;

import dev.srt.artifact.Artifact;
import dev.srt.diag.Diagnostic;
import dev.srt.ir.Policy;
import dev.srt.syntax.Source;
import java.util.List;
import java.util.Map;

/** A policy given as a .srt source (through the front end) or as a compiled.bin (its IR section). */
record LoadedPolicy(String file, Policy policy, List<Diagnostic> diagnostics, Map<String, Source> sources) {
    boolean ok() {
        return policy != null;
    }

    static LoadedPolicy load(String file) throws PolicyFiles.InputException {
        byte[] bytes = PolicyFiles.bytes(file);
        if (PolicyFiles.isCompiled(bytes)) {
            Artifact a = PolicyFiles.artifact(file, bytes);
            return new LoadedPolicy(file, a.policy(), List.of(), Map.of());
        }
        dev.srt.check.Frontend.Result r = PolicyFiles.frontend(file, bytes);
        return new LoadedPolicy(file, r.policy(), r.diagnostics(), r.sources());
    }
}
