package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srt.ir.IgnoreRule;
import dev.srt.ir.Span;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refusals become deduplicated violations, JSON lines, and a stderr summary that honours ignore rules. */
class ViolationsTest {
    @Test
    void refusalsAreRecordedOnceWithCountsAndWrittenAsJsonLines() throws Exception {
        try (TestServers servers = new TestServers();
             ProxyFixture p = new ProxyFixture(Rules.policy().allow("*.example.test").deny("www.example.test"))) {
            StringWriter json = new StringWriter();
            p.handle.violations().subscribe(new ViolationJsonWriter(json));
            int port = servers.httpPort();
            for (int i = 0; i < 3; i++) assertEquals(403, p.curl("http://www.example.test:" + port + "/").status());
            assertEquals(403, p.curl("http://other.test:" + port + "/").status());
            assertEquals(403, p.curl("http://api.example.test:" + port + "/").status()); // address guard
            List<ViolationLog.Entry> e = p.handle.violations().entries();
            assertEquals(3, e.size());
            assertEquals("www.example.test:" + port, e.get(0).first().target());
            assertEquals("deny \"www.example.test\"", e.get(0).first().rule());
            assertEquals("policy.srt:2:3", e.get(0).first().where());
            assertEquals("curl test", e.get(0).first().command());
            assertEquals(3, e.get(0).count());
            assertEquals("network default deny", e.get(1).first().rule());
            assertEquals("", e.get(1).first().where());
            assertTrue(e.get(2).first().rule().startsWith("address guard: 127.0.0.1 is loopback"), e.get(2).first().rule());
            String[] lines = json.toString().split("\n");
            assertEquals(3, lines.length);
            JsonNode first = new ObjectMapper().readTree(lines[0]);
            assertEquals("www.example.test:" + port, first.get("target").asText());
            assertEquals("deny \"www.example.test\"", first.get("rule").asText());
            assertEquals("policy.srt:2:3", first.get("where").asText());
            assertEquals("network", first.get("kind").asText());
            Instant.parse(first.get("time").asText());
        }
    }

    @Test
    void summaryHonoursIgnoreRules() {
        ViolationLog log = new ViolationLog();
        Instant t = Instant.parse("2026-11-28T17:00:00Z");
        log.record(new Violation(t, "git push", "github.com:22", "deny \"*:22\"", "policy.srt:4:3"));
        log.record(new Violation(t, "git push", "github.com:22", "deny \"*:22\"", "policy.srt:4:3"));
        log.record(new Violation(t, "git push", "tracker.example:443", "network default deny", ""));
        String all = ViolationSummary.format(log.entries(), List.of());
        assertEquals("srt: 2 network connections were refused:\n"
            + "srt: blocked network github.com:22 deny \"*:22\" (policy.srt:4:3) x2\n"
            + "srt: blocked network tracker.example:443 network default deny\n", all);
        Span s = new Span("policy.srt", 9, 3, 5);
        assertEquals("", ViolationSummary.format(log.entries(), List.of(new IgnoreRule("*", "*", s))));
        assertEquals("", ViolationSummary.format(log.entries(), List.of(new IgnoreRule("*", "git *", s))));
        String some = ViolationSummary.format(log.entries(), List.of(new IgnoreRule("tracker.example", "git *", s)));
        assertTrue(some.contains("github.com:22") && !some.contains("tracker"), some);
        assertEquals(all, ViolationSummary.format(log.entries(), List.of(new IgnoreRule("*", "npm *", s))));
        assertEquals(all, ViolationSummary.format(log.entries(), List.of(new IgnoreRule("gitlab.com", "*", s))));
    }

    @Test
    void distinctViolationsAreCapped() {
        ViolationLog log = new ViolationLog();
        Instant t = Instant.EPOCH;
        for (int i = 0; i < ViolationLog.MAX_DISTINCT + 5; i++) {
            log.record(new Violation(t, "x", "h" + i + ".example:443", "network default deny", ""));
        }
        assertEquals(ViolationLog.MAX_DISTINCT, log.entries().size());
        assertEquals(5, log.dropped());
        assertTrue(ViolationSummary.format(log, List.of()).endsWith("srt: 5 further refused connections were not recorded\n"));
    }

    @Test
    void clientTextCannotReachTheTerminalRaw() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            // A SOCKS5 domain is raw bytes from the client: an escape sequence must not survive.
            assertEquals(0x04, Socks5ProxyTest.request(p, 1, Socks5ProxyTest.domain("\u001b[2Jevil"), 443));
            Violation v = p.handle.violations().entries().get(0).first();
            assertEquals("?[2Jevil:443", v.target());
            assertTrue(ViolationSummary.format(p.handle.violations(), List.of()).chars().noneMatch(c -> c == 0x1b));
        }
    }

    @Test
    void globs() {
        assertTrue(ViolationSummary.glob("git *", "git push"));
        assertTrue(ViolationSummary.glob("*", ""));
        assertTrue(ViolationSummary.glob("a?c*", "abcdef"));
        assertTrue(!ViolationSummary.glob("git *", "gitk"));
        assertTrue(!ViolationSummary.glob("*.com", "example.org"));
    }
}
