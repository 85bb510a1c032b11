package dev.srt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        int rc = 0;
        ArrayNode files = Json.array();
        List<String> inputs;
        try {
            inputs = TestFiles.expand(policies);
        } catch (PolicyFiles.InputException e) {
            System.err.println("srtc: " + e.getMessage());
            return 1;
        }
        for (String f : inputs) {
            ObjectNode item = Json.object();
            item.put("file", f);
            try {
                dev.srt.check.Frontend.Result r = PolicyFiles.frontend(f, PolicyFiles.bytes(f));
                List<Diagnostic> all = new ArrayList<>(r.diagnostics());
                if (r.policy() != null) {
                    Set<Span> warned = new HashSet<>();
                    for (Diagnostic d : r.diagnostics()) if (!d.isError()) warned.add(d.span());
                    all.addAll(Linter.lint(r.policy(), warned));
                    all.sort(null);
                }
                if (!all.isEmpty()) rc = 1;
                item.set("diagnostics", Json.diagnostics(all));
                if (!format.json()) System.out.print(DiagnosticPrinter.render(all, r.sources()));
            } catch (PolicyFiles.InputException e) {
                rc = 1;
                item.put("error", e.getMessage());
                if (!format.json()) System.err.println("srtc: " + e.getMessage());
            }
            files.add(item);
        }
        if (format.json()) {
            ObjectNode doc = Json.document("lint");
            doc.set("files", files);
            doc.put("ok", rc == 0);
            Json.print(doc);
        }
        return rc;
    }
}
