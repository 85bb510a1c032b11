package dev.srt.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.Effect;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.SandboxOption;
import dev.srt.ir.eval.Evaluator;
import dev.srt.testkit.Compile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sandbox-runtime settings become a policy that decides the same; anything inexact is refused. */
class SandboxRuntimeImporterTest {
    static final String SETTINGS = """
        {
          "network": {
            "allowedDomains": ["github.com", "*.npmjs.org", "localhost:8080", "[::1]:9000"],
            "deniedDomains": ["gist.github.com", "*:22"],
            "deniedDomainReasons": {"gist.github.com": "no pastes"},
            "allowUnixSockets": ["/run/user/1000/agent.sock"],
            "allowLocalBinding": true,
            "strictAllowlist": true
          },
          "filesystem": {
            "denyRead": ["~/.ssh", {"path": "~/weird[1].txt", "literal": true}],
            "allowRead": ["~/.ssh/known_hosts"],
            "allowWrite": [".", "~/.npm"],
            "denyWrite": ["./.env"],
            "allowGitConfig": true
          },
          "ignoreViolations": {"*": ["/usr/bin"], "git push": ["denied"]},
          "enableWeakerNestedSandbox": true,
          "allowPty": true,
          "mandatoryDenySearchDepth": 3
        }
        """;

    @Test
    void convertsEveryKeyToAPolicyThatDecidesTheSame() throws Exception {
        Policy p = Compile.ok(SandboxRuntimeImporter.convert(SETTINGS));
        Evaluator e = new Evaluator(p, RuntimeContext.TEST);
        assertEquals(Effect.ALLOW, e.connect("github.com", 443).outcome());
        assertEquals(Effect.ALLOW, e.connect("registry.npmjs.org", 443).outcome());
        assertEquals(Effect.DENY, e.connect("npmjs.org", 443).outcome());
        assertEquals(Effect.ALLOW, e.connect("localhost", 8080).outcome());
        assertEquals(Effect.DENY, e.connect("localhost", 8081).outcome());
        assertEquals(Effect.ALLOW, e.connect("::1", 9000).outcome());
        assertEquals(Effect.DENY, e.connect("gist.github.com", 443).outcome());
        assertEquals(Effect.DENY, e.connect("github.com", 22).outcome());
        assertEquals(Effect.DENY, e.read("/home/user/.ssh/id_rsa").outcome());
        assertEquals(Effect.ALLOW, e.read("/home/user/.ssh/known_hosts").outcome());
        assertEquals(Effect.DENY, e.read("/home/user/weird[1].txt").outcome());
        assertEquals(Effect.ALLOW, e.read("/home/user/weird1.txt").outcome());
        assertEquals(Effect.ALLOW, e.write("/home/user/work/src/a.js").outcome());
        assertEquals(Effect.DENY, e.write("/home/user/work/.env").outcome());
        assertEquals(Effect.ALLOW, e.write("/home/user/work/.git/config").outcome());
        assertEquals(Effect.DENY, e.write("/home/user/work/.bashrc").outcome());
        assertEquals(Effect.ALLOW, e.write("/tmp/srt/x").outcome());
        assertEquals(Effect.DENY, e.write("/home/user/notes").outcome());
        assertEquals(Effect.ALLOW, e.unix("/run/user/1000/agent.sock").outcome());
        assertEquals(Effect.ALLOW, e.bind(3000).outcome());
        assertTrue(p.has(SandboxOption.WEAKER_NESTED_SANDBOX) && p.has(SandboxOption.ALLOW_PTY));
        assertEquals(2, p.ignores().size());
        assertTrue(p.network().rules().stream().anyMatch(r -> "no pastes".equals(r.because())));
    }

    @Test
    void anEmptyFileIsTheDefaultSandbox() throws Exception {
        Policy p = Compile.ok(SandboxRuntimeImporter.convert("{}"));
        Evaluator e = new Evaluator(p, RuntimeContext.TEST);
        assertEquals(Effect.DENY, e.connect("example.com", 443).outcome());
        assertEquals(Effect.DENY, e.write("/home/user/work/a").outcome());
        assertEquals(Effect.ALLOW, e.read("/home/user/.ssh/id_rsa").outcome());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        {"network": {"allowedDomain": []}}                       | /network/allowedDomain: unknown key
        {"filesystem": {"denyRead": [3]}}                        | /filesystem/denyRead/0: expected a path string
        {"network": {"mitmProxy": {"socketPath": "/x", "domains": ["a"]}}} | /network/mitmProxy: routing chosen domains
        {"credentials": {"files": []}}                           | /credentials: credential masking
        {"allowPty": "yes"}                                      | /allowPty: expected true or false
        {"network": {"httpProxyPort": 70000}}                    | /network/httpProxyPort: expected a port
        {"network": {"deniedDomainReasons": {"a.com": "x"}}}     | /network/deniedDomainReasons/a.com: names no entry
        {"a": 1, "a": 2}                                         | /: not valid JSON
        [1, 2]                                                   | /: expected a JSON object
        {"bwrapPath": "/usr/bin/bwrap"}                          | /bwrapPath: tool paths are not part of a policy
        """)
    void refusesWhatItCannotConvertExactly(String json, String message) {
        ImportException e = assertThrows(ImportException.class, () -> SandboxRuntimeImporter.convert(json));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
