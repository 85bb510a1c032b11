package dev.srt.backend.seatbelt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.backend.Lowered;
import dev.srt.check.Frontend;
import dev.srt.check.Loader;
import dev.srt.ir.Expectation;
import dev.srt.ir.PathSyntax;
import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.ir.RuntimeContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden profiles: each {@code seatbelt/NAME.srt} sits beside {@code NAME.sb}, the profile
 * srtc compiles it to (for {@link Layout#DEFAULT}). Regenerate on purpose with
 * {@code -Dsrt.golden.update=true}. Each profile must also be well-formed and keep the
 * policy's own {@code expect} lines (files, sockets, binding).
 */
class SeatbeltGoldenTest {
    static final Path DIR = Path.of("src/test/resources/seatbelt");

    static Stream<Path> inputs() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".srt")).sorted().toList().stream();
        }
    }

    private static Policy parse(Path input) throws IOException {
        Frontend.Result r = Frontend.compile(Loader.Input.file(input));
        assertTrue(r.ok(), r.diagnostics().toString());
        return r.policy();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void matchesGolden(Path input) throws Exception {
        Lowered l = new SeatbeltBackend().lower(parse(input));
        assertTrue(l.diagnostics().stream().noneMatch(d -> d.isError()), l.diagnostics().toString());
        Path golden = Path.of(input.toString().replace(".srt", ".sb"));
        if (Boolean.getBoolean("srt.golden.update") || !Files.exists(golden)) Files.writeString(golden, l.readable());
        assertEquals(Files.readString(golden), l.readable(), "golden " + golden + " (regenerate with -Dsrt.golden.update=true)");
        assertEquals(l.readable(), new String(l.bytes(), java.nio.charset.StandardCharsets.UTF_8), "bytes are the readable text");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void wellFormedAndKeepsThePolicysExpectations(Path input) throws Exception {
        Policy p = parse(input);
        SeatbeltHarness h = SeatbeltHarness.of(p);
        assertTrue(h.sbpl.ruleCount() > 10);
        for (Expectation e : p.expectations()) {
            Probe probe = e.probe();
            boolean expected = e.outcome() == dev.srt.ir.Effect.ALLOW;
            Boolean got = null;
            if (probe instanceof Probe.Read) got = h.sbRead(concrete(((Probe.Read) probe).path()));
            else if (probe instanceof Probe.Write) got = h.sbWrite(concrete(((Probe.Write) probe).path()));
            else if (probe instanceof Probe.Unix) got = h.sbUnix(concrete(((Probe.Unix) probe).path()));
            else if (probe instanceof Probe.Bind) got = h.sbBind(((Probe.Bind) probe).port());
            if (got != null) assertEquals(expected, got, e.probe().render() + " at " + e.span());
        }
    }

    private static String concrete(String raw) {
        return PathSyntax.resolveConcrete(raw, RuntimeContext.TEST);
    }

    @org.junit.jupiter.api.Test
    void everyStockPolicyLowersWithoutErrors() {
        for (String name : List.of("default", "workspace", "protected")) {
            Frontend.Result r = Frontend.compile(Loader.Input.text("p.srt", "srt 1\ninclude std:" + name + "\n", null));
            assertTrue(r.ok(), r.diagnostics().toString());
            Lowered l = new SeatbeltBackend().lower(r.policy());
            assertTrue(l.diagnostics().isEmpty(), l.diagnostics().toString());
        }
    }
}
