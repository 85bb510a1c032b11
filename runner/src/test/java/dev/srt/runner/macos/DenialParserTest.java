package dev.srt.runner.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The unified-log parser on recorded sample lines (runner/src/test/resources/macos). */
class DenialParserTest {
    static List<String> sample() throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/macos/log-stream-sample.ndjson"));
    }

    static List<Denial> denials() throws Exception {
        DenialParser p = new DenialParser(MacTestPolicy.TAG);
        return sample().stream().map(p::parse).flatMap(Optional::stream).toList();
    }

    @Test
    void keepsOnlyThisRunsDenials() throws Exception {
        List<Denial> d = denials();
        assertEquals(10, d.size(), d.toString());
        assertEquals(new Denial(Instant.parse("2026-11-28T17:03:21.123456Z"), "python3", 1234, "file-read-data",
            "/Users/alice/.ssh/id_rsa"), d.get(0));
        assertTrue(d.stream().noneMatch(x -> x.pid() == 999), "another run's tag");
        assertTrue(d.stream().noneMatch(x -> x.target().equals("/Users/alice/notes")), "allow reports are not denials");
        assertTrue(d.stream().noneMatch(x -> x.process().equals("mdworker")), "untagged denials belong to someone else");
    }

    @Test
    void readsEveryKindOfTarget() throws Exception {
        List<Denial> d = denials();
        assertEquals("file-write-create", d.get(1).operation());
        assertEquals("140.82.112.3:443", d.get(3).target());
        assertEquals("network-outbound", d.get(4).operation());
        assertEquals("/private/var/run/docker.sock", d.get(4).target());
        assertEquals("0.0.0.0:3000", d.get(5).target());
        assertEquals("com.apple.mDNSResponder", d.get(6).target());
        assertEquals("Google Chrome Helper", d.get(8).process(), "process names may hold spaces");
        assertTrue(d.get(0).isFile());
    }

    @Test
    void refusesAMalformedTag() {
        assertThrows(IllegalArgumentException.class, () -> new DenialParser("srt-\" OR 1==1"));
    }

    @Property(tries = 500)
    void noLineMakesItThrow(@ForAll String junk) {
        DenialParser p = new DenialParser(MacTestPolicy.TAG);
        p.parse(junk);
        p.parse("{\"eventMessage\":\"" + junk.replace("\\", "").replace("\"", "") + " " + MacTestPolicy.TAG + "\"}");
        p.parse("{\"eventMessage\":\"Sandbox: x(99999999999999999999) deny(1) file-read-data /a " + MacTestPolicy.TAG + "\"}");
    }
}
