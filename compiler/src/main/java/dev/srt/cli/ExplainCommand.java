package dev.srt.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.srt.artifact.Artifact;
import dev.srt.artifact.ArtifactFormat;
import dev.srt.artifact.Compilation;
import dev.srt.artifact.IrJson;
import dev.srt.backend.Enforcement;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code srtc explain FILE}: the effective policy in plain words, from source or compiled.bin. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explains the effective policy after includes: each rule, where it came from, and how each platform enforces it.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a .srt policy or a compiled.bin")
    String file;

    @Override
    public Integer call() {
        try {
            byte[] bytes = PolicyFiles.bytes(file);
            if (PolicyFiles.isCompiled(bytes)) {
                Artifact a = PolicyFiles.artifact(file, bytes);
                List<Enforcement> report = null;
                byte[] rep = a.sections().get(ArtifactFormat.REPORT_SECTION);
                if (rep != null) {
                    try {
                        report = IrJson.MAPPER.readValue(rep, new TypeReference<List<Enforcement>>() { });
                    } catch (IOException e) {
                        System.err.println("srtc: " + file + ": corrupted: the report section is unreadable");
                        return 1;
                    }
                }
                System.out.println("compiled.bin format " + a.formatVersion() + ", compiled by srtc " + a.compilerVersion()
                    + ", sources sha256 " + a.sourcesSha256());
                System.out.print(new Explainer(a.policy(), report).explain());
                return 0;
            }
            Compilation.Result r = PolicyFiles.compile(file, bytes);
            System.err.print(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
            if (r.frontend().policy() == null) return 1;
            System.out.print(new Explainer(r.frontend().policy(), r.enforcement()).explain());
            return r.ok() ? 0 : 1;
        } catch (PolicyFiles.InputException e) {
            System.err.println("srtc: " + e.getMessage());
            return 1;
        }
    }
}
