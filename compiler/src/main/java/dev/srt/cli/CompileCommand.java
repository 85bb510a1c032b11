package dev.srt.cli;

import dev.srt.artifact.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() {
        try {
            byte[] bytes = PolicyFiles.bytes(policy);
            Compilation.Result r = PolicyFiles.compile(policy, bytes);
            System.err.print(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
            if (!r.ok()) return 1;
            Path tmp = output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".srtc-" + ProcessHandle.current().pid());
            try {
                Files.write(tmp, r.bytes());
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (report) System.out.print(new Explainer(r.frontend().policy(), r.enforcement()).explain());
            return 0;
        } catch (PolicyFiles.InputException e) {
            System.err.println("srtc: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("srtc: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }
}
