package dev.srt.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.artifact.Compilation;
import dev.srt.check.Loader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code srt run} with a compiled network policy reads its network rules without Jackson, whose
 * loading and initialisation cost 50 to 100 ms of start-up (issue 4's start-up budget). Real run
 * (real bwrap, real proxies) in a fresh JVM that has Jackson on its class path, with the JVM's
 * class-loading log as the witness.
 */
class NoJacksonAtStartTest {
    @Test
    void aNetworkPolicyStartsWithoutLoadingJackson(@TempDir Path dir) throws Exception {
        Compilation.Result c = Compilation.compile(
            Loader.Input.text("net.srt", "srt 1\nnetwork {\n  allow \"example.com\"\n}\n", dir));
        assertTrue(c.ok(), c.diagnostics().toString());
        Path bin = dir.resolve("net.bin");
        Files.write(bin, c.bytes());
        Path log = dir.resolve("classes.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
            "dev.srt.runner.cli.SrtMain", "run", "--policy", bin.toString(), "--", "true")
            .directory(dir.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "srt did not finish");
        assertEquals(0, p.exitValue(), out);
        List<String> loaded = Files.readAllLines(log);
        // the network path really ran: the rules were read and the proxies started
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.srt.artifact.IrNetworkReader ")), "rules not read");
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.srt.runner.net.NetworkProxies ")), "proxies not started");
        String jackson = loaded.stream().filter(l -> l.contains("com.fasterxml.jackson")).collect(Collectors.joining("\n"));
        assertEquals("", jackson);
    }
}
