package dev.srt.cli;

import dev.srt.check.Frontend;
import dev.srt.check.Loader;
import dev.srt.importer.ImportException;
import dev.srt.importer.SandboxRuntimeImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() {
        try {
            String json = PolicyFiles.text(PolicyFiles.bytes(settings));
            String policy = SandboxRuntimeImporter.convert(json);
            Frontend.Result check = Frontend.compile(Loader.Input.text("imported.srt", policy, Path.of("").toAbsolutePath()));
            if (!check.ok()) {
                System.err.println("srtc: " + settings + ": the settings hold values srt cannot accept:");
                System.err.print(DiagnosticPrinter.render(check.diagnostics(), check.sources()));
                return 1;
            }
            if (output == null) System.out.print(policy);
            else Files.writeString(output, policy);
            return 0;
        } catch (PolicyFiles.InputException e) {
            System.err.println("srtc: " + e.getMessage());
            return 1;
        } catch (ImportException e) {
            System.err.println("srtc: " + settings + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("srtc: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }
}
