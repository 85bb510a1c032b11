package dev.srt.cli;

import dev.srt.artifact.Compilation;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code srtc check POLICY...}: diagnostics only. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Checks policies and prints diagnostics; writes nothing.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "POLICY", description = "policies to check (- for standard input)")
    List<String> policies;

    @Override
    public Integer call() {
        int rc = 0;
        for (String f : policies) {
            try {
                Compilation.Result r = PolicyFiles.compile(f, PolicyFiles.bytes(f));
                System.err.print(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
                if (!r.ok()) rc = 1;
            } catch (PolicyFiles.InputException e) {
                System.err.println("srtc: " + e.getMessage());
                rc = 1;
            }
        }
        return rc;
    }
}
