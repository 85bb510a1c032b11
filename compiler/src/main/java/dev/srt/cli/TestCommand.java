package dev.srt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srt.diag.Diagnostic;
import dev.srt.ir.Expectation;
import dev.srt.verify.ExpectationRunner;
import dev.srt.verify.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code srtc test FILES...}: runs the {@code expect} lines written in policies and their test files. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Runs the expect assertions in policies against the reference evaluator and each back-end that can be evaluated here.",
        "NAME.test.srt beside NAME.srt is run with it; a directory runs every .srt file below it."})
final class TestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "policies, test files or directories")
    List<String> files;

    @Mixin
    OutputFormat format;

    /** The layers every expectation is checked against. */
    static List<Layer> layers() {
        return Layers.all();
    }

    @Override
    public Integer call() {
        int passed = 0;
        int failed = 0;
        boolean broken = false;
        ExpectationRunner runner = new ExpectationRunner(layers());
        ArrayNode fileNodes = Json.array();
        ArrayNode failures = Json.array();
        List<String> all;
        try {
            all = TestFiles.expand(files);
        } catch (PolicyFiles.InputException e) {
            System.err.println("srtc: " + e.getMessage());
            return 1;
        }
        for (String f : all) {
            ObjectNode fn = Json.object();
            fn.put("file", f);
            fileNodes.add(fn);
            try {
                dev.srt.check.Frontend.Result r = PolicyFiles.frontend(f, PolicyFiles.bytes(f));
                List<Diagnostic> diags = new ArrayList<>(r.diagnostics());
                if (!r.units().isEmpty()) diags.addAll(TestFiles.checkTestFile(f, r.units().get(0).ast()));
                boolean errors = diags.stream().anyMatch(Diagnostic::isError);
                if (r.policy() == null || errors) {
                    if (!format.json()) System.err.print(DiagnosticPrinter.render(diags, r.sources()));
                    fn.set("diagnostics", Json.diagnostics(diags));
                    fn.put("passed", 0);
                    fn.put("failed", 0);
                    broken = true;
                    continue;
                }
                int filePassed = 0;
                int fileFailed = 0;
                for (ExpectationRunner.Outcome o : runner.run(r.policy())) {
                    if (o.passed()) {
                        filePassed++;
                        continue;
                    }
                    fileFailed++;
                    Expectation e = o.expectation();
                    ObjectNode fail = Json.object();
                    Json.location(fail, e.span());
                    fail.put("test", e.test());
                    fail.put("expect", e.renderVerdict() + " " + e.probe().render());
                    ArrayNode layers = Json.array();
                    if (!format.json()) {
                        System.out.println("FAIL " + e.span() + (e.test().isEmpty() ? "" : " [" + e.test() + "]") + ": expect "
                            + e.renderVerdict() + " " + e.probe().render());
                    }
                    for (ExpectationRunner.LayerAnswer a : o.answers()) {
                        ObjectNode ln = Json.object();
                        ln.put("layer", a.layer());
                        ln.put("verdict", a.verdict().verdict());
                        ln.put("rule", a.verdict().rule());
                        ln.put("matches", a.matches());
                        layers.add(ln);
                        if (!format.json()) {
                            System.out.println("    " + a.layer() + ": " + a.verdict().verdict() + " by " + a.verdict().rule()
                                + (a.matches() ? "" : "   <- differs"));
                        }
                    }
                    fail.set("layers", layers);
                    failures.add(fail);
                }
                fn.put("passed", filePassed);
                fn.put("failed", fileFailed);
                passed += filePassed;
                failed += fileFailed;
            } catch (PolicyFiles.InputException e) {
                fn.put("error", e.getMessage());
                if (!format.json()) System.err.println("srtc: " + e.getMessage());
                broken = true;
            }
        }
        if (format.json()) {
            ObjectNode doc = Json.document("test");
            ArrayNode ls = Json.array();
            for (Layer l : layers()) ls.add(l.name());
            doc.set("layers", ls);
            doc.set("files", fileNodes);
            doc.set("failures", failures);
            doc.put("passed", passed);
            doc.put("failed", failed);
            doc.put("ok", failed == 0 && !broken);
            Json.print(doc);
        } else {
            System.out.println(passed + " passed, " + failed + " failed");
        }
        return failed > 0 || broken ? 1 : 0;
    }
}
