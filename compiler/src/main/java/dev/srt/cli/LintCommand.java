package dev.srt.cli;

import dev.srt.diag.Diagnostic;
import dev.srt.ir.Span;
import dev.srt.tools.lint.Linter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code srtc lint POLICY...}: the compiler's warnings plus the dangerous-grant checks (L01xx). */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = {"Warns about dangerous grants: writes to shell start-up files, git hooks or PATH directories,",
        "container-engine, agent and D-Bus sockets, all unix sockets, local binding, hosts that accept uploads,",
        "re-allowed credential stores, and read denies a symlink bypasses. A rule with `because \"...\"` is not",
        "reported. Exits 1 when anything is reported."})
final class LintCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "POLICY", description = "policies or directories of them to lint (- for standard input)")
    List<String> policies;

    @Mixin
    OutputFormat format;

    @Override
    public Integer call() {
        List<String> inputs;
        try {
            inputs = TestFiles.expand(policies);
        } catch (PolicyFiles.InputException e) {
            System.err.println("srtc: " + e.getMessage());
            return 1;
        }
        return PerFile.run("lint", inputs, format, doc -> { }, item -> { }, (f, item) -> {
            dev.srt.check.Frontend.Result r = PolicyFiles.frontend(f, PolicyFiles.bytes(f));
            List<Diagnostic> all = new ArrayList<>(r.diagnostics());
            if (r.policy() != null) {
                Set<Span> warned = new HashSet<>();
                for (Diagnostic d : r.diagnostics()) if (!d.isError()) warned.add(d.span());
                all.addAll(Linter.lint(r.policy(), warned));
                all.sort(null);
            }
            item.set("diagnostics", Json.diagnostics(all));
            if (!format.json()) System.out.print(DiagnosticPrinter.render(all, r.sources()));
            return all.isEmpty();
        });
    }
}
