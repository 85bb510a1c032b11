package dev.srt.check;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.srt.artifact.Compilation;
import dev.srt.cli.DiagnosticPrinter;
import dev.srt.verify.ExpectationRunner;
import dev.srt.verify.IrLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every policy in policies/ compiles with every back-end, and its expectations hold. */
class StockPoliciesTest {
    static final Path DIR = Path.of("../policies");

    static Stream<Path> policies() throws IOException {
        try (Stream<Path> s = Files.walk(DIR)) {
            return s.filter(p -> p.toString().endsWith(".srt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void compilesAndPassesItsTests(Path p) throws Exception {
        Compilation.Result r = Compilation.compile(Loader.Input.file(p));
        assertTrue(r.ok(), DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
        assertTrue(r.diagnostics().isEmpty(), "stock policies compile without warnings:\n"
            + DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
        List<ExpectationRunner.Outcome> outcomes = new ExpectationRunner(List.of(new IrLayer())).run(r.frontend().policy());
        String failures = outcomes.stream().filter(o -> !o.passed()).map(o -> o.expectation().span() + " " + o.answers())
            .collect(Collectors.joining("\n"));
        assertTrue(failures.isEmpty(), failures);
    }

    @Test
    void everyTopLevelStockPolicyCarriesTests() throws Exception {
        for (Path p : policies().toList()) {
            if (p.getFileName().toString().equals("protected.srt")) continue; // tested through default.srt
            Compilation.Result r = Compilation.compile(Loader.Input.file(p));
            assertFalse(r.frontend().policy().expectations().isEmpty(), p + " has no expect lines");
        }
    }

    @Test
    void stockNamesAreListed() {
        assertTrue(StockPolicies.names().containsAll(List.of("default", "protected", "workspace")), StockPolicies.names().toString());
    }
}
