package dev.srt.runner.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.runner.policy.LoadedPolicy;
import dev.srt.runner.policy.PolicySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole macOS launch path of {@code srt run}, run on Linux. There is no Mac here, so two
 * stand-ins take the place of macOS's programs (everything else is the real code, with real
 * child processes and real proxies): a {@code sandbox-exec} that checks its arguments
 * ({@code -f PROFILE}, {@code -D NAME=VALUE} for every parameter the profile uses, {@code --})
 * and then execs the command without any sandbox, and a {@code log} that replays the recorded
 * denial lines of {@code src/test/resources/macos/} with this run's tag. What Seatbelt itself
 * does with the profile is proven elsewhere (SeatbeltMatchesEvaluatorTest) and must still be
 * confirmed on a Mac (docs/macos.md).
 */
class MacRunnerTest {
    private static final String STD = "srt 1\ninclude std:default\n";
    /** A stand-in failure: never a status the tests expect. */
    private static final int STAND_IN_FAILED = 90;

    @TempDir
    Path dir;
    private Path home;
    private Path rec;
    private Path sandboxExec;
    private Path log;

    @BeforeEach
    void standIns() throws IOException {
        home = Files.createDirectory(dir.resolve("home")).toRealPath();
        rec = dir.resolve("invocation");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        // The recorded stream names /Users/alice; this run's home stands in for it.
        String recorded = Files.readString(Path.of("src/test/resources/macos/log-stream-sample.ndjson"));
        Path replay = Files.writeString(dir.resolve("replay.ndjson"), recorded.replace("\\/Users\\/alice", home.toString()));
        sandboxExec = script(bin.resolve("sandbox-exec"), String.join("\n",
            "#!/bin/sh",
            "rec='" + rec + "'",
            "fail() { echo \"stand-in sandbox-exec: $*\" >&2; exit " + STAND_IN_FAILED + "; }",
            "[ \"$1\" = -f ] || fail 'expected -f PROFILE'",
            "profile=$2; shift 2",
            "[ -f \"$profile\" ] || fail \"no profile file $profile\"",
            "echo \"profile $profile\" > \"$rec\"",
            "cp \"$profile\" \"$rec.sb\"",
            "defined=' '",
            "while [ \"$1\" = -D ]; do",
            "  case \"$2\" in [A-Z]*=*) ;; *) fail \"bad parameter $2\";; esac",
            "  echo \"param $2\" >> \"$rec\"; defined=\"$defined${2%%=*} \"; shift 2",
            "done",
            "[ \"$1\" = -- ] || fail \"expected -- , got $1\"",
            "shift",
            "for name in $(grep -o '(param \"[A-Z0-9_]*\")' \"$profile\" | sed 's/(param \"\\(.*\\)\")/\\1/' | sort -u); do",
            "  case \"$defined\" in *\" $name \"*) ;; *) fail \"parameter $name is used but not defined\";; esac",
            "done",
            "for a in \"$@\"; do echo \"arg $a\" >> \"$rec\"; done",
            "exec \"$@\"",
            ""));
        log = script(bin.resolve("log"), String.join("\n",
            "#!/bin/sh",
            "[ \"$1\" = stream ] || exit 91",
            "pred=''",
            "while [ $# -gt 0 ]; do [ \"$1\" = --predicate ] && pred=$2; shift; done",
            "tag=$(printf '%s' \"$pred\" | sed -n 's/^eventMessage CONTAINS \"\\(srt-[0-9a-f]\\{16\\}\\)\"$/\\1/p')",
            "[ -n \"$tag\" ] || exit 91",
            "echo \"$tag\" > '" + rec + ".tag'",
            "sed \"s/srt-0123456789abcdef/$tag/g\" '" + replay + "'",
            "exec sleep 600", // log stream runs until srt stops it
            ""));
    }

