package dev.srt.runner.it;

import dev.srt.backend.bwrap.TemplateCodec;
import dev.srt.runner.Runner;
import dev.srt.runner.cli.SrtMain;
import dev.srt.runner.linux.SeccompFallback;
import dev.srt.runner.linux.Signals;
import dev.srt.runner.policy.LoadedPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Test entry point run in a separate JVM (as the test user): {@code ItMain srt ARGS...} is
 * exactly {@code srt ARGS...}; {@code ItMain TEMPLATE.json [--debug] -- CMD...} runs CMD under a
 * bwrap template written by the test (IR built in Java), through the same runner code.
 */
public final class ItMain {
    private ItMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("srt")) {
            SrtMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Signals.install();
        boolean debug = args[1].equals("--debug");
        int dash = debug ? 2 : 1;
        List<String> cmd = Arrays.asList(args).subList(dash + 1, args.length);
        var t = TemplateCodec.read(Files.readAllBytes(Path.of(args[0])));
        LoadedPolicy lp = new LoadedPolicy(t,
            Map.of("x86_64", SeccompFallback.program("x86_64"), "aarch64", SeccompFallback.program("aarch64")),
            t.env(), args[0]);
        System.exit(Runner.run(lp, cmd, debug, System.err));
    }
}
