package dev.srt.cli;

import dev.srt.artifact.Compilation;
import dev.srt.backend.seccomp.Arch;
import dev.srt.backend.seccomp.SeccompLayer;
import dev.srt.verify.ExpectationRunner;
import dev.srt.verify.IrLayer;
import dev.srt.verify.Layer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code srtc test FILES...}: runs the {@code expect} lines written in policies. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Runs the expect assertions in policies against the reference evaluator and each back-end that can be evaluated here.")
final class TestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "policies with expect lines or test blocks")
    List<String> files;

    /** The layers every expectation is checked against. */
    static List<Layer> layers() {
        return List.of(new IrLayer(), new SeccompLayer(Arch.X86_64), new SeccompLayer(Arch.AARCH64));
    }

    @Override
    public Integer call() {
        int passed = 0;
        int failed = 0;
        boolean broken = false;
        ExpectationRunner runner = new ExpectationRunner(layers());
        for (String f : files) {
            try {
                Compilation.Result r = PolicyFiles.compile(f, PolicyFiles.bytes(f));
                if (r.frontend().policy() == null) {
                    System.err.print(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
                    broken = true;
                    continue;
                }
                for (ExpectationRunner.Outcome o : runner.run(r.frontend().policy())) {
                    if (o.passed()) {
                        passed++;
                        continue;
                    }
                    failed++;
                    var e = o.expectation();
                    System.out.println("FAIL " + e.span() + (e.test().isEmpty() ? "" : " [" + e.test() + "]") + ": expect "
                        + e.renderVerdict() + " " + e.probe().render());
                    for (ExpectationRunner.LayerAnswer a : o.answers()) {
                        System.out.println("    " + a.layer() + ": " + a.verdict().verdict() + " by " + a.verdict().rule()
                            + (a.matches() ? "" : "   <- differs"));
                    }
                }
            } catch (PolicyFiles.InputException e) {
                System.err.println("srtc: " + e.getMessage());
                broken = true;
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        return failed > 0 || broken ? 1 : 0;
    }
}
