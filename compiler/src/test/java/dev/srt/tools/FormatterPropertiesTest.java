package dev.srt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.Policy;
import dev.srt.syntax.PolicyWriter;
import dev.srt.syntax.Source;
import dev.srt.testkit.Compile;
import dev.srt.testkit.IrGen;
import dev.srt.tools.fmt.Formatter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code srtc fmt} is idempotent and keeps the meaning: random IR written as source by
 * {@link PolicyWriter}, then scrambled with random comments, indentation and blank lines.
 */
class FormatterPropertiesTest {
    @Property(tries = 300)
    void formattingIsIdempotent(@ForAll("policies") Policy p, @ForAll("noise") List<Integer> noise) {
        String messy = scramble(PolicyWriter.write(p), noise);
        String once = fmt(messy);
        assertEquals(once, fmt(once), "formatting the formatted text changed it:\n" + messy);
    }

    @Property(tries = 300)
    void formattingKeepsTheMeaning(@ForAll("policies") Policy p, @ForAll("noise") List<Integer> noise) {
        String messy = scramble(PolicyWriter.write(p), noise);
        String once = fmt(messy);
        assertEquals(Compile.withoutSpans(Compile.ok(messy)), Compile.withoutSpans(Compile.ok(once)), once);
    }

    @Property(tries = 200)
    void formattingKeepsEveryComment(@ForAll("policies") Policy p, @ForAll("noise") List<Integer> noise) {
        String messy = scramble(PolicyWriter.write(p), noise);
        String once = fmt(messy);
        for (String line : messy.split("\n")) {
            int hash = line.indexOf("# c");
            if (hash >= 0) assertTrue(once.contains(line.substring(hash).trim()), "lost " + line.substring(hash) + " in\n" + once);
        }
    }

    static String fmt(String text) {
        Formatter.Result r = Formatter.format(new Source("t.srt", text));
        if (!r.ok()) throw new AssertionError("does not parse: " + r.diagnostics() + "\n" + text);
        return r.text();
    }

    /** Per line, a noise code picks: extra indentation, a trailing comment, a comment line before, blank lines. */
    static String scramble(String text, List<Integer> noise) {
        StringBuilder b = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = noise.isEmpty() ? 0 : noise.get(i % noise.size());
            if (i > 0 && (n & 1) != 0) b.append("  # c").append(i).append(" before\n");
            if (i > 0 && (n & 2) != 0) b.append("\n\n");
            if ((n & 4) != 0 && !line.isEmpty()) line = "\t " + line.strip();
            if ((n & 8) != 0 && !line.isBlank()) line = line + "   # c" + i + " trailing";
            if ((n & 16) != 0) line = line.replace(" ", "  ");
            b.append(line);
            if (i < lines.length - 1) b.append('\n');
        }
        return b.toString();
    }

    @Provide
    Arbitrary<Policy> policies() {
        return IrGen.policies();
    }

    @Provide
    Arbitrary<List<Integer>> noise() {
        return Arbitraries.integers().between(0, 31).list().ofMinSize(1).ofMaxSize(12);
    }
}
