package dev.srt.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.check.Loader;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.HostPattern;
import dev.srt.ir.IgnoreRule;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.PathPattern;
import dev.srt.ir.Policy;
import dev.srt.ir.Span;
import dev.srt.ir.UnixSocketRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IrNetworkReader} by example: one document with every kind of network rule read to the
 * exact values, a table of damaged or unexpected documents each refused with the reason, and
 * every stock policy under policies/ decoded equal to what Jackson and the compiler give.
 */
class IrNetworkReaderExamplesTest {
    /** Every network rule kind once; one element per line so the damage table can change one thing. */
    static final String DOC = """
        {
          "environment": {},
          "expectations": [],
          "filesystem": {},
          "ignores": [ {"command": "git *", "span": {"col": 10, "file": "p.srt", "length": 3, "line": 20}, "violation": "*"} ],
          "languageVersion": 1,
          "network": {
            "bind": [ {"because": null, "port": 9000, "span": {"col": 14, "file": "p.srt", "length": 4, "line": 12}} ],
            "proxies": [ {"host": "127.0.0.1", "kind": "HTTP", "port": 3128, "span": {"col": 3, "file": "p.srt", "length": 27, "line": 13}} ],
            "rules": [
              {"because": null, "effect": "ALLOW", "exact": false, "host": {"kind": "name", "name": "github.com"}, "port": 443, "span": {"col": 9, "file": "p.srt", "length": 12, "line": 3}},
              {"because": "a \\"mirror\\" \\u00e9\\ud83d\\ude00", "effect": "ALLOW", "exact": true, "host": {"kind": "subdomains", "suffix": "example.org"}, "port": 0, "span": {"col": 9, "file": "p.srt", "length": 13, "line": 4}},
              {"because": null, "effect": "ALLOW", "exact": false, "host": {"kind": "range", "address": "10.0.0.0", "prefix": 8}, "port": 0, "span": {"col": 9, "file": "p.srt", "length": 10, "line": 5}},
              {"because": null, "effect": "DENY", "exact": false, "host": {"kind": "range", "address": "fd00::", "prefix": 8}, "port": 8080, "span": {"col": 9, "file": "p.srt", "length": 14, "line": 6}},
              {"because": null, "effect": "DENY", "exact": false, "host": {"kind": "any"}, "port": 25, "span": {"col": 8, "file": "std:default", "length": 6, "line": 7}}
            ],
            "unixSockets": [
              {"because": null, "path": null, "span": {"col": 3, "file": "p.srt", "length": 14, "line": 10}},
              {"because": "agent", "path": {"text": "/run/user/${uid}/agent.sock"}, "span": {"col": 14, "file": "p.srt", "length": 29, "line": 11}}
            ]
          },
          "options": [],
          "sources": [],
          "syscalls": {}
        }
        """;

    static Span span(String file, int line, int col, int length) {
        return new Span(file, line, col, length);
    }

    @Test
    void readsEveryRuleKindExactly() throws IOException {
        IrNetworkReader.Rules r = IrNetworkReader.read(DOC.getBytes(StandardCharsets.UTF_8));
        NetPolicy expected = new NetPolicy(
            List.of(
                new NetRule(Effect.ALLOW, new HostPattern.Name("github.com"), 443, false, null, span("p.srt", 3, 9, 12)),
                new NetRule(Effect.ALLOW, new HostPattern.Subdomains("example.org"), 0, true, "a \"mirror\" \u00e9\ud83d\ude00",
                    span("p.srt", 4, 9, 13)),
                new NetRule(Effect.ALLOW, new HostPattern.Range("10.0.0.0", 8), 0, false, null, span("p.srt", 5, 9, 10)),
                new NetRule(Effect.DENY, new HostPattern.Range("fd00::", 8), 8080, false, null, span("p.srt", 6, 9, 14)),
                new NetRule(Effect.DENY, new HostPattern.Any(), 25, false, null, span("std:default", 7, 8, 6))),
            List.of(new UnixSocketRule(null, null, span("p.srt", 10, 3, 14)),
                new UnixSocketRule(new PathPattern("/run/user/${uid}/agent.sock"), "agent", span("p.srt", 11, 14, 29))),
            List.of(new BindRule(9000, null, span("p.srt", 12, 14, 4))),
            List.of(new ExternalProxy(ExternalProxy.Kind.HTTP, "127.0.0.1", 3128, span("p.srt", 13, 3, 27))));
        assertEquals(expected, r.network());
        assertEquals(List.of(new IgnoreRule("*", "git *", span("p.srt", 20, 10, 3))), r.ignores());
    }

