package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.runner.SrtException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The relays into a sandbox's network namespace, against a real bwrap sandbox (nested user
 * namespace, as srt makes it), and the /proc/net/tcp entry their readiness check looks for.
 */
class NetnsRelaysTest {
    @ParameterizedTest(name = "port {0}")
    @CsvSource({"3128, 0C38", "1080, 0438", "80, 0050", "1, 0001", "65535, FFFF", "43981, ABCD"})
    void listeningEntry(int port, String hex) {
        assertEquals(" 0100007F:" + hex + " 00000000:0000 0A ", NetnsRelays.listeningEntry(port));
    }

    /**
     * The relays' parent-death signal fires when the thread that started them ends (prctl(2)),
     * not when srt does: relays started from a thread that then ends must keep listening.
     */
    @Test
    void relaysOutliveTheThreadThatStartedThemAndStopOnClose(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bwrap not installed");
        List<Bridge> bridges = List.of(new Bridge(3128, dir.resolve("proxy.sock")), new Bridge(1080, dir.resolve("proxy.sock")));
        Process sandbox = new ProcessBuilder("/usr/bin/bwrap", "--die-with-parent", "--unshare-user", "--unshare-pid",
            "--unshare-net", "--disable-userns", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--json-status-fd", "1", "sleep", "120").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        NetnsRelays relays = null;
        try {
            long pid = childPid(sandbox);
            assertFalse(NetnsRelays.listening(pid, bridges));
            AtomicReference<Object> started = new AtomicReference<>();
            Thread starter = new Thread(() -> {
                try {
                    started.set(NetnsRelays.start(pid, bridges));
                } catch (SrtException | RuntimeException e) {
                    started.set(e);
                }
            }, "relay-starter");
            starter.start();
            starter.join();
            assertTrue(started.get() instanceof NetnsRelays, String.valueOf(started.get()));
            relays = (NetnsRelays) started.get();
            // Thread.join returns before the kernel thread is gone; its exit is what would fire the signal.
            while (threadNamed("relay-starter")) Thread.sleep(5);
            for (int i = 0; i < 20; i++) {
                assertTrue(NetnsRelays.listening(pid, bridges), "a relay died with the thread that started it");
                Thread.sleep(25);
            }
            relays.close();
            relays = null;
            assertFalse(NetnsRelays.listening(pid, List.of(bridges.get(0))));
            assertFalse(NetnsRelays.listening(pid, List.of(bridges.get(1))));
        } finally {
            if (relays != null) relays.close();
            sandbox.destroy();
            sandbox.waitFor();
        }
    }

    /** Loading libc through JNA must not make JNA run {@code ldconfig -p} (a process and 15-25 ms of start-up). */
    @Test
    void jnaIsToldItsSearchPathSoItRunsNoLdconfig() {
        NetnsOwner.preload();
        assertNotNull(System.getProperty(NetnsOwner.JNA_PATH_PROPERTY));
    }

    private static long childPid(Process bwrap) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(bwrap.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertNotNull(line, "bwrap wrote no status");
        int i = line.indexOf("\"child-pid\":");
        assertTrue(i >= 0, line);
        int s = i + "\"child-pid\":".length();
        while (line.charAt(s) == ' ') s++;
        int e = s;
        while (e < line.length() && Character.isDigit(line.charAt(e))) e++;
        return Long.parseLong(line.substring(s, e));
    }

    private static boolean threadNamed(String name) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.anyMatch(t -> {
                try {
                    return Files.readString(t.resolve("comm")).trim().equals(name);
                } catch (IOException gone) {
                    return false;
                }
            });
        }
    }
}
