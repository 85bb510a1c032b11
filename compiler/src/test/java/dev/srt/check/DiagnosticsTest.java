package dev.srt.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.diag.Diagnostic;
import dev.srt.testkit.Compile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gives the right code at the right place, with help. One row per mistake. */
class DiagnosticsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        missing header                  | filesystem {\\n}                                          | E0001 | 1 | 1
        future version                  | srt 2                                                     | E0101 | 1 | 1
        unknown block                   | srt 1\\nfilesytem {\\n}                                   | E0001 | 2 | 1
        unterminated string             | srt 1\\nfilesystem {\\n  read deny "~/.ssh\\n}            | E0003 | 3 | 13
        stray character                 | srt 1\\n@                                                 | E0001 | 2 | 1
        unknown escape                  | srt 1\\nfilesystem {\\n  read deny "a\\qb"\\n}           | E0005 | 3 | 15
        unknown variable                | srt 1\\nfilesystem {\\n  read deny "${hom}/.ssh"\\n}      | E0402 | 3 | 13
        unknown constant                | srt 1\\nfilesystem {\\n  read deny secrets\\n}            | E0401 | 3 | 13
        tilde user                      | srt 1\\nfilesystem {\\n  read deny "~bob/x"\\n}           | E0502 | 3 | 13
        star star inside a segment      | srt 1\\nfilesystem {\\n  read deny "/a/b**"\\n}           | E0502 | 3 | 13
        unclosed bracket                | srt 1\\nfilesystem {\\n  read deny "/a/[bc"\\n}           | E0502 | 3 | 13
        two read defaults               | srt 1\\nfilesystem {\\n  read default deny\\n  read default allow\\n} | E0501 | 4 | 3
        unprotect nothing               | srt 1\\nfilesystem {\\n  unprotect "**/.bashrc"\\n}       | E0503 | 3 | 13
        bad host                        | srt 1\\nnetwork {\\n  allow "exa mple.com"\\n}            | E0602 | 3 | 9
        allow star                      | srt 1\\nnetwork {\\n  allow "*"\\n}                       | E0603 | 3 | 9
        tld wildcard                    | srt 1\\nnetwork {\\n  allow "*.com"\\n}                   | E0602 | 3 | 9
        bad port                        | srt 1\\nnetwork {\\n  allow "a.com:70000"\\n}             | E0602 | 3 | 9
        cidr host bits                  | srt 1\\nnetwork {\\n  allow "10.1.2.3/8"\\n}              | E0602 | 3 | 9
        proxy kind                      | srt 1\\nnetwork {\\n  proxy htp "127.0.0.1:8080"\\n}      | E0606 | 3 | 9
        bind port range                 | srt 1\\nnetwork {\\n  allow bind 0\\n}                    | E0605 | 3 | 14
        unknown errno                   | srt 1\\nsyscalls {\\n  errno EPERMS ptrace\\n}            | E0709 | 3 | 9
        unknown argument                | srt 1\\nsyscalls {\\n  errno EPERM socket(family == 1)\\n} | E0703 | 3 | 22
        unknown constant in condition   | srt 1\\nsyscalls {\\n  errno EPERM socket(domain == AF_UNX)\\n} | E0704 | 3 | 32
        mask never holds                | srt 1\\nsyscalls {\\n  errno EPERM clone(flags & 1 == 3)\\n} | E0707 | 3 | 21
        unknown capability              | srt 1\\nsyscalls {\\n  errno EPERM ptrace unless magic\\n} | E0705 | 3 | 29
        foreign arch allow              | srt 1\\nsyscalls {\\n  foreign-arch allow\\n}             | E0706 | 3 | 16
        unknown sandbox switch          | srt 1\\nsandbox {\\n  allow-ptys\\n}                      | E1001 | 3 | 3
        sandbox switch with value       | srt 1\\nsandbox {\\n  allow-pty "yes"\\n}                 | E1002 | 3 | 13
        bad env name                    | srt 1\\nenvironment {\\n  unset "A-B"\\n}                 | E0802 | 3 | 9
        expect connect without port     | srt 1\\nexpect deny connect "a.com"                       | E1103 | 2 | 21
        redefined constant              | srt 1\\nlet a = "x"\\nlet a = "y"                         | E0405 | 3 | 5
        reserved constant               | srt 1\\nlet home = "x"                                    | E0404 | 2 | 5
        unknown stock policy            | srt 1\\ninclude std:defualt                               | E0303 | 2 | 1
        missing include                 | srt 1\\ninclude "nope.srt"                                | E0301 | 2 | 1
        """)
    void reportsMistake(String what, String source, String code, int line, int col) {
        List<Diagnostic> errors = Compile.errors(source.replace("\\n", "\n"));
        assertFalse(errors.isEmpty(), what + ": no error");
        Diagnostic d = errors.get(0);
        assertEquals(code, d.code(), what + ": " + Compile.codes(errors));
        assertEquals(line, d.span().line(), what + " line: " + Compile.codes(errors));
        assertEquals(col, d.span().col(), what + " column: " + Compile.codes(errors));
        assertTrue(d.help() != null && !d.help().isBlank(), what + ": no help");
    }

    @org.junit.jupiter.api.Test
    void reportsManyErrorsSortedAndCappedAtTen() {
        StringBuilder b = new StringBuilder("srt 1\nfilesystem {\n");
        for (int i = 0; i < 25; i++) b.append("  read deny \"${nope").append(i).append("}\"\n");
        b.append("}\n");
        List<Diagnostic> errors = Compile.errors(b.toString());
        assertEquals(Frontend.ERROR_LIMIT, errors.size());
        for (int i = 1; i < errors.size(); i++) assertTrue(errors.get(i - 1).span().line() < errors.get(i).span().line());
    }

    @org.junit.jupiter.api.Test
    void suggestsTheClosestName() {
        Diagnostic d = Compile.errors("srt 1\nsandbox {\n  allow-ptys\n}\n").get(0);
        assertEquals("did you mean `allow-pty`?", d.help());
        Diagnostic e = Compile.errors("srt 1\ninclude std:defualt\n").get(0);
        assertEquals("did you mean `std:default`?", e.help());
    }

    @org.junit.jupiter.api.Test
    void warnsAboutDangerousGrantsUnlessJustified() {
        var r = Compile.frontend("srt 1\nfilesystem {\n  write allow \"~\"\n}\nnetwork {\n  allow unix all\n  allow bind 3000\n"
            + "  allow unix \"/var/run/docker.sock\"\n  allow \"*.amazonaws.com\"\n}\n");
        List<String> codes = r.diagnostics().stream().map(Diagnostic::code).toList();
        assertEquals(List.of("W0901", "W0902", "W0904", "W0903", "W0905"), codes);
        var quiet = Compile.frontend("srt 1\nfilesystem {\n  write allow \"~\" because \"a dotfiles manager\"\n}\n");
        assertTrue(quiet.diagnostics().isEmpty(), Compile.codes(quiet.diagnostics()));
    }
}
