package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.runner.SrtException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The relays' network namespace, made by a real bwrap with real socat relays to a real unix
 * socket, joined with the real nsenter; and the /proc/net/tcp entry the readiness check looks for.
 */
class RelayNamespaceTest {
    private static final RelayNamespace.Tools TOOLS = new RelayNamespace.Tools(Path.of("/usr/bin/bwrap"),
        Path.of("/usr/bin/nsenter"), Path.of("/usr/bin/socat"));

    @ParameterizedTest(name = "port {0}")
    @CsvSource({"3128, 0C38", "1080, 0438", "80, 0050", "1, 0001", "65535, FFFF", "43981, ABCD"})
    void listeningEntry(int port, String hex) {
        assertEquals(" 0100007F:" + hex + " 00000000:0000 0A ", RelayNamespace.listeningEntry(port));
    }

    /** One relay in the background per bridge but the last, which the shell becomes; arguments by position only. */
    @Test
    void keeperCommand() {
        Path sock = Path.of("/run/x/proxy.sock");
        List<String> two = RelayNamespace.keeperCommand(List.of(new Bridge(3128, sock), new Bridge(1080, sock)), TOOLS, false);
        assertEquals(List.of("/usr/bin/bwrap", "--unshare-user", "--unshare-net", "--unshare-pid", "--die-with-parent",
            "--new-session", "--dev-bind", "/", "/", "--json-status-fd", "1", "--", "/bin/sh", "-c",
            "exec 1>&2; \"${1}\" \"${2}\" \"${3}\" \"${4}\" \"${5}\" & exec \"${6}\" \"${7}\" \"${8}\" \"${9}\" \"${10}\"",
            "srt-relays",
            "/usr/bin/socat", "-b262144", "-t600", "TCP-LISTEN:3128,bind=127.0.0.1,reuseaddr,fork,backlog=1024", "UNIX-CONNECT:/run/x/proxy.sock,retry=5000,interval=0.001",
            "/usr/bin/socat", "-b262144", "-t600", "TCP-LISTEN:1080,bind=127.0.0.1,reuseaddr,fork,backlog=1024", "UNIX-CONNECT:/run/x/proxy.sock,retry=5000,interval=0.001"),
            two);
        List<String> one = RelayNamespace.keeperCommand(List.of(new Bridge(1080, sock)), TOOLS, true);
        assertFalse(one.contains("--unshare-user"), one.toString()); // as root the network namespace is joined directly
        assertEquals(List.of("--cap-drop", "ALL"), one.subList(1, 3));
        assertEquals("exec 1>&2; exec \"${1}\" \"${2}\" \"${3}\" \"${4}\" \"${5}\"", one.get(one.indexOf("-c") + 1));
        List<String> taking = RelayNamespace.keeperCommand(List.of(new Bridge(3128, sock), new Bridge(1080, sock)), TOOLS, false, true);
        assertEquals(two.subList(0, two.indexOf("-c") + 1), taking.subList(0, taking.indexOf("-c") + 1));
        assertEquals(two.subList(two.indexOf("-c") + 2, two.size()), taking.subList(taking.indexOf("-c") + 2, taking.size()));
        assertEquals("exec 1>&2; \"${1}\" \"${2}\" \"${3}\" \"${4}\" \"${5}\" & p0=$!; \"${6}\" \"${7}\" \"${8}\" \"${9}\" \"${10}\" & p1=$!;"
            + " if read -r _; then kill -STOP $p0 $p1; read -r c && [ \"$c\" = cont ] && kill -CONT $p0 $p1; fi; wait",
            taking.get(taking.indexOf("-c") + 1));
    }