    private static Path script(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    record Result(int status, String stderr, List<String> invocation, Map<String, String> params) {
        Path profile() {
            return Path.of(invocation.get(0).substring("profile ".length()));
        }

        List<String> args() {
            return invocation.stream().filter(l -> l.startsWith("arg ")).map(l -> l.substring(4)).toList();
        }
    }

    private Result run(String policy, String... command) throws Exception {
        return run(Map.of(), policy, command);
    }

    private Result run(Map<String, String> extraEnv, String policy, String... command) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.srt"), policy);
        LoadedPolicy lp = PolicySource.load(file);
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("USER", "tester");
        env.put("AWS_SECRET_ACCESS_KEY", "not-for-the-command");
        env.putAll(extraEnv);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MacRunner.Options o = new MacRunner.Options(sandboxExec.toString(), log.toString(), env, Duration.ofMillis(100));
        int rc = MacRunner.run(lp, List.of(command), false, new PrintStream(err, true, StandardCharsets.UTF_8), o);
        List<String> inv = Files.exists(rec) ? Files.readAllLines(rec) : List.of();
        Map<String, String> params = new HashMap<>();
        for (String l : inv) {
            if (l.startsWith("param ")) params.put(l.substring(6, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        }
        return new Result(rc, err.toString(StandardCharsets.UTF_8), inv, params);
    }

    private void assertRunDirGone(Result r) {
        assertTrue(r.invocation().size() > 0, "sandbox-exec was started: " + r.stderr());
        assertFalse(Files.exists(r.profile().getParent()), "the run directory is removed: " + r.profile().getParent());
    }

    @Test
    void theCommandAndItsArgumentsArePassedExactlyAfterTheProfileAndEveryParameter() throws Exception {
        Path out = dir.resolve("out");
        Result r = run(STD, "/bin/sh", "-c", "for a; do printf '[%s]' \"$a\"; done > \"$0\"", out.toString(),
            "a b", "", "*", "$HOME", "-D", "--", "x\ty");
        assertEquals(0, r.status(), r.stderr());
        assertEquals("[a b][][*][$HOME][-D][--][x\ty]", Files.readString(out));
        assertEquals(List.of("/bin/sh", "-c", "for a; do printf '[%s]' \"$a\"; done > \"$0\"", out.toString(),
            "a b", "", "*", "$HOME", "-D", "--", "x\ty"), r.args());
        assertEquals(home.toString(), r.params().get("HOME"));
        assertEquals(Path.of("").toAbsolutePath().toRealPath().toString(), r.params().get("CWD"));
        String tmp = r.params().get("TMPDIR");
        assertTrue(tmp.startsWith(r.profile().getParent().toString() + "/"), "the private TMPDIR is inside the run directory: " + tmp);
        assertEquals(Files.readString(dir.resolve("invocation.tag")).trim(), r.params().get("SRT_LOG_TAG"),
            "the log follower selects the tag the profile logs");
        assertTrue(Files.readString(dir.resolve("invocation.sb")).contains("(version 1)"));
        assertRunDirGone(r);
    }

    @Test
    void theProfileHidesOtherRunsAndGrantsThePrivateTmpdir() throws Exception {
        Result r = run(STD, "true");
        assertEquals(0, r.status(), r.stderr());
        String profile = Files.readString(dir.resolve("invocation.sb"));
        String base = r.profile().getParent().getParent().toString();
        // Seatbelt sees /tmp as /private/tmp (docs/macos.md, "macOS paths").
        String seen = base.matches("/(tmp|var|etc)(/.*)?") ? "/private" + base : base;
        assertTrue(profile.contains("; read deny \"" + base + "\" at <builtin>"), profile);
        assertTrue(profile.contains("(deny file-read* (subpath \"" + seen + "\")"), "other runs' directories: " + base);
        String tmp = r.params().get("TMPDIR");
        assertTrue(profile.contains("; write allow \"" + tmp + "\" at <builtin>"), profile);
    }

    @Test
    void theCommandGetsThePolicysEnvironmentAndNoProxiesWithoutNetwork() throws Exception {
        Path out = dir.resolve("env");
        Result r = run(STD + "environment {\n  unset \"AWS_*\"\n  set \"FOO\" = \"bar\"\n}\n", "/bin/sh", "-c", "env > \"$0\"", out.toString());
        assertEquals(0, r.status(), r.stderr());
        String env = Files.readString(out);
        assertTrue(env.contains("FOO=bar\n"), env);
        assertFalse(env.contains("AWS_SECRET_ACCESS_KEY"), env);
        assertTrue(env.contains("TMPDIR=" + r.params().get("TMPDIR") + "\n"), env);
        for (String v : List.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")) {
            assertFalse(env.contains(v + "="), v + " without network: " + env);
        }
        assertEquals("0", r.params().get("HTTP_PROXY_PORT"));
        assertRunDirGone(r);
    }

    @Test
    void aNetworkPolicyStartsTheProxiesOnLoopbackWithTheRunsSecret() throws Exception {
        Path out = dir.resolve("env");
        Path code = dir.resolve("code");
        // Through the proxy to a host the policy does not allow: the proxy refuses (403) before any name
        // lookup and reports it. curl uses the proxy variables srt set, with the run's secret.
        Result r = run(STD + "network {\n  allow \"example.com\"\n}\n", "/bin/sh", "-c",
            "env > \"$0\"; curl -s -o /dev/null -w '%{http_code}' http://denied.example/ > \"$1\"", out.toString(), code.toString());
        assertEquals(0, r.status(), r.stderr());
        String env = Files.readString(out);
        String port = r.params().get("HTTP_PROXY_PORT");
        assertNotEquals("0", port);
        assertEquals(port, r.params().get("SOCKS_PROXY_PORT"), "one port serves both protocols");
        assertTrue(java.util.regex.Pattern.compile("(?m)^HTTPS_PROXY=http://srt:[0-9a-f]+@127\\.0\\.0\\.1:" + port + "$").matcher(env).find(), env);
        assertTrue(java.util.regex.Pattern.compile("(?m)^ALL_PROXY=socks5h://srt:[0-9a-f]+@127\\.0\\.0\\.1:" + port + "$").matcher(env).find(), env);
        assertEquals("403", Files.readString(code), "the proxy answered and refused");
        assertTrue(r.stderr().contains("srt: 1 network connection was refused:"), r.stderr());
        assertTrue(r.stderr().contains("srt: blocked network denied.example:80 "), r.stderr());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 2000);
            throw new AssertionError("the proxy still listens after the run");
        } catch (IOException expected) {
            // closed with the run
        }
        assertRunDirGone(r);
    }

