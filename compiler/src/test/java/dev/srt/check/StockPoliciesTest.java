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

    /**
     * Every filesystem and network rule a policy file writes is pinned by a test: removing the
     * rule makes at least one expectation (of that file, or of a test file that includes it) fail.
     */
    @Test
    void everyRuleIsPinnedByAnExpectation() throws Exception {
        java.util.Map<String, Boolean> pinned = new java.util.TreeMap<>();
        for (Path p : policies().toList()) {
            Compilation.Result r = Compilation.compile(Loader.Input.file(p));
            dev.srt.ir.Policy policy = r.frontend().policy();
            if (policy.expectations().isEmpty()) continue;
            var fs = policy.filesystem();
            var net = policy.network();
            for (int i = 0; i < fs.rules().size(); i++) {
                List<dev.srt.ir.FsRule> rules = new java.util.ArrayList<>(fs.rules());
                dev.srt.ir.FsRule gone = rules.remove(i);
                dev.srt.ir.Policy q = new dev.srt.ir.Policy(1, policy.sources(), new dev.srt.ir.FsPolicy(fs.readDefault(), fs.readDefaultSpan(),
                    fs.writeDefault(), fs.writeDefaultSpan(), rules, fs.protects(), fs.lifted()), net, policy.syscalls(),
                    policy.environment(), policy.ignores(), policy.options(), policy.expectations());
                pinned.merge(key(gone.span(), gone.render()), fails(q), Boolean::logicalOr);
            }
            for (int i = 0; i < fs.protects().size(); i++) {
                List<dev.srt.ir.ProtectRule> rules = new java.util.ArrayList<>(fs.protects());
                dev.srt.ir.ProtectRule gone = rules.remove(i);
                dev.srt.ir.Policy q = new dev.srt.ir.Policy(1, policy.sources(), new dev.srt.ir.FsPolicy(fs.readDefault(), fs.readDefaultSpan(),
                    fs.writeDefault(), fs.writeDefaultSpan(), fs.rules(), rules, fs.lifted()), net, policy.syscalls(),
                    policy.environment(), policy.ignores(), policy.options(), policy.expectations());
                pinned.merge(key(gone.span(), gone.render()), fails(q), Boolean::logicalOr);
            }
            for (int i = 0; i < net.rules().size(); i++) {
                List<dev.srt.ir.NetRule> rules = new java.util.ArrayList<>(net.rules());
                dev.srt.ir.NetRule gone = rules.remove(i);
                dev.srt.ir.Policy q = new dev.srt.ir.Policy(1, policy.sources(), fs, new dev.srt.ir.NetPolicy(rules, net.unixSockets(),
                    net.bind(), net.proxies()), policy.syscalls(), policy.environment(), policy.ignores(), policy.options(), policy.expectations());
                pinned.merge(key(gone.span(), gone.render()), fails(q), Boolean::logicalOr);
            }
        }
        String loose = pinned.entrySet().stream().filter(e -> !e.getValue()).map(java.util.Map.Entry::getKey)
            .collect(Collectors.joining("\n"));
        assertTrue(loose.isEmpty(), "rules no expectation notices when removed:\n" + loose);
    }

    /** The same rule whether reached as std:NAME or as a file path. */
    private static String key(dev.srt.ir.Span span, String rule) {
        String f = span.file().startsWith("std:") ? span.file().substring(4) + ".srt" : Path.of(span.file()).getFileName().toString();
        return f + ":" + span.line() + ":" + span.col() + " " + rule;
    }

    private static boolean fails(dev.srt.ir.Policy q) {
        return new ExpectationRunner(List.of(new IrLayer())).run(q).stream().anyMatch(o -> !o.passed());
    }

    @Test
    void stockNamesAreListed() {
        assertTrue(StockPolicies.names().containsAll(List.of("default", "protected", "workspace")), StockPolicies.names().toString());
    }
}
