package dev.srt.testkit;

import dev.srt.artifact.IrJson;
import dev.srt.check.Frontend;
import dev.srt.check.Loader;
import dev.srt.diag.Diagnostic;
import dev.srt.ir.Policy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers: compile source text, and compare IR without source positions. */
public final class Compile {
    private Compile() {
    }

    public static Frontend.Result frontend(String text) {
        return Frontend.compile(Loader.Input.text("test.srt", text, Path.of("/nonexistent-dir")));
    }

    /** Compiles and fails the test with the rendered diagnostics when there are errors. */
    public static Policy ok(String text) {
        Frontend.Result r = frontend(text);
        if (!r.ok()) throw new AssertionError("expected no errors, got:\n" + codes(r.diagnostics()));
        return r.policy();
    }

    public static List<Diagnostic> errors(String text) {
        return frontend(text).diagnostics().stream().filter(Diagnostic::isError).collect(Collectors.toList());
    }

    public static String codes(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.span() + " " + d.code() + " " + d.message()).collect(Collectors.joining("\n"));
    }

    /** The IR as JSON with every span and source hash removed. */
    public static JsonNode withoutSpans(Policy p) {
        JsonNode n = IrJson.MAPPER.valueToTree(p);
        ((ObjectNode) n).remove("sources");
        strip(n);
        return n;
    }

    private static void strip(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.equals("span") || f.endsWith("Span") || f.equals("by")) it.remove();
            }
            o.forEach(Compile::strip);
        } else if (n.isArray()) {
            n.forEach(Compile::strip);
        }
    }
}
