package dev.srt.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srt.artifact.Artifact;
import dev.srt.artifact.ArtifactFormat;
import dev.srt.artifact.Compilation;
import dev.srt.artifact.IrJson;
import dev.srt.backend.Enforcement;
import dev.srt.backend.Target;
import dev.srt.ir.Policy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code srtc explain FILE}: the effective policy in plain words, from source or compiled.bin. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explains the effective policy after includes: each rule, where it came from, and how each platform enforces it.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a .srt policy or a compiled.bin")
    String file;

    @Mixin
    OutputFormat format;

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
                        return fail(file + ": corrupted: the report section is unreadable");
                    }
                }
                List<Target> targets = new ArrayList<>();
                for (String id : a.sections().keySet()) Target.byId(id).ifPresent(targets::add);
                if (format.json()) {
                    ObjectNode doc = document(a.policy(), report, targets);
                    ObjectNode artifact = Json.object();
                    artifact.put("formatVersion", a.formatVersion());
                    artifact.put("compilerVersion", a.compilerVersion());
                    artifact.put("sourcesSha256", a.sourcesSha256());
                    doc.set("artifact", artifact);
                    doc.set("diagnostics", Json.array());
                    doc.put("ok", true);
                    Json.print(doc);
                    return 0;
                }
                System.out.println("compiled.bin format " + a.formatVersion() + ", compiled by srtc " + a.compilerVersion()
                    + ", sources sha256 " + a.sourcesSha256());
                System.out.print(new Explainer(a.policy(), report, targets).explain());
                return 0;
            }
            Compilation.Result r = PolicyFiles.check(file, bytes);
            if (format.json()) {
                ObjectNode doc = r.frontend().policy() == null ? Json.document("explain")
                    : document(r.frontend().policy(), r.ok() ? r.enforcement() : null, Explainer.targetsOf(r.enforcement()));
                doc.set("diagnostics", Json.diagnostics(r.diagnostics()));
                doc.put("ok", r.ok());
                Json.print(doc);
                return r.ok() ? 0 : 1;
            }
            System.err.print(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
            if (r.frontend().policy() == null) return 1;
            System.out.print(new Explainer(r.frontend().policy(), r.enforcement()).explain());
            return r.ok() ? 0 : 1;
        } catch (PolicyFiles.InputException e) {
            return fail(e.getMessage());
        }
    }

    private int fail(String message) {
        if (format.json()) Json.fail("explain", message);
        System.err.println("srtc: " + message);
        return 1;
    }

    /** {@code policy}: the IR exactly as stored in compiled.bin's ir section; {@code report}: per rule and target. */
    private ObjectNode document(Policy p, List<Enforcement> report, List<Target> targets) {
        ObjectNode doc = Json.document("explain");
        doc.put("file", file);
        JsonNode ir = IrJson.MAPPER.valueToTree(p);
        doc.set("policy", ir);
        if (report == null) doc.putNull("report");
        else doc.set("report", Json.report(p, report, targets));
        return doc;
    }
}