    @Test
    void aClosedStdinStaysClosedForTheCommand() throws Exception {
        Path out = dir.resolve("stdin");
        String probe = "[ -e /proc/$$/fd/0 ] && echo open > \"$0\" || echo closed > \"$0\"; env > \"$0.env\"";
        Result closed = run(Map.of("SRT_STDIN_CLOSED", "1"), STD, "/bin/sh", "-c", probe, out.toString());
        assertEquals(0, closed.status(), closed.stderr());
        assertEquals("closed\n", Files.readString(out));
        assertFalse(Files.readString(dir.resolve("stdin.env")).contains("SRT_STDIN_CLOSED"));
        Result open = run(STD, "/bin/sh", "-c", probe, out.toString());
        assertEquals(0, open.status(), open.stderr());
        assertEquals("open\n", Files.readString(out));
    }

    @Test
    void anExternalProxyIsReachedDirectlyAndSrtStartsNoProxy() throws Exception {
        Path out = dir.resolve("env");
        Result r = run(STD + "network {\n  proxy http \"127.0.0.1:3128\"\n}\n", "/bin/sh", "-c", "env > \"$0\"", out.toString());
        assertEquals(0, r.status(), r.stderr());
        String env = Files.readString(out);
        assertTrue(env.contains("\nHTTPS_PROXY=http://127.0.0.1:3128\n") || env.startsWith("HTTPS_PROXY=http://127.0.0.1:3128\n"), env);
        assertTrue(env.contains("ALL_PROXY=http://127.0.0.1:3128\n"), env);
        assertEquals("0", r.params().get("HTTP_PROXY_PORT"), "no srt proxy");
        assertTrue(Files.readString(dir.resolve("invocation.sb")).contains("(remote tcp \"localhost:3128\")"));
        assertRunDirGone(r);
    }

