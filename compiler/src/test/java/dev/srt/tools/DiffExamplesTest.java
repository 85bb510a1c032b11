package dev.srt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.testkit.Compile;
import dev.srt.tools.diff.PolicyDiff;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Readable examples: a change, the verdict and a permission the diff must show with its example. */
class DiffExamplesTest {
    static String policy(String body) {
        return "srt 1\n" + body.replace("; ", "\n") + "\n";
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // old body | new body | verdict | a line of the output (GRANTED/REVOKED/CHANGED example)
        "filesystem {; write allow \".\"; protect \"**/.bashrc\"; } | filesystem {; write allow \".\"; } | broadens | GRANTED write \"/home/user/work/.bashrc\"",
        "filesystem {; write allow \".\"; } | filesystem {; write allow \".\"; write deny \"**/*.pem\"; } | narrows | REVOKED write \"/home/user/work/x.pem\"",
        "filesystem {; read deny \"~/.ssh\"; } | filesystem {; read deny \"~/.ssh\"; read allow \"~/.ssh/known_hosts\"; } | broadens | GRANTED read \"/home/user/.ssh/known_hosts\"",
        "filesystem {; read default deny; read allow \"/usr\"; } | filesystem {; read default deny; read allow \"/usr\", \"/etc\"; } | broadens | GRANTED read \"/etc\"",
        "network {; allow \"a.com:443\"; } | network {; allow \"*.a.com:443\"; } | mixed | GRANTED connect \"x.a.com:443\"",
        "network {; allow \"*.a.com\"; } | network {; allow \"*.a.com\"; deny \"evil.a.com\"; } | narrows | REVOKED connect \"evil.a.com:80\"",
        "network {; allow \"10.0.0.0/8\"; } | network {; allow \"10.0.0.0/16\"; } | narrows | REVOKED connect \"10.1.0.0:80\"",
        "network {; allow \"a.com:443\"; } | network {; allow \"a.com\"; } | broadens | GRANTED connect \"a.com:80\"",
        "network {; allow unix \"/run/a.sock\"; } | network {; allow unix all; } | broadens | GRANTED unix \"/run\"",
        "network {; allow bind 8080; } | network {; allow bind 8080, 9090; } | broadens | GRANTED bind 9090",
        "syscalls {; errno EPERM ptrace; } | syscalls {; kill-process ptrace; } | equivalent | CHANGED syscall ptrace(0, 0, 0, 0, 0, 0)",
        "syscalls {; errno EPERM socket(domain == AF_UNIX); } | syscalls {; errno EPERM socket(domain == AF_INET); } | mixed | GRANTED syscall socket(1, 0, 0, 0, 0, 0)",
        "syscalls {; errno EPERM clone(flags & CLONE_NEWUSER == CLONE_NEWUSER); } | syscalls {; } | broadens | GRANTED syscall clone(0x10000000, 0, 0, 0, 0, 0)",
        "environment {; unset \"AWS_*\"; } | environment {; } | broadens | GRANTED environment variable AWS_X",
        "sandbox {; } | sandbox {; nested-userns; } | broadens | GRANTED sandbox switch nested-userns",
        "syscalls {; } | syscalls {; foreign-arch errno EPERM; } | equivalent | CHANGED foreign-arch calls (another architecture's system calls)",
        "network {; allow \"a.com\"; } | network {; allow \"a.com\"; proxy http \"127.0.0.1:3128\"; } | equivalent | CHANGED proxy (where connections go)",
        "filesystem {; write allow \"./build\"; } | filesystem {; write allow \"./build/\"; } | equivalent | ",
    })
    void showsTheChange(String oldBody, String newBody, String verdict, String line) {
        PolicyDiff.Result r = PolicyDiff.diff(Compile.ok(policy(oldBody)), Compile.ok(policy(newBody)));
        List<String> shown = Stream.of(
                r.granted().stream().map(g -> "GRANTED " + g.example()),
                r.revoked().stream().map(g -> "REVOKED " + g.example()),
                r.changed().stream().map(g -> "CHANGED " + g.example()))
            .flatMap(s -> s).collect(Collectors.toList());
        assertEquals(verdict, r.verdict(), shown.toString());
        if (line != null) assertTrue(shown.contains(line), line + " not in " + shown);
    }
}