    static Stream<Arguments> damaged() {
        return Stream.of(
            // not JSON at all
            bad("cut short", "\"syscalls\": {}\n}", "\"syscalls\": {}", "not valid JSON: unexpected end"),
            bad("trailing data", "\"syscalls\": {}\n}", "\"syscalls\": {}\n}}", "not valid JSON: trailing data"),
            bad("duplicate key", "\"port\": 443", "\"port\": 443, \"port\": 80", "not valid JSON: duplicate key port"),
            bad("number with a fraction", "\"port\": 443", "\"port\": 443.0", "not valid JSON: only integers expected"),
            bad("number with a leading zero", "\"port\": 443", "\"port\": 0443", "not valid JSON: leading zero"),
            bad("bad \\u escape", "\"file\": \"std:default\"", "\"file\": \"std\\u-03adefault\"", "not valid JSON: bad \\u escape"),
            bad("raw control character", "\"because\": \"agent\"", "\"because\": \"ag\u0001ent\"", "control character in string"),
            bad("nested too deep", "\"filesystem\": {}", "\"filesystem\": " + "[".repeat(70) + "]".repeat(70), "nested too deep"),
            // the document
            bad("unknown top-level field", "\"languageVersion\": 1,", "\"languageVersion\": 1, \"extra\": true,",
                "the document: unknown field \"extra\""),
            bad("missing top-level field", "\"options\": [],", "", "the document: missing field \"options\""),
            bad("ignores null", "\"ignores\": [ {\"command\": \"git *\", \"span\": {\"col\": 10, \"file\": \"p.srt\", \"length\": 3, \"line\": 20}, "
                + "\"violation\": \"*\"} ],", "\"ignores\": null,", "ignores: expected a list, found null"),
            bad("proxies not a list", "\"proxies\": [ {\"host\": \"127.0.0.1\", \"kind\": \"HTTP\", \"port\": 3128, \"span\": {\"col\": 3, "
                + "\"file\": \"p.srt\", \"length\": 27, \"line\": 13}} ],", "\"proxies\": {},", "network.proxies: expected a list, found an object"),
            bad("null rule", "\"rules\": [", "\"rules\": [ null,", "network.rules[0]: expected an object, found null"),
            // rules
            bad("port as a string", "\"port\": 443", "\"port\": \"443\"", "network.rules[0].port: expected an integer, found a string"),
            bad("port null", "\"port\": 443", "\"port\": null", "network.rules[0].port: expected an integer, found null"),
            bad("port too big", "\"port\": 443", "\"port\": 65536", "network.rules[0].port: 65536 is out of range (0 to 65535)"),
            bad("port negative", "\"port\": 443", "\"port\": -1", "network.rules[0].port: -1 is out of range (0 to 65535)"),
            bad("port beyond a long", "\"port\": 443", "\"port\": 99999999999999999999", "not valid JSON: bad number"),
            bad("port missing", "\"port\": 443, ", "", "network.rules[0]: missing field \"port\""),
            bad("effect lower case", "\"effect\": \"ALLOW\", \"exact\": false, \"host\": {\"kind\": \"name\"",
                "\"effect\": \"allow\", \"exact\": false, \"host\": {\"kind\": \"name\"", "network.rules[0].effect: unknown value \"allow\""),
            bad("effect unknown", "\"effect\": \"DENY\", \"exact\": false, \"host\": {\"kind\": \"any\"}",
                "\"effect\": \"LOG\", \"exact\": false, \"host\": {\"kind\": \"any\"}", "network.rules[4].effect: unknown value \"LOG\""),
            bad("effect as an ordinal", "\"effect\": \"DENY\", \"exact\": false, \"host\": {\"kind\": \"any\"}",
                "\"effect\": 1, \"exact\": false, \"host\": {\"kind\": \"any\"}", "network.rules[4].effect: expected a string, found an integer"),
            bad("exact as a string", "\"exact\": true", "\"exact\": \"true\"", "network.rules[1].exact: expected a boolean, found a string"),
            bad("because as a number", "\"because\": \"agent\"", "\"because\": 1", "network.unixSockets[1].because: expected a string, found an integer"),
            bad("because missing", "{\"because\": null, \"effect\": \"DENY\", \"exact\": false, \"host\": {\"kind\": \"any\"}",
                "{\"effect\": \"DENY\", \"exact\": false, \"host\": {\"kind\": \"any\"}", "network.rules[4]: missing field \"because\""),
            bad("unknown rule field", "\"exact\": true,", "\"exact\": true, \"priority\": 1,", "network.rules[1]: unknown field \"priority\""),
            // hosts
            bad("host kind unknown", "{\"kind\": \"name\", \"name\": \"github.com\"}", "{\"kind\": \"regex\", \"name\": \"github.com\"}",
                "network.rules[0].host.kind: unknown host kind \"regex\""),
            bad("host kind missing", "{\"kind\": \"name\", \"name\": \"github.com\"}", "{\"name\": \"github.com\"}",
                "network.rules[0].host: missing field \"kind\""),
            bad("host kind null", "{\"kind\": \"name\", \"name\": \"github.com\"}", "{\"kind\": null, \"name\": \"github.com\"}",
                "network.rules[0].host.kind: expected a string, found null"),
            bad("host not an object", "{\"kind\": \"name\", \"name\": \"github.com\"}", "\"github.com\"",
                "network.rules[0].host: expected an object, found a string"),
            bad("name with a field of another kind", "{\"kind\": \"name\", \"name\": \"github.com\"}",
                "{\"kind\": \"name\", \"name\": \"github.com\", \"suffix\": \"x.com\"}", "network.rules[0].host: unknown field \"suffix\""),
            bad("name null", "\"name\": \"github.com\"", "\"name\": null", "network.rules[0].host.name: expected a string, found null"),
            bad("name in upper case", "\"name\": \"github.com\"", "\"name\": \"GitHub.com\"",
                "network.rules[0].host.name: \"GitHub.com\" is not a canonical host name"),
            bad("name with a trailing dot", "\"name\": \"github.com\"", "\"name\": \"github.com.\"", "is not a canonical host name"),
            bad("name not in punycode", "\"name\": \"github.com\"", "\"name\": \"b\u00fccher.de\"", "is not a canonical host name"),
            bad("name that is an address", "\"name\": \"github.com\"", "\"name\": \"127.0.0.1\"", "is not a canonical host name"),
            bad("name empty", "\"name\": \"github.com\"", "\"name\": \"\"", "is not a canonical host name"),
            bad("suffix not canonical", "\"suffix\": \"example.org\"", "\"suffix\": \"*.example.org\"",
                "network.rules[1].host.suffix: \"*.example.org\" is not a canonical host name"),
            bad("any with a name", "{\"kind\": \"any\"}", "{\"kind\": \"any\", \"name\": \"x.com\"}", "network.rules[4].host: unknown field \"name\""),
            bad("IPv4 prefix too long", "\"address\": \"10.0.0.0\", \"prefix\": 8", "\"address\": \"10.0.0.0\", \"prefix\": 33",
                "network.rules[2].host.prefix: 33 is out of range (0 to 32)"),
            bad("IPv6 prefix too long", "\"address\": \"fd00::\", \"prefix\": 8", "\"address\": \"fd00::\", \"prefix\": 129",
                "network.rules[3].host.prefix: 129 is out of range (0 to 128)"),
            bad("prefix missing", "\"address\": \"10.0.0.0\", \"prefix\": 8", "\"address\": \"10.0.0.0\"",
                "network.rules[2].host: missing field \"prefix\""),
            bad("address out of range", "\"address\": \"10.0.0.0\"", "\"address\": \"10.0.0.256\"",
                "network.rules[2].host.address: \"10.0.0.256\" is not a canonical IP address"),
            bad("address in octal", "\"address\": \"10.0.0.0\"", "\"address\": \"012.0.0.0\"", "is not a canonical IP address"),
            bad("address as a name", "\"address\": \"10.0.0.0\"", "\"address\": \"example.com\"", "is not a canonical IP address"),
            bad("IPv6 in brackets", "\"address\": \"fd00::\"", "\"address\": \"[fd00::]\"", "is not a canonical IP address"),
            bad("IPv6 in upper case", "\"address\": \"fd00::\"", "\"address\": \"FD00::\"", "is not a canonical IP address"),
            bad("IPv6 not compressed", "\"address\": \"fd00::\"", "\"address\": \"fd00:0:0:0:0:0:0:0\"", "is not a canonical IP address"),
            bad("IPv4-mapped IPv6", "\"address\": \"fd00::\"", "\"address\": \"::ffff:10.0.0.0\"", "is not a canonical IP address"),
            // spans
            bad("span with the derived builtin flag", "\"line\": 3}", "\"line\": 3, \"builtin\": false}",
                "network.rules[0].span: unknown field \"builtin\""),
            bad("span line negative", "\"line\": 3}", "\"line\": -3}", "network.rules[0].span.line: -3 is out of range"),
            bad("span file null", "\"file\": \"std:default\"", "\"file\": null", "network.rules[4].span.file: expected a string, found null"),
            bad("span missing", ", \"span\": {\"col\": 9, \"file\": \"p.srt\", \"length\": 12, \"line\": 3}", "",
                "network.rules[0]: missing field \"span\""),
            // unix sockets, bind, proxies, ignores
            bad("unix path empty", "{\"text\": \"/run/user/${uid}/agent.sock\"}", "{\"text\": \"\"}",
                "network.unixSockets[1].path.text: \"\" is not a canonical path"),
            bad("unix path relative", "{\"text\": \"/run/user/${uid}/agent.sock\"}", "{\"text\": \"run/agent.sock\"}", "is not a canonical path"),
            bad("unix path with a dot segment", "{\"text\": \"/run/user/${uid}/agent.sock\"}", "{\"text\": \"/run/./agent.sock\"}",
                "is not a canonical path"),
            bad("unix path with an unknown variable", "{\"text\": \"/run/user/${uid}/agent.sock\"}", "{\"text\": \"/run/${pid}/a.sock\"}",
                "is not a canonical path"),
            bad("unix path as a string", "{\"text\": \"/run/user/${uid}/agent.sock\"}", "\"/run/agent.sock\"",
                "network.unixSockets[1].path: expected an object, found a string"),
            bad("unix path missing", "{\"because\": null, \"path\": null,", "{\"because\": null,", "network.unixSockets[0]: missing field \"path\""),
            bad("bind port out of range", "\"port\": 9000", "\"port\": 70000", "network.bind[0].port: 70000 is out of range (0 to 65535)"),
            bad("proxy kind unknown", "\"kind\": \"HTTP\"", "\"kind\": \"FTP\"", "network.proxies[0].kind: unknown value \"FTP\""),
            bad("proxy kind lower case", "\"kind\": \"HTTP\"", "\"kind\": \"http\"", "network.proxies[0].kind: unknown value \"http\""),
            bad("proxy port 0", "\"port\": 3128", "\"port\": 0", "network.proxies[0].port: 0 is out of range (1 to 65535)"),
            bad("proxy host short form", "\"host\": \"127.0.0.1\"", "\"host\": \"127.1\"",
                "network.proxies[0].host: \"127.1\" is not a canonical host name or address"),
            bad("proxy host in brackets", "\"host\": \"127.0.0.1\"", "\"host\": \"[::1]\"", "is not a canonical host name or address"),
            bad("proxy host with a port", "\"host\": \"127.0.0.1\"", "\"host\": \"127.0.0.1:3128\"", "is not a canonical host name or address"),
            bad("ignore command missing", "{\"command\": \"git *\", ", "{", "ignores[0]: missing field \"command\""),
            bad("ignore violation null", "\"violation\": \"*\"", "\"violation\": null", "ignores[0].violation: expected a string, found null"));
    }

