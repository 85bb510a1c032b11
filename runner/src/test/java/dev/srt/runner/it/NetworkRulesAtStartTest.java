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
 * loading and initialisation cost 50 to 100 ms of start-up (issue 4's start-up budget), and
 * refuses to run with rules it cannot read. Real runs (real bwrap, real proxies) in a fresh JVM
 * that has Jackson on its class path, with the JVM's class-loading log as the witness.
 */
class NetworkRulesAtStartTest {
    static byte[] compiled(Path dir) {
        Compilation.Result c = Compilation.compile(
            Loader.Input.text("net.srt", "srt 1\nnetwork {\n  allow \"example.com\"\n}\n", dir));
        assertTrue(c.ok(), c.diagnostics().toString());
        return c.bytes();
    }

    /** Runs {@code srt run --policy BIN -- true}; the output is stdout and stderr together. */
    static Sandbox.Result srt(Path dir, byte[] bin, Path classLog) throws Exception {
        Path policy = dir.resolve("net.bin");
        Files.write(policy, bin);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xlog:class+load=info:file=" + classLog, "-cp", System.getProperty("java.class.path"),
            "dev.srt.runner.cli.SrtMain", "run", "--policy", policy.toString(), "--", "true")
            .directory(dir.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "srt did not finish");
        return new Sandbox.Result(p.exitValue(), out, new byte[0]);
    }

    @Test
    void aNetworkPolicyStartsWithoutLoadingJackson(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        Sandbox.Result r = srt(dir, compiled(dir), log);
        assertEquals(0, r.status(), r.text());
        List<String> loaded = Files.readAllLines(log);
        // the network path really ran: the rules were read and the proxies started
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.srt.artifact.IrNetworkReader ")), "rules not read");
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.srt.runner.net.NetworkProxies ")), "proxies not started");
        String jackson = loaded.stream().filter(l -> l.contains("com.fasterxml.jackson")).collect(Collectors.joining("\n"));
        assertEquals("", jackson);
    }

    /** A network rule the proxies could never match (a host name not in canonical form) stops the run: nothing fails open. */
    @Test
    void unreadableNetworkRulesStopTheRunWithTheReason(@TempDir Path dir) throws Exception {
        byte[] bin = compiled(dir);
        String text = new String(bin, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"name\":\"example.com\"");
        assertTrue(at > 0, "the IR section holds the rule");
        byte[] upper = "EXAMPLE".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(upper, 0, bin, at + 8, upper.length);
        // a valid checksum over the changed bytes, so only the network rules reader can object
        dev.srt.artifact.ArtifactFormat.seal(bin);
        Sandbox.Result r = srt(dir, bin, dir.resolve("classes.log"));
        assertEquals(125, r.status(), r.text());
        assertEquals("srt: " + dir.resolve("net.bin") + ": the network rules are unreadable: network.rules[0].host.name: "
            + "\"EXAMPLE.com\" is not a canonical host name\n", r.text());
    }
}
