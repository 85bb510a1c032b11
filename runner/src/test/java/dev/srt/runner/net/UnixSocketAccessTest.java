package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxies as the sandbox uses them: a unix socket in a private directory, reached through
 * socat bridges. Only the sandboxed command can use them: another user cannot open the socket,
 * a host process of the same user lacks the secret. And inside a real empty network namespace
 * (bwrap --unshare-net) the bridge script makes curl work through the proxy and nothing else.
 */
class UnixSocketAccessTest {
    static TestServers servers;
    static int port;
    @TempDir
    Path tmp;

    @BeforeAll
    static void up() throws Exception {
        servers = new TestServers();
        port = servers.httpPort();
    }

    @AfterAll
    static void down() throws Exception {
        servers.close();
    }

    private ProxyHandle start(Rules rules) throws IOException {
        return NetworkProxies.start(rules.build(), ProxyFixture.options().withSocketDir(tmp));
    }

    @Test
    void socketLivesInAPrivateDirectoryAndIsRemovedOnClose() throws Exception {
        Path sock;
        Path dir;
        try (ProxyHandle h = start(Rules.policy().allow("127.0.0.1"))) {
            dir = h.privateDir();
            sock = h.bindMounts().get(0);
            assertEquals(dir, sock.getParent());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            assertEquals(List.of(NetworkProxies.HTTP_PORT, NetworkProxies.SOCKS_PORT),
                h.bridges().stream().map(Bridge::port).toList());
            assertTrue(h.environment().get("HTTP_PROXY").endsWith("@127.0.0.1:3128"));
            assertTrue(h.environment().get("ALL_PROXY").endsWith("@127.0.0.1:1080"));
        }
        assertTrue(Files.notExists(sock));
        assertTrue(Files.notExists(dir));
    }

    @Test
    void anotherUserCannotOpenTheSocket() throws Exception {
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch user");
        try (ProxyHandle h = start(Rules.policy().allow("127.0.0.1"))) {
            Path sock = h.bindMounts().get(0);
            // The directory is 0700: even a world-writable socket could not be reached (unix(7)).
            Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rw-rw-rw-"));
            Curl.Result r = Curl.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
                "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ntry:\n s.connect(sys.argv[1])\nexcept PermissionError:\n"
                    + " sys.exit(13)\nprint('connected')", sock.toString());
            assertEquals(13, r.exit(), r.out() + r.err());
        }
    }

    @Test
    void hostProcessWithoutTheSecretIsRefused() throws Exception {
        try (ProxyHandle h = start(Rules.policy().allow("127.0.0.1"));
             HostBridge bridge = new HostBridge(h.bindMounts().get(0))) {
            String url = "http://127.0.0.1:" + port + "/";
            Curl.Result no = Curl.curl("-x", "http://127.0.0.1:" + bridge.port, url);
            assertEquals(407, no.status());
            Curl.Result wrong = Curl.curl("-x", "http://srt:00000000000000000000000000000000@127.0.0.1:" + bridge.port, url);
            assertEquals(407, wrong.status());
            Curl.Result tunnel = Curl.curl("-p", "-x", "http://127.0.0.1:" + bridge.port, url);
            assertNotEquals(0, tunnel.exit());
            Curl.Result socks = Curl.curl("-x", "socks5h://127.0.0.1:" + bridge.port, url);
            assertEquals(97, socks.exit(), socks.err());
            // The sandbox's own variables carry the secret and work through the same bridge.
            String withSecret = h.environment().get("HTTP_PROXY").replace(":3128", ":" + bridge.port);
            assertEquals(200, Curl.curl("-x", withSecret, url).status());
            String socksSecret = h.environment().get("ALL_PROXY").replace(":1080", ":" + bridge.port);
            assertEquals(200, Curl.curl("-x", socksSecret, url).status());
        }
    }

    @Test
    void insideAnEmptyNetworkNamespaceOnlyTheProxyLeadsOut() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bwrap not installed");
        try (ProxyHandle h = start(Rules.policy().allow("api.example.test:" + port, "127.0.0.1:" + port))) {
            String script = h.bridgeScript()
                + "curl -s -w ' %{http_code}' http://api.example.test:" + port + "/; echo\n"
                + "curl -s -w ' %{http_code}' http://other.test:" + port + "/; echo\n"
                + "curl -s -o /dev/null -w '%{http_code}' --noproxy '*' http://127.0.0.1:" + port + "/; echo \" direct=$?\"\n"
                + "getent hosts example.com >/dev/null; echo \"dns=$?\"\n";
            List<String> cmd = new ArrayList<>(List.of("bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--unshare-net", "--unshare-pid", "--die-with-parent", "--bind", h.privateDir().toString(), h.privateDir().toString(),
                "--", "sh", "-c", script));
            Curl.Result r = Curl.exec(cmd, h.environment());
            String out = r.out();
            assertTrue(out.contains("hello from upstream 127.0.0.1\n 200\n"), out + r.err());
            assertTrue(out.contains("network default deny\n 403\n"), out);
            assertTrue(out.contains("000 direct=7\n"), out); // a program ignoring the proxy reaches nothing
            assertTrue(out.contains("dns=") && !out.contains("dns=0"), out);
            assertEquals(1, h.violations().entries().size());
            assertEquals("other.test:" + port, h.violations().entries().get(0).first().target());
        }
    }

    /** A host-side socat from a loopback port to the proxy socket, as the sandbox's bridge does. */
    static final class HostBridge implements AutoCloseable {
        final int port;
        final Process process;

        HostBridge(Path socket) throws Exception {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            process = new ProcessBuilder("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "UNIX-CONNECT:" + socket).redirectErrorStream(true).start();
            for (int i = 0; i < 300; i++) {
                try {
                    new java.net.Socket("127.0.0.1", port).close();
                    return;
                } catch (IOException e) {
                    Thread.sleep(10);
                }
            }
            throw new IOException("socat did not start");
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