    /**
     * The relays listen in a namespace that is not the caller's; a command started through the
     * join prefix is in it and reaches the unix socket through them; they outlive the thread that
     * started them (the parent-death signal is tied to the keeper's own thread) and stop on close.
     */
    @Test
    void relaysListenInTheirOwnNamespaceLeadToTheSocketAndStopOnClose(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TOOLS.bwrap()) && Files.isExecutable(TOOLS.socat()), "bwrap or socat not installed");
        Path sock = dir.resolve("proxy.sock");
        List<Bridge> bridges = List.of(new Bridge(3128, sock), new Bridge(1080, sock));
        boolean root = dev.srt.runner.linux.Host.ids().root();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            AtomicReference<Object> started = new AtomicReference<>();
            Thread starter = new Thread(() -> started.set(RelayNamespace.start(bridges, TOOLS, root, dir.resolve("relays.err"), false)),
                "relay-starter");
            starter.start();
            starter.join();
            RelayNamespace ns = (RelayNamespace) started.get();
            try {
                List<String> prefix = ns.joinPrefix();
                long pid = keeperPid(prefix);
                assertTrue(RelayNamespace.listening(pid, bridges));
                assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")), Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")));

                List<String> cmd = new ArrayList<>(prefix);
                cmd.addAll(List.of("sh", "-c", "readlink /proc/self/ns/net; echo hello | socat - TCP:127.0.0.1:1080"));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                SocketChannel c = server.accept();
                ByteBuffer b = ByteBuffer.allocate(64);
                while (b.position() < 6 && c.read(b) >= 0) {
                    // until the relayed line has come
                }
                c.write(ByteBuffer.wrap("back\n".getBytes(StandardCharsets.US_ASCII)));
                c.close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
                assertEquals("hello\n", new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII));
                assertEquals(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")) + "\nback\n", out);

                // Thread.join returns before the kernel thread is gone; its exit is what would fire the signal.
                while (threadNamed("relay-starter")) Thread.sleep(5);
                for (int i = 0; i < 10; i++) {
                    assertTrue(RelayNamespace.listening(pid, bridges), "the relays died with the thread that started them");
                    Thread.sleep(20);
                }
                ns.close();
                ns = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (Files.exists(Path.of("/proc/" + pid + "/net/tcp")) && System.nanoTime() < deadline) Thread.sleep(5);
                assertFalse(Files.exists(Path.of("/proc/" + pid + "/net/tcp")), "the relays outlived close() by a second");
            } finally {
                if (ns != null) ns.close();
            }
        }
    }

    /**
     * With the take: the keeper stops every relay once it listens (before the sandbox joins); the
     * claim brings the relay ports' sockets into this process, listening on the same ports in the
     * namespace (not the caller's); a connection from inside is accepted here, not relayed to the
     * unix socket; a second claim gets nothing.
     */
    @Test
    void takenSocketsAcceptInsideTheNamespaceAndTheirRelaysAreStopped(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TOOLS.bwrap()) && Files.isExecutable(TOOLS.socat()), "bwrap or socat not installed");
        Path sock = dir.resolve("proxy.sock");
        List<Bridge> bridges = List.of(new Bridge(3128, sock), new Bridge(1080, sock));
        try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             RelayNamespace ns = RelayNamespace.start(bridges, TOOLS, dev.srt.runner.linux.Host.ids().root(),
                 dir.resolve("relays.err"), true)) {
            unix.bind(UnixDomainSocketAddress.of(sock));
            unix.configureBlocking(false);
            List<String> prefix = ns.joinPrefix();
            long pid = keeperPid(prefix);
            assertEquals(List.of('T', 'T'), holderStates(pid), "the relays are stopped before the sandbox joins");
            java.util.Map<Integer, ServerSocketChannel> taken = ns.claimTaken(TimeUnit.SECONDS.toNanos(1));
            try {
                assertEquals(List.of(3128, 1080), new ArrayList<>(taken.keySet()));
                for (var e : taken.entrySet()) {
                    assertEquals(new java.net.InetSocketAddress("127.0.0.1", e.getKey()), e.getValue().getLocalAddress());
                }
                assertEquals(java.util.Map.of(), ns.claimTaken(0), "taken twice");

                List<String> cmd = new ArrayList<>(prefix);
                cmd.addAll(List.of("sh", "-c", "echo hello | socat - TCP:127.0.0.1:3128"));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                try (SocketChannel c = taken.get(3128).accept()) {
                    ByteBuffer b = ByteBuffer.allocate(64);
                    while (b.position() < 6 && c.read(b) >= 0) {
                        // until the line has come
                    }
                    assertEquals("hello\n", new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII));
                    c.write(ByteBuffer.wrap("back\n".getBytes(StandardCharsets.US_ASCII)));
                }
                assertEquals("back\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
                assertEquals(null, unix.accept(), "the connection went through a relay");
            } finally {
                for (ServerSocketChannel ch : taken.values()) ch.close();
            }
        }
    }

    /**
     * Where the sockets cannot be taken, the keeper lets the stopped relays run on and they serve,
     * the connection made while they were stopped first (it waited in the listen backlog).
     */
    @Test
    void resumedRelaysServeTheConnectionsThatWaited(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TOOLS.bwrap()) && Files.isExecutable(TOOLS.socat()), "bwrap or socat not installed");
        Path sock = dir.resolve("proxy.sock");
        try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             RelayNamespace ns = RelayNamespace.start(List.of(new Bridge(3128, sock)), TOOLS,
                 dev.srt.runner.linux.Host.ids().root(), dir.resolve("relays.err"), true)) {
            unix.bind(UnixDomainSocketAddress.of(sock));
            List<String> prefix = ns.joinPrefix();
            long pid = keeperPid(prefix);
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of("sh", "-c", "echo hello | socat - TCP:127.0.0.1:3128"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Thread.sleep(200);
            assertEquals(List.of('T'), holderStates(pid));
            ns.resumeRelays();
            try (SocketChannel c = unix.accept()) {
                ByteBuffer b = ByteBuffer.allocate(64);
                while (b.position() < 6 && c.read(b) >= 0) {
                    // until the relayed line has come
                }
                assertEquals("hello\n", new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII));
            }
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
    }

    /** A claim after close gets nothing; no socket of the relays is left open in this process. */
    @Test
    void nothingIsTakenAfterClose(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TOOLS.bwrap()) && Files.isExecutable(TOOLS.socat()), "bwrap or socat not installed");
        RelayNamespace ns = RelayNamespace.start(List.of(new Bridge(3128, dir.resolve("s"))), TOOLS,
            dev.srt.runner.linux.Host.ids().root(), dir.resolve("relays.err"), true);
        long pid = keeperPid(ns.joinPrefix());
        long inode = ListenerTake.listeningInode(Files.readString(Path.of("/proc/" + pid + "/net/tcp")), 3128);
        assertTrue(inode > 0);
        ns.close();
        assertEquals(java.util.Map.of(), ns.claimTaken(0));
        while (threadNamed("srt-take")) Thread.sleep(5); // a take under way closes what it took
        assertEquals(0, ownFdsNaming(inode), "a relay socket was left open");
    }

    /** Without the take, nothing is taken and the relays run. */
    @Test
    void withoutTheTakeTheRelaysServe(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TOOLS.bwrap()) && Files.isExecutable(TOOLS.socat()), "bwrap or socat not installed");
        try (RelayNamespace ns = RelayNamespace.start(List.of(new Bridge(3128, dir.resolve("s"))), TOOLS,
            dev.srt.runner.linux.Host.ids().root(), dir.resolve("relays.err"), false)) {
            long pid = keeperPid(ns.joinPrefix());
            assertEquals(java.util.Map.of(), ns.claimTaken(0));
            assertNotEquals(List.of('T'), holderStates(pid));
        }
    }

    /** The states (proc(5) stat field 3) of the keeper's socat processes. */
    private static List<Character> holderStates(long pid) throws IOException {
        List<Character> out = new ArrayList<>();
        List<String> pids = new ArrayList<>();
        for (ProcessHandle h : ProcessHandle.of(pid).orElseThrow().descendants().toList()) {
            if (Files.readString(Path.of("/proc/" + h.pid() + "/comm")).trim().equals("socat")) pids.add(Long.toString(h.pid()));
        }
        for (String p : pids) {
            String stat = Files.readString(Path.of("/proc/" + p + "/stat"));
            out.add(stat.charAt(stat.lastIndexOf(')') + 2));
        }
        return out;
    }

    private static long ownFdsNaming(long inode) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(f -> {
                try {
                    return Files.readSymbolicLink(f).toString().equals("socket:[" + inode + "]");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    /** A relay that cannot start (its socat is not a program) is reported, with the keeper's reason, not waited for. */
    @Test
    void aKeeperThatFailsIsReported(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TOOLS.bwrap()), "bwrap not installed");
        RelayNamespace.Tools broken = new RelayNamespace.Tools(TOOLS.bwrap(), TOOLS.nsenter(), dir.resolve("no-socat"));
        long t0 = System.nanoTime();
        try (RelayNamespace ns = RelayNamespace.start(List.of(new Bridge(3128, dir.resolve("s"))), broken,
            dev.srt.runner.linux.Host.ids().root(), dir.resolve("relays.err"), true)) {
            SrtException e = org.junit.jupiter.api.Assertions.assertThrows(SrtException.class, ns::joinPrefix);
            assertTrue(e.getMessage().contains("network relays"), e.getMessage());
            assertTrue(e.getMessage().contains("no-socat"), e.getMessage()); // the shell's own complaint
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(4), "waited for the timeout instead");
    }

    private static long keeperPid(List<String> prefix) {
        String net = prefix.stream().filter(a -> a.startsWith("--net=/proc/")).findFirst().orElseThrow();
        return Long.parseLong(net.substring("--net=/proc/".length(), net.indexOf("/ns/net")));
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
