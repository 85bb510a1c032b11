package dev.srt.runner.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit statuses, signals, stdio, process isolation and the CLI, with the real sandbox. */
class ProcessBehaviourTest {
    static Path home(String name, boolean asUser) throws Exception {
        Path h = Sandbox.fixture(name).resolve("home");
        Files.createDirectories(h.resolve("work"));
        Sandbox.exec(List.of("chmod", "-R", "a+rX", h.toString()));
        Sandbox.own(h, asUser);
        return h;
    }

    static Sandbox.Result srt(boolean asUser, Path home, byte[] stdin, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("srt"));
        a.addAll(List.of(args));
        return Sandbox.run(asUser, home, home.resolve("work"), stdin, a);
    }

    @Test
    void exitStatuses() throws Exception {
        Path h = home("exit", true);
        assertEquals(3, srt(true, h, null, "run", "--", "sh", "-c", "exit 3").status());
        assertEquals(0, srt(true, h, null, "run", "--", "true", "--bogus").status());
        assertEquals(143, srt(true, h, null, "run", "--", "sh", "-c", "kill -TERM $$").status());
        Sandbox.Result nf = srt(true, h, null, "run", "--", "no-such-command-srt");
        assertEquals(127, nf.status());
        assertEquals("srt: no-such-command-srt: command not found\n", nf.err());
        assertEquals(126, srt(true, h, null, "run", "--", "/etc/passwd").status());
        Sandbox.Result bogus = srt(true, h, null, "run", "--bogus", "--", "true");
        assertEquals(125, bogus.status());
        assertTrue(bogus.err().startsWith("srt: Unknown option: '--bogus'"), bogus.err());
        assertEquals(125, srt(true, h, null, "run").status());
        Sandbox.Result missing = srt(true, h, null, "run", "--policy", "/nonexistent/compiled.bin", "--", "true");
        assertEquals(125, missing.status());
        assertEquals("srt: policy file not found: /nonexistent/compiled.bin\n", missing.err());
        assertEquals(0, srt(true, h, null, "run", "-c", "test \"$0\" = /bin/sh").status());
    }

    /** bubblewrap takes at most 9000 arguments in all: up to that the command gets every one, past it srt says why. */
    @Test
    void longArgumentListsRunUpToBwrapsLimitAndAreRefusedPastItInOneLine() throws Exception {
        Path h = home("argmax", true);
        List<String> many = new ArrayList<>(List.of("run", "--", "sh", "-c", "echo $#", "sh"));
        for (int i = 0; i < 8000; i++) many.add("a" + i);
        Sandbox.Result ok = srt(true, h, null, many.toArray(new String[0]));
        assertEquals(0, ok.status(), ok.err());
        assertEquals("8000\n", ok.text());
        for (int i = 8000; i < 9000; i++) many.add("a" + i);
        Sandbox.Result r = srt(true, h, null, many.toArray(new String[0]));
        assertEquals(125, r.status(), r.err());
        assertTrue(r.err().startsWith("srt: the command has 9004 arguments") && r.err().contains("bubblewrap takes"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void stdioIsByteExact() throws Exception {
        Path h = home("stdio", true);
        byte[] data = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(data);
        Sandbox.Result r = srt(true, h, data, "run", "--", "cat");
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(data, r.out());
        Sandbox.Result e = srt(true, h, data, "run", "--", "sh", "-c", "cat >&2");
        assertEquals(0, e.status());
        assertArrayEquals(data, e.errBytes());
        assertEquals(0, e.out().length);
        // closed stdin stays closed (bin/srt sets SRT_STDIN_CLOSED and gives the JVM /dev/null)
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "SRT_STDIN_CLOSED=1 exec \"$@\" </dev/null", "sh"));
        cmd.addAll(Sandbox.command(true, h, List.of("srt", "run", "--", "sh", "-c", "cat; echo rc=$?")));
        Process p = new ProcessBuilder(cmd).directory(h.resolve("work").toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertTrue(out.contains("Bad file descriptor") && out.contains("rc=1"), out);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TERM", "HUP", "INT", "USR1"})
    void signalsReachTheCommandAndSrtWaits(String sig) throws Exception {
        Path h = home("sig-" + sig, true);
        List<String> cmd = Sandbox.command(true, h, List.of("srt", "run", "--", "sh", "-c",
            "trap 'echo got " + sig + "; exit 9' " + sig + "; echo ready; while :; do sleep 0.1; done"));
        Process p = new ProcessBuilder(cmd).directory(h.resolve("work").toFile()).start();
        String first = readLine(p);
        assertEquals("ready", first);
        long java = javaPid(p.toHandle()).orElseThrow();
        Sandbox.exec(List.of("kill", "-s", sig, Long.toString(java)));
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("got " + sig, readLine(p));
        assertEquals(9, p.exitValue());
    }

    @Test
    void sigkillOfSrtKillsTheSandboxAndNextRunCleansUp() throws Exception {
        Path h = home("kill", true);
        String marker = "31" + (System.nanoTime() % 100000);
        List<String> cmd = Sandbox.command(true, h, List.of("srt", "run", "--", "sh", "-c", "echo ready; exec sleep " + marker));
        Process p = new ProcessBuilder(cmd).directory(h.resolve("work").toFile()).start();
        assertEquals("ready", readLine(p));
        long java = javaPid(p.toHandle()).orElseThrow();
        assertTrue(waitFor(() -> sleepers(marker) > 0, 5000));
        Sandbox.exec(List.of("kill", "-KILL", Long.toString(java)));
        assertTrue(waitFor(() -> sleepers(marker) == 0 && countBwrap(marker) == 0, 1000), "sandbox still alive 1 s after SIGKILL");
        p.waitFor(10, TimeUnit.SECONDS);
        // the next run removes the dead run's directory
        assertEquals(0, srt(true, h, null, "run", "--", "true").status());
        String uid = Sandbox.ROOT ? idOf(Sandbox.USER) : dev.srt.runner.linux.Host.ids().uid();
        Path base = Path.of("/tmp/srt-" + uid);
        try (var s = Files.list(base)) {
            assertEquals(List.of(), s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith("run-")).toList());
        }
    }

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"user", "root"})
    void isolation(String who) throws Exception {
        boolean asUser = who.equals("user");
        assumeTrue(asUser || Sandbox.ROOT);
        Path h = home("iso-" + who, asUser);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long me = ProcessHandle.current().pid();
            String script = String.join("; ",
                "grep -E '^(NoNewPrivs|Seccomp|CapEff|CapBnd):' /proc/self/status",
                "echo procs=$(ls /proc | grep -c '^[0-9]')",
                "kill -0 " + me + " 2>/dev/null && echo SAW_HOST_PID",
                "socat -u /dev/null TCP:127.0.0.1:" + server.getLocalPort() + ",connect-timeout=2 2>/dev/null && echo NET",
                "python3 -c 'import socket; socket.socket(socket.AF_UNIX)' 2>&1 | grep -o 'Operation not permitted'",
                "python3 -c 'import socket; socket.socket(socket.AF_INET); print(\"inet ok\")'",
                "unshare -U true 2>/dev/null && echo NESTED_USERNS",
                "echo fds=$(ls /proc/self/fd | tr '\\n' ' ')",
                "true");
            Sandbox.Result r = srt(asUser, h, null, "run", "--", "sh", "-c", script);
            assertEquals(0, r.status(), r.err());
            String o = r.text();
            assertTrue(o.contains("NoNewPrivs:\t1"), o);
            assertTrue(o.contains("Seccomp:\t2"), o);
            assertTrue(o.contains("CapEff:\t0000000000000000"), o);
            assertTrue(o.contains("CapBnd:\t0000000000000000"), o);
            int procs = Integer.parseInt(o.replaceAll("(?s).*procs=(\\d+).*", "$1"));
            assertTrue(procs <= 6, o);
            assertFalse(o.contains("SAW_HOST_PID"), o);
            assertFalse(o.contains("NET"), o);
            assertTrue(o.contains("Operation not permitted"), o);
            assertTrue(o.contains("inet ok"), o);
            assertFalse(o.contains("NESTED_USERNS"), o);
            assertTrue(o.contains("fds=0 1 2 3\n"), "no descriptor but stdio reaches the command: " + o);
        }
    }

    @Test
    void defaultPolicy() throws Exception {
        Path h = Sandbox.fixture("default").resolve("home");
        Files.createDirectories(h.resolve(".ssh"));
        Files.writeString(h.resolve(".ssh/id_rsa"), "SECRET");
        Files.createDirectories(h.resolve("work"));
        Files.writeString(h.resolve("work/.bashrc"), "RC");
        Sandbox.exec(List.of("chmod", "-R", "a+rX", h.toString()));
        Sandbox.own(h, true);
        Sandbox.Result r = srt(true, h, null, "run", "--", "sh", "-c", String.join("; ",
            "cat ~/.ssh/id_rsa 2>/dev/null && echo LEAK",
            "echo x > made && echo wrote-cwd",
            "echo x > ~/outside 2>/dev/null && echo WROTE_HOME",
            "echo x >> .bashrc 2>/dev/null && echo WROTE_BASHRC",
            "echo x > \"$TMPDIR/t\" && echo wrote-tmp",
            "true"));
        assertEquals("wrote-cwd\nwrote-tmp\n", r.text(), r.err());
        assertEquals("RC", Files.readString(h.resolve("work/.bashrc")));
    }

    @Test
    void terminalUnderAPseudoTerminal() throws Exception {
        Path h = home("tty", true);
        // python3's pty module gives srt a controlling terminal; TIOCSTI must be refused by seccomp
        String inner = String.join(" ", Sandbox.command(true, h, List.of("srt", "run", "--", "python3", "-c",
            "import os,fcntl,termios; print('tty', os.isatty(0), os.isatty(1));\n"
                + "try:\n fcntl.ioctl(0, termios.TIOCSTI, b'x'); print('TIOCSTI allowed')\n"
                + "except OSError as e: print('TIOCSTI', e.errno)\n"
                + "print('size', os.get_terminal_size(0))")).stream().map(ProcessBehaviourTest::q).toList());
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
            "import pty,sys,os; os.chdir(sys.argv[2]); sys.exit(os.waitstatus_to_exitcode(pty.spawn(['/bin/sh','-c',sys.argv[1]])))",
            inner, h.resolve("work").toString()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String o = out.toString(StandardCharsets.UTF_8);
        assertTrue(o.contains("tty True True"), o);
        assertTrue(o.contains("TIOCSTI 1"), o);
        assertTrue(o.contains("size os.terminal_size"), o);
        assertEquals(0, p.exitValue(), o);
    }

    @Test
    void cliVersionHelpDoctor() throws Exception {
        Path h = home("cli", true);
        Sandbox.Result v = srt(true, h, null, "--version");
        assertEquals(0, v.status());
        assertTrue(v.text().startsWith("srt "), v.text());
        Sandbox.Result help = srt(true, h, null, "run", "--help");
        assertEquals(0, help.status());
        assertTrue(help.text().contains("--policy") && help.text().contains("--debug"), help.text());
        Sandbox.Result d = srt(true, h, null, "doctor");
        assertEquals(0, d.status(), d.text());
        assertTrue(d.text().contains("ok    user namespaces") || d.text().contains("ok  user namespaces"), d.text());
        // this machine kind: Linux 5.6+ and no Yama restriction beyond descendants (as an unprivileged user)
        assertTrue(d.text().contains("ok    direct relays (SRT_RELAYS=direct): available"), d.text());
        Sandbox.Result dbg = srt(true, h, null, "run", "--debug", "--", "true");
        assertTrue(dbg.err().contains("--args"), dbg.err());
        assertTrue(dbg.err().contains("--unshare-net") && dbg.err().contains("--add-seccomp-fd 4 --add-seccomp-fd 6"), dbg.err());
    }

    static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String idOf(String user) throws Exception {
        Process p = new ProcessBuilder("id", "-u", user).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    static String readLine(Process p) throws Exception {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = p.getInputStream().read()) >= 0 && c != '\n') b.append((char) c);
        return b.toString();
    }

    /** The java process started (directly or through runuser and env) by the test. */
    static Optional<Long> javaPid(ProcessHandle h) {
        if (h.info().command().map(c -> c.endsWith("/java")).orElse(false)) return Optional.of(h.pid());
        for (ProcessHandle c : h.children().toList()) {
            Optional<Long> r = javaPid(c);
            if (r.isPresent()) return r;
        }
        return Optional.empty();
    }

    static long sleepers(String marker) {
        return ProcessHandle.allProcesses().filter(ph -> {
            try {
                String cl = Files.readString(Path.of("/proc/" + ph.pid() + "/cmdline")).replace('\0', ' ');
                return cl.startsWith("sleep " + marker);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    /** bwrap processes still running the marked command. */
    static long countBwrap(String marker) {
        return ProcessHandle.allProcesses().filter(ph -> {
            try {
                String cl = Files.readString(Path.of("/proc/" + ph.pid() + "/cmdline")).replace('\0', ' ');
                return cl.contains("bwrap") && cl.contains("sleep " + marker);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    static boolean waitFor(java.util.function.BooleanSupplier cond, long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            if (cond.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return cond.getAsBoolean();
    }
}
