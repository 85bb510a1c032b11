package dev.srt.cli;

import dev.srt.check.Frontend;
import dev.srt.check.Loader;
import dev.srt.importer.ImportException;
import dev.srt.importer.SandboxRuntimeImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srtc import SETTINGS.json [-o OUT]}: a sandbox-runtime settings file as an srt policy. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Converts a sandbox-runtime settings file (~/.srt-settings.json) into an equivalent policy; keys that cannot be converted exactly are errors.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SETTINGS.json", description = "the settings file (- for standard input)")
    String settings;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write the policy here (default: standard output)")
    Path output;

    @Mixin
    OutputFormat format;

    @Override
    public Integer call() {
        try {
            String json = PolicyFiles.text(PolicyFiles.bytes(settings));
            String converted = SandboxRuntimeImporter.convert(json);
            // In fmt's canonical layout, so the imported file passes `srtc fmt --check` as written.
            dev.srt.tools.fmt.Formatter.Result formatted = dev.srt.tools.fmt.Formatter.format(new dev.srt.syntax.Source("imported.srt", converted));
            String policy = formatted.ok() ? formatted.text() : converted;
            Frontend.Result check = Frontend.compile(Loader.Input.text("imported.srt", policy, Path.of("").toAbsolutePath()));
            if (!check.ok()) {
                if (format.json()) {
                    ObjectNode doc = Json.document("import");
                    doc.put("ok", false);
                    doc.put("error", "the settings hold values srt cannot accept");
                    doc.set("diagnostics", Json.diagnostics(check.diagnostics()));
                    Json.print(doc);
                    return 1;
                }
                System.err.println("srtc: " + settings + ": the settings hold values srt cannot accept:");
                System.err.print(DiagnosticPrinter.render(check.diagnostics(), check.sources()));
                return 1;
            }
            if (output != null) Files.writeString(output, policy);
            if (format.json()) {
                ObjectNode doc = Json.document("import");
                doc.put("ok", true);
                doc.put("settings", settings);
                if (output != null) doc.put("output", output.toString());
                else doc.put("policy", policy);
                Json.print(doc);
            } else if (output == null) {
                System.out.print(policy);
            }
            return 0;
        } catch (PolicyFiles.InputException e) {
            if (format.json()) Json.fail("import", e.getMessage());
            System.err.println("srtc: " + e.getMessage());
            return 1;
        } catch (ImportException e) {
            if (format.json()) Json.fail("import", settings + ": " + e.getMessage());
            System.err.println("srtc: " + settings + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            if (format.json()) Json.fail("import", "cannot write " + output + ": " + e.getMessage());
            System.err.println("srtc: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }
}
