package dev.srt.cli;

import dev.srt.artifact.Compilation;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code srtc check POLICY...}: diagnostics only. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Checks policies and prints diagnostics; writes nothing.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "POLICY", description = "policies to check (- for standard input)")
    List<String> policies;

    @Mixin
    OutputFormat format;

    @Override
    public Integer call() {
        return PerFile.run("check", policies, format, doc -> { }, item -> item.put("ok", false), (f, item) -> {
            Compilation.Result r = PolicyFiles.check(f, PolicyFiles.bytes(f));
            if (!format.json()) System.err.print(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
            item.put("ok", r.ok());
            item.set("diagnostics", Json.diagnostics(r.diagnostics()));
            return r.ok();
        });
    }
}
