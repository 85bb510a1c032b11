package dev.srt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.check.Frontend;
import dev.srt.diag.Diagnostic;
import dev.srt.ir.Span;
import dev.srt.testkit.Compile;
import dev.srt.tools.lint.Linter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each lint check fires on a dangerous grant (also through a glob or a parent) and a `because` silences it. */
class LintTest {
    static List<String> codes(String policy) {
        Frontend.Result r = Compile.frontend(policy);
        if (!r.ok()) throw new AssertionError(Compile.codes(r.diagnostics()));
        Set<Span> warned = new HashSet<>();
        for (Diagnostic d : r.diagnostics()) warned.add(d.span());
        List<String> out = r.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList());
        for (Diagnostic d : Linter.lint(r.policy(), warned)) out.add(d.code());
        return out;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "L0101 | filesystem { write allow \"~/.bashrc\" RULE }",
        "L0101 | filesystem { write allow \"~/.config/fish\" RULE }",
        "L0102 | filesystem { write allow \"./.git\" RULE }",
        "L0103 | filesystem { write allow \"~/.local\" RULE }",
        "L0103 | filesystem { write allow \"/usr/local/*\" RULE }",
        "W0903 | network { allow unix \"/var/run/docker.sock\" RULE }",
        "L0104 | network { allow unix \"/run/user/${uid}\" RULE }",
        "L0105 | network { allow unix \"/tmp/ssh-*\" RULE }",
        "L0106 | network { allow unix \"/var/run\" RULE }",
        "L0107 | network { allow \"pastebin.com:443\" RULE }",
        "L0107 | network { allow \"api.github.com\" RULE }",
        "L0108 | filesystem { read deny \"~/.aws\"; read allow \"~/.aws/credentials\" RULE }",
        "L0108 | filesystem { read default deny; read allow \"~/.kube\" RULE }",
        "L0109 | filesystem { read deny \"/var/run/secrets\" RULE }",
        "L0109 | filesystem { read deny \"/tmp/secret\" RULE }",
        "W0902 | network { allow unix all RULE }",
        "W0904 | network { allow bind 8080 RULE }",
        "W0905 | network { allow \"*.s3.amazonaws.com\" RULE }",
    })
    void firesAndIsSilencedByBecause(String code, String block) {
        String body = block.replace("{ ", "{\n  ").replace("; ", "\n  ").replace(" }", "\n}");
        List<String> found = codes("srt 1\n" + body.replace("RULE", ""));
        assertTrue(found.contains(code), code + " expected in " + found + " for\n" + body);
        List<String> silenced = codes("srt 1\n" + body.replace("RULE", "because \"reviewed\""));
        assertTrue(!silenced.contains(code), code + " should be silenced: " + silenced);
    }

    @ParameterizedTest(name = "quiet: {0}")
    @CsvSource(delimiter = '|', value = {
        "filesystem { write allow \"./build\" }",
        "filesystem { write allow \".\"; protect \"**/.git/hooks\"; protect \"**/.git/config\" }",
        "filesystem { read deny \"/run/secrets\"; read deny \"/var/run/secrets\" }",
        "filesystem { read deny \"~/.aws\"; read allow \"~/.aws\" }",
        "network { allow \"registry.npmjs.org:443\" }",
        "network { allow unix \"/run/user/${uid}/my-app.sock\" }",
    })
    void safePoliciesAreQuiet(String block) {
        String body = block.replace("{ ", "{\n  ").replace("; ", "\n  ").replace(" }", "\n}");
        assertEquals(List.of(), codes("srt 1\n" + body), body);
    }

    @org.junit.jupiter.api.Test
    void stockPoliciesAreNotReported() {
        assertEquals(List.of(), codes("srt 1\ninclude std:default\ninclude std:workspace\n"));
    }
}
