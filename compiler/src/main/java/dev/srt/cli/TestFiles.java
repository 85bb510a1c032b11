package dev.srt.cli;

import dev.srt.diag.Diagnostic;
import dev.srt.ir.Span;
import dev.srt.syntax.Ast;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which files {@code srtc test} runs. The convention: a policy's tests live in the policy
 * itself or in {@code NAME.test.srt} beside {@code NAME.srt}; the test file includes the policy
 * ({@code include "NAME.srt"}) and holds only {@code test} blocks, {@code expect} lines,
 * includes and constants, so it cannot change what it tests. A {@code .test.srt} file with no
 * policy of its name beside it is a scenario and may add rules (e.g. {@code policies/tests/}).
 * Naming a policy runs its test file too; naming a directory runs every {@code .srt} file below it.
 */
final class TestFiles {
    static final String SUFFIX = ".test.srt";

    private TestFiles() {
    }

    static List<String> expand(List<String> args) throws PolicyFiles.InputException {
        Set<String> out = new LinkedHashSet<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (!a.equals("-") && Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".srt") && Files.isRegularFile(f))
                        .map(Path::toString).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new PolicyFiles.InputException("cannot list " + a + ": " + e.getMessage());
                }
                continue;
            }
            out.add(a);
            companion(a).ifPresent(out::add);
        }
        return new ArrayList<>(out);
    }

    /** {@code NAME.test.srt} beside {@code NAME.srt}, when it exists. */
    static Optional<String> companion(String file) {
        if (file.equals("-") || !file.endsWith(".srt") || file.endsWith(SUFFIX)) return Optional.empty();
        String t = file.substring(0, file.length() - ".srt".length()) + SUFFIX;
        return Files.isRegularFile(Path.of(t)) ? Optional.of(t) : Optional.empty();
    }

    /**
     * E1110 for each statement of a companion test file ({@code NAME.test.srt} with
     * {@code NAME.srt} beside it) that would change the policy under test. A test file with no
     * policy of its name beside it is a scenario (e.g. a stock fragment plus the grants that
     * make its tests meaningful) and may hold rules.
     */
    static List<Diagnostic> checkTestFile(String file, Ast.File ast) {
        List<Diagnostic> out = new ArrayList<>();
        if (!file.endsWith(SUFFIX)) return out;
        String policy = file.substring(0, file.length() - SUFFIX.length()) + ".srt";
        if (!Files.isRegularFile(Path.of(policy))) return out;
        for (Ast.Statement s : ast.statements()) {
            if (s instanceof Ast.Include || s instanceof Ast.Let || s instanceof Ast.TestBlock || s instanceof Ast.Expect) continue;
            Span sp = s.span();
            out.add(Diagnostic.error("E1110", "a test file beside its policy may hold only includes, constants and tests, not rules",
                sp, "move the rules into " + Path.of(policy).getFileName() + ", or name the file after no policy to make it a scenario"));
        }
        return out;
    }
}
