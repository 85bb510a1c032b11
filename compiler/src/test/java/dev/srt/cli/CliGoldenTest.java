package dev.srt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden outputs of every srtc command: {@code golden-cli/cases.txt} names each case and its
 * arguments ({@code DIR} is the golden directory, {@code < FILE} feeds standard input); the exit
 * code, standard output and standard error are compared with {@code NAME.out}. Regenerate on
 * purpose with {@code -Dsrt.golden.update=true}.
 */
class CliGoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden-cli");

    static Stream<String> cases() throws Exception {
        return Files.readAllLines(DIR.resolve("cases.txt")).stream().filter(l -> !l.isBlank() && !l.startsWith("#"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(String line) throws Exception {
        String name = line.substring(0, line.indexOf(':'));
        String rest = line.substring(line.indexOf(':') + 1).trim();
        byte[] stdin = new byte[0];
        int lt = rest.indexOf(" < ");
        if (lt >= 0) {
            stdin = Files.readAllBytes(DIR.resolve(rest.substring(lt + 3).trim()));
            rest = rest.substring(0, lt);
        }
        List<String> args = new ArrayList<>();
        for (String a : rest.split(" ")) args.add(a.replace("DIR", DIR.toString()));
        String actual = run(args, stdin);
        Path golden = DIR.resolve(name + ".out");
        if (Boolean.getBoolean("srt.golden.update") || !Files.exists(golden)) Files.writeString(golden, actual);
        assertEquals(Files.readString(golden), actual, "golden " + golden + " (regenerate with -Dsrt.golden.update=true)");
    }

    static synchronized String run(List<String> args, byte[] stdin) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin));
            var cl = SrtcMain.commandLine();
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args.toArray(new String[0]));
            return "$ srtc " + String.join(" ", args) + "\nexit " + code + "\n--- stdout\n" + out.toString(StandardCharsets.UTF_8)
                + "--- stderr\n" + err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }
}
