package dev.srt.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srt.artifact.Compilation;
import dev.srt.cli.DiagnosticPrinter;
import dev.srt.cli.Explainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code golden/NAME.srt} sits beside {@code NAME.out}: its diagnostics, its
 * explanation and its IR printout (source hashes left out). Regenerate on purpose with {@code -Dsrt.golden.update=true}.
 */
class GoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden");

    static Stream<Path> inputs() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".srt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void matchesGolden(Path input) throws Exception {
        Compilation.Result r = Compilation.compile(Loader.Input.file(input));
        StringBuilder out = new StringBuilder();
        out.append("== diagnostics\n").append(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
        if (r.frontend().policy() != null) {
            out.append("== explain\n").append(new Explainer(r.frontend().policy(), r.ok() ? r.enforcement() : List.of()).explain());
            com.fasterxml.jackson.databind.node.ObjectNode ir = dev.srt.artifact.IrJson.MAPPER.valueToTree(r.frontend().policy());
            ir.put("sources", r.frontend().policy().sources().stream().map(dev.srt.ir.SourceRef::name)
                .collect(java.util.stream.Collectors.joining(", ")));
            out.append("== ir\n").append(dev.srt.artifact.IrJson.pretty(ir)).append('\n');
        }
        Path golden = Path.of(input.toString().replace(".srt", ".out"));
        if (Boolean.getBoolean("srt.golden.update") || !Files.exists(golden)) {
            Files.writeString(golden, out.toString());
        }
        assertEquals(Files.readString(golden), out.toString(), "golden " + golden + " (regenerate with -Dsrt.golden.update=true)");
    }
}
