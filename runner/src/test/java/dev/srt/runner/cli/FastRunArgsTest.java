package dev.srt.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The start-up fast path parses exactly what picocli parses, and hands everything else to picocli. */
class FastRunArgsTest {
    static FastRunArgs.Request viaPicocli(String... args) {
        CommandLine cl = new CommandLine(new SrtMain());
        RunCommand.configure(cl.getSubcommands().get("run"));
        CommandLine.ParseResult pr = cl.parseArgs(args);
        RunCommand rc = (RunCommand) pr.subcommand().commandSpec().userObject();
        return new FastRunArgs.Request(rc.policy, rc.shell, rc.debug, rc.command == null ? List.of() : rc.command);
    }

    @Test
    void sameAsPicocli() {
        List<String[]> cases = List.of(
            new String[] {"run", "--", "ls", "-la"},
            new String[] {"run", "ls", "-la", "--debug"},
            new String[] {"run", "--debug", "--policy", "p.bin", "--", "a", "--", "b"},
            new String[] {"run", "--policy=p.srt", "-c", "echo hi"},
            new String[] {"run", "-c", "x", "--debug"},
            new String[] {"run", "--", "--policy"});
        for (String[] c : cases) {
            FastRunArgs.Request fast = FastRunArgs.parse(c).orElseThrow(() -> new AssertionError(String.join(" ", c)));
            assertEquals(viaPicocli(c), fast, String.join(" ", c));
        }
    }

    @Test
    void aPathThatCannotBeAFileNameFailsWithOneLine() {
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(125, SrtMain.execute("run", "--policy", "a\0b.bin", "--", "true"));
            assertEquals(125, SrtMain.execute("run", "--violations-json=v\0.json", "--", "true"));
        } finally {
            System.setErr(old);
        }
        assertEquals("srt: cannot use the path \"a\\0b.bin\": nul character not allowed\n"
            + "srt: cannot use the path \"v\\0.json\": nul character not allowed\n", err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void everythingElseGoesToPicocli() {
        for (String[] c : List.of(new String[] {"run", "--bogus", "--", "x"}, new String[] {"run", "--help"},
            new String[] {"run", "-h"}, new String[] {"run", "-V"}, new String[] {"run"}, new String[] {"run", "--"},
            new String[] {"run", "-c", "x", "--", "y"}, new String[] {"run", "--debug", "--debug", "--", "x"},
            new String[] {"run", "--policy"}, new String[] {"run", "--policy", "--debug", "--", "true"},
            new String[] {"run", "-c", "-x"}, new String[] {"doctor"}, new String[] {"--version"}, new String[] {})) {
            assertTrue(FastRunArgs.parse(c).isEmpty(), String.join(" ", c));
        }
    }

    @Test
    void violationsJsonSameAsPicocli() {
        for (String[] c : List.of(new String[] {"run", "--violations-json", "v.json", "--", "curl", "x"},
            new String[] {"run", "--violations-json=v.json", "--policy", "p.bin", "-c", "true"})) {
            FastRunArgs.Request fast = FastRunArgs.parse(c).orElseThrow(() -> new AssertionError(String.join(" ", c)));
            CommandLine cl = new CommandLine(new SrtMain());
            RunCommand.configure(cl.getSubcommands().get("run"));
            RunCommand rc = (RunCommand) cl.parseArgs(c).subcommand().commandSpec().userObject();
            assertEquals(rc.violationsJson, fast.violationsJson(), String.join(" ", c));
            assertEquals(java.nio.file.Path.of("v.json"), fast.violationsJson());
            assertEquals(viaPicocli(c).command(), fast.command());
        }
        assertTrue(FastRunArgs.parse(new String[] {"run", "--violations-json", "--", "true"}).isEmpty());
    }
}
