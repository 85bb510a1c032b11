package dev.srt.cli;

import dev.srt.artifact.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srtc compile POLICY [-o OUT] [--report]}. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Compiles a policy to compiled.bin (deterministic: same source and srtc version, same bytes).")
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "POLICY", description = "the .srt policy to compile (- for standard input)")
    String policy;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "where to write (default: compiled.bin)")
    Path output = Path.of("compiled.bin");

    @Option(names = "--report", description = "also print how each platform enforces each rule")
    boolean report;

    @Mixin
    OutputFormat format;

    @Override
    public Integer call() {
        try {
            byte[] bytes = PolicyFiles.bytes(policy);
            Compilation.Result r = PolicyFiles.compile(policy, bytes);
            ObjectNode doc = Json.document("compile");
            doc.put("file", policy);
            doc.put("output", output.toString());
            doc.set("diagnostics", Json.diagnostics(r.diagnostics()));
            if (!format.json()) System.err.print(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
            if (!r.ok()) {
                doc.put("ok", false);
                if (format.json()) Json.print(doc);
                return 1;
            }
            Path tmp = output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".srtc-" + ProcessHandle.current().pid());
            try {
                Files.write(tmp, r.bytes());
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            doc.put("ok", true);
            doc.put("bytes", r.bytes().length);
            if (format.json()) {
                if (report) doc.set("report", Json.report(r.frontend().policy(), r.enforcement(), Explainer.targetsOf(r.enforcement())));
                Json.print(doc);
            } else if (report) {
                System.out.print(new Explainer(r.frontend().policy(), r.enforcement()).explain());
            }
            return 0;
        } catch (PolicyFiles.InputException e) {
            if (format.json()) Json.fail("compile", e.getMessage());
            System.err.println("srtc: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            if (format.json()) Json.fail("compile", "cannot write " + output + ": " + e.getMessage());
            System.err.println("srtc: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }
}
