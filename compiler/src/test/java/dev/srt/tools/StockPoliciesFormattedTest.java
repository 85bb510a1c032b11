package dev.srt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srt.syntax.Source;
import dev.srt.tools.fmt.Formatter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stock policies are in fmt's canonical layout (what `srtc fmt --check policies` checks in CI). */
class StockPoliciesFormattedTest {
    static Stream<Path> policies() throws Exception {
        try (Stream<Path> s = Files.walk(Path.of("../policies"))) {
            return s.filter(p -> p.toString().endsWith(".srt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void isFormatted(Path p) throws Exception {
        String text = Files.readString(p);
        assertEquals(text, Formatter.format(new Source(p.getFileName().toString(), text)).text(),
            p + " is not in the canonical layout: run bin/srtc fmt " + p);
    }
}
