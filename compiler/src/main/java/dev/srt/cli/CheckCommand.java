package dev.srt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        int rc = 0;
        ArrayNode files = Json.array();
        for (String f : policies) {
            ObjectNode item = Json.object();
            item.put("file", f);
            try {
                Compilation.Result r = PolicyFiles.check(f, PolicyFiles.bytes(f));
                if (!format.json()) System.err.print(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
                item.put("ok", r.ok());
                item.set("diagnostics", Json.diagnostics(r.diagnostics()));
                if (!r.ok()) rc = 1;
            } catch (PolicyFiles.InputException e) {
                if (!format.json()) System.err.println("srtc: " + e.getMessage());
                item.put("ok", false);
                item.put("error", e.getMessage());
                rc = 1;
            }
            files.add(item);
        }
        if (format.json()) {
            ObjectNode doc = Json.document("check");
            doc.set("files", files);
            doc.put("ok", rc == 0);
            Json.print(doc);
        }
        return rc;
    }
}