    static Arguments bad(String name, String find, String replace, String message) {
        return Arguments.of(name, find, replace, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void damagedOrUnexpectedInputIsRefusedWithTheReason(String name, String find, String replace, String message) {
        assertTrue(DOC.contains(find), "the example must contain: " + find);
        assertEquals(DOC.indexOf(find), DOC.lastIndexOf(find), "ambiguous: " + find);
        byte[] doc = DOC.replace(find, replace).getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> IrNetworkReader.read(doc));
        assertTrue(e.getMessage().contains(message), "expected \"" + message + "\" in: " + e.getMessage());
    }

    @Test
    void malformedUtf8EmptyInputAndNonObjectsAreRefused() {
        byte[] doc = DOC.getBytes(StandardCharsets.UTF_8);
        int at = DOC.indexOf("git *") + 3; // inside a string, where a lenient decoder would put U+FFFD
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xC0, (byte) 0x80},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF})) {
            byte[] d = new byte[doc.length + bad.length];
            System.arraycopy(doc, 0, d, 0, at);
            System.arraycopy(bad, 0, d, at, bad.length);
            System.arraycopy(doc, at, d, at + bad.length, doc.length - at);
            IOException e = assertThrows(IOException.class, () -> IrNetworkReader.read(d));
            assertEquals("not valid JSON: malformed UTF-8", e.getMessage());
        }
        assertThrows(IOException.class, () -> IrNetworkReader.read(new byte[0]));
        IOException list = assertThrows(IOException.class, () -> IrNetworkReader.read("[]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("the document: expected an object, found a list", list.getMessage());
        byte[] bom = ("\uFEFF" + DOC).getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> IrNetworkReader.read(bom));
    }

    static Stream<Path> stockPolicies() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("../policies"))) {
            return s.filter(p -> p.toString().endsWith(".srt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stockPolicies")
    void everyStockPolicyReadsAsJacksonAndTheCompilerHaveIt(Path p) throws Exception {
        Compilation.Result r = Compilation.compile(Loader.Input.file(p));
        assertTrue(r.ok(), r.diagnostics().toString());
        byte[] ir = ArtifactFormat.container(r.bytes()).sections().get(ArtifactFormat.IR_SECTION);
        IrNetworkReader.Rules mine = IrNetworkReader.read(ir);
        Policy jackson = IrJson.readPolicy(ir);
        assertEquals(jackson.network(), mine.network());
        assertEquals(jackson.ignores(), mine.ignores());
        assertEquals(r.frontend().policy().network(), mine.network());
        assertEquals(r.frontend().policy().ignores(), mine.ignores());
    }

    @Test
    void theStockPoliciesExerciseNetworkRules() throws Exception {
        // guards the test above against a policies/ directory with nothing to decode
        boolean any = false;
        for (Path p : stockPolicies().toList()) {
            Compilation.Result r = Compilation.compile(Loader.Input.file(p));
            any |= !r.frontend().policy().network().rules().isEmpty();
        }
        assertTrue(any, "no stock policy has network rules");
        assertFalse(stockPolicies().toList().isEmpty());
    }
}