    /**
     * srt's signal handlers (the Linux runner's {@code Signals}, reused) forward a signal sent to
     * srt to the command, whose pid is sandbox-exec's. The handlers are installed in this test JVM
     * for the test only; the JVM's own handlers are put back afterwards.
     */
    @Test
    void aSignalSentToSrtIsForwardedToTheCommand() throws Exception {
        Path out = dir.resolve("signal");
        Path ready = dir.resolve("ready");
        List<String> names = List.of("TERM", "INT", "HUP", "WINCH", "USR1", "USR2");
        Map<String, sun.misc.SignalHandler> saved = new HashMap<>();
        for (String n : names) saved.put(n, sun.misc.Signal.handle(new sun.misc.Signal(n), sun.misc.SignalHandler.SIG_DFL));
        try {
            dev.srt.runner.linux.Signals.install();
            java.util.concurrent.atomic.AtomicReference<Result> result = new java.util.concurrent.atomic.AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    result.set(run(STD, "/bin/sh", "-c",
                        "trap 'echo got-usr1 > \"$0\"; exit 0' USR1; echo > \"$1\"; while :; do sleep 0.05; done",
                        out.toString(), ready.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            for (int i = 0; i < 2000 && !Files.exists(ready); i++) Thread.sleep(10);
            assertTrue(Files.exists(ready), "the command started");
            new ProcessBuilder("/bin/sh", "-c", "kill -s USR1 " + ProcessHandle.current().pid()).start().waitFor();
            t.join(60_000);
            assertFalse(t.isAlive(), "srt returned once the command ended");
            assertEquals(0, result.get().status(), result.get().stderr());
            assertEquals("got-usr1\n", Files.readString(out));
        } finally {
            dev.srt.runner.linux.Signals.target(() -> -1);
            for (String n : names) sun.misc.Signal.handle(new sun.misc.Signal(n), saved.get(n));
        }
    }

    @Test
    void theCommandsOwnExitStatusIsSrts() throws Exception {
        Result r = run(STD, "/bin/sh", "-c", "exit 7");
        assertEquals(7, r.status(), r.stderr());
        assertRunDirGone(r);
    }

    @Test
    void aCommandKilledBySignalNGives128PlusN() throws Exception {
        assertEquals(128 + 15, run(STD, "/bin/sh", "-c", "kill -TERM $$").status());
        Result r = run(STD, "/bin/sh", "-c", "kill -KILL $$");
        assertEquals(128 + 9, r.status());
        assertRunDirGone(r);
    }

    @Test
    void aMissingCommandIs127AndANonExecutableOne126WithoutStartingSandboxExec() throws Exception {
        Result missing = run(STD, "srt-no-such-command");
        assertEquals(127, missing.status());
        assertEquals("srt: srt-no-such-command: command not found\n", missing.stderr());
        assertTrue(missing.invocation().isEmpty());
        Path plain = Files.writeString(dir.resolve("plain"), "echo hi\n");
        Result notExec = run(STD, plain.toString());
        assertEquals(126, notExec.status());
        assertTrue(notExec.stderr().contains("Permission denied"), notExec.stderr());
        assertTrue(notExec.invocation().isEmpty());
    }

    @Test
    void aPolicyWithoutASeatbeltProfileIsRefusedWith125() throws Exception {
        Path file = Files.writeString(dir.resolve("policy.srt"), STD);
        LoadedPolicy lp = PolicySource.load(file);
        Map<String, byte[]> sections = new HashMap<>(lp.sections());
        sections.remove("seatbelt");
        LoadedPolicy stripped = new LoadedPolicy(lp.bwrap(), lp.seccomp(), lp.env(), lp.origin(), sections);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = MacRunner.run(stripped, List.of("true"), false, new PrintStream(err, true, StandardCharsets.UTF_8),
            new MacRunner.Options(sandboxExec.toString(), log.toString(), Map.of("HOME", home.toString()), Duration.ZERO));
        assertEquals(125, rc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("has no Seatbelt profile"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(rec), "nothing was started");
    }

    @Test
    void replayedDenialsAreSummarisedWithTheirRulesAndIgnoreRulesApplied() throws Exception {
        Result all = run(STD, "true");
        assertEquals(0, all.status(), all.stderr());
        String s = all.stderr();
        assertTrue(s.startsWith("srt: 10 operations were refused by the sandbox:\n"), s);
        assertTrue(s.contains("srt: blocked file-read-data " + home + "/.ssh/id_rsa read deny \"${home}/.ssh\" (std:default:"), s);
        assertTrue(s.contains("srt: blocked file-read-data " + home + "/.aws/credentials read deny \"${home}/.aws\" (std:default:"), s);
        assertTrue(s.contains("srt: blocked network-outbound 140.82.112.3:443 " + ViolationMapper.DIRECT_NETWORK_RULE), s);
        assertTrue(s.contains("srt: blocked mach-lookup com.apple.mDNSResponder " + ViolationMapper.DEFAULT_RULE), s);
        assertFalse(s.contains("python3(999)") || s.contains("mdworker") || s.contains("/notes"), "other runs, untagged and allow lines: " + s);

        Result ignoring = run(STD + "violations {\n  ignore \".aws/credentials\" for \"*\"\n}\n", "true");
        String t = ignoring.stderr();
        assertTrue(t.startsWith("srt: 9 operations were refused by the sandbox:\n"), t);
        assertFalse(t.contains(".aws/credentials"), t);
        assertTrue(t.contains("/.ssh/id_rsa"), t);

        Result otherCommand = run(STD + "violations {\n  ignore \".aws/credentials\" for \"git *\"\n}\n", "true");
        assertTrue(otherCommand.stderr().contains(".aws/credentials"), "the ignore rule is for git only: " + otherCommand.stderr());
        assertRunDirGone(ignoring);
    }

    @Test
    void withoutLogTheCommandStillRunsAndSrtSaysViolationsAreNotReported() throws Exception {
        Path file = Files.writeString(dir.resolve("policy.srt"), STD);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = MacRunner.run(PolicySource.load(file), List.of("/bin/sh", "-c", "exit 3"), false,
            new PrintStream(err, true, StandardCharsets.UTF_8), new MacRunner.Options(sandboxExec.toString(),
                dir.resolve("no-log").toString(), Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"), Duration.ZERO));
        assertEquals(3, rc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("violations will not be reported"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void otherSystemsAreRefusedWith125() {
        String os = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Plan 9");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = dev.srt.runner.Runner.run(null, List.of("true"), false, new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(125, rc);
            assertEquals("srt: sandboxes run on Linux and macOS only, not on Plan 9\n", err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setProperty("os.name", os);
        }
    }
}
