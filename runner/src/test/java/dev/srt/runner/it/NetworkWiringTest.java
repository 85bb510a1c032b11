package dev.srt.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code srt run} with srt's proxies wired in: real bwrap, real curl and python3 inside the
 * sandbox, against an HTTP server on 127.0.0.1 started here. Test names resolve to 127.0.0.1
 * through {@code SRT_RESOLVE} (the proxy's host overrides); the policy allows 127.0.0.1 on the
 * server's port, which the loopback guard would otherwise refuse.
 */
class NetworkWiringTest {
    static HttpServer server;
    static int port;
    static final Set<String> HITS = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", ex -> {
            HITS.add(ex.getRequestURI().getPath());
            byte[] b = ("hello " + ex.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    static Path home(String name, boolean asUser, String policy) throws Exception {
        Path h = Sandbox.fixture(name).resolve("home");
        Files.createDirectories(h.resolve("work"));
        Files.writeString(h.resolve("policy.srt"), policy);
        Sandbox.exec(List.of("chmod", "-R", "a+rX", h.toString()));
        Sandbox.own(h, asUser);
        return h;
    }

    String netPolicy() {
        return "srt 1\n"
            + "include std:default\n"
            + "network {\n"
            + "  allow \"ok.test\", \"127.0.0.1:" + port + "\", \"localhost:" + port + "\"\n"
            + "  deny \"bad.test\"\n"
            + "}\n"
            + "violations {\n  ignore \"quiet.test\" for \"*\"\n}\n";
    }

    /** srt run as the chosen user, with SRT_RESOLVE set; the command is a shell string. */
    static Sandbox.Result srt(boolean asUser, Path home, String resolve, List<String> srtArgs) throws Exception {
        return srt(asUser, home, resolve, List.of(), srtArgs);
    }

    /** As above, with extra {@code NAME=value} variables in srt's environment. */
    static Sandbox.Result srt(boolean asUser, Path home, String resolve, List<String> env, List<String> srtArgs) throws Exception {
        List<String> it = new ArrayList<>(List.of("srt"));
        it.addAll(srtArgs);
        List<String> cmd = new ArrayList<>(Sandbox.command(asUser, home, it));
        if (resolve != null) cmd.add(cmd.indexOf("/usr/bin/env") + 1, "SRT_RESOLVE=" + resolve);
        cmd.addAll(cmd.indexOf("/usr/bin/env") + 1, env);
        return exec(cmd, home, 120);
    }

    /** Runs {@code cmd} (srt's test entry) in {@code home}/work with stdin closed; fails if it takes longer than {@code seconds}. */
    static Sandbox.Result exec(List<String> cmd, Path home, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.resolve("work").toFile());
        pb.environment().clear();
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = Sandbox.pump(p.getInputStream(), out);
        Thread te = Sandbox.pump(p.getErrorStream(), err);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("srt did not finish: " + err);
        }
        to.join();
        te.join();
        return new Sandbox.Result(p.exitValue(), out.toByteArray(), err.toByteArray());
    }

    static final String RESOLVE = "ok.test:127.0.0.1,bad.test:127.0.0.1,quiet.test:127.0.0.1";

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void allowedAndDeniedThroughEveryProtocol(boolean asUser) throws Exception {
        everyProtocol(asUser, "net-rules-", List.of());
    }

    /**
     * The same through relay ports whose sockets srt took from the relays' namespace and accepts
     * on itself (SRT_RELAYS=direct, ListenerTake), as root and as an unprivileged user.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void allowedAndDeniedThroughEveryProtocolWithDirectRelays(boolean asUser) throws Exception {
        String err = everyProtocol(asUser, "net-direct-", List.of("SRT_RELAYS=direct", "SRT_TIMING=1"));
        assertTrue(err.contains("net: relay sockets taken"), err);
    }

    /** Runs every protocol against the policy's rules and checks the answers, hits, summary and JSON; returns srt's stderr. */
    private String everyProtocol(boolean asUser, String fixture, List<String> env) throws Exception {
        HITS.clear();
        Path h = home(fixture + asUser, asUser, netPolicy());
        String u = "http://ok.test:" + port;
        String script = String.join("\n",
            "c() { n=$1; shift; curl -s -o /dev/null -w \"$n %{http_code} %{http_connect}\" \"$@\" 2>/dev/null; echo \" rc=$?\"; }",
            "c plain-ok " + u + "/plain-" + asUser,
            "c connect-ok -p " + u + "/connect-" + asUser,
            "c socks-ok -x \"$ALL_PROXY\" " + u + "/socks-" + asUser,
            "c socks-local --socks5 \"${ALL_PROXY#socks5h://}\" http://127.0.0.1:" + port + "/socks-local-" + asUser,
            "c localhost-ok http://localhost:" + port + "/localhost-" + asUser,
            "c plain-bad http://bad.test:" + port + "/bad",
            "c connect-bad -p http://bad.test:" + port + "/bad",
            "c socks-bad -x \"$ALL_PROXY\" http://bad.test:" + port + "/bad",
            "c default-deny http://other.test:" + port + "/other",
            "c quiet http://quiet.test:" + port + "/quiet",
            "echo NO_PROXY=$NO_PROXY");
        Sandbox.Result r = srt(asUser, h, RESOLVE, env,
            List.of("run", "--policy", h.resolve("policy.srt").toString(), "--violations-json", h.resolve("work/v.json").toString(),
                "--", "sh", "-c", script));
        String out = r.text();
        assertEquals(0, r.status(), out + r.err());
        assertTrue(out.contains("plain-ok 200 000 rc=0"), out);
        assertTrue(out.contains("connect-ok 200 200 rc=0"), out);
        assertTrue(out.contains("socks-ok 200 000 rc=0"), out);
        assertTrue(out.contains("socks-local 200 000 rc=0"), out);
        assertTrue(out.contains("localhost-ok 200 000 rc=0"), out);
        assertTrue(out.contains("plain-bad 403 000 rc=0"), out);
        assertTrue(out.contains("connect-bad 000 403 rc=56"), out);
        assertTrue(out.contains("socks-bad 000 000 rc=97"), out);
        assertTrue(out.contains("default-deny 403 000 rc=0"), out);
        // localhost and 127.0.0.1 are allowed through the proxy: NO_PROXY must not send them direct
        assertTrue(out.contains("NO_PROXY=::1\n"), out);
        for (String p : List.of("/plain-", "/connect-", "/socks-", "/socks-local-", "/localhost-")) assertTrue(HITS.contains(p + asUser), p);
        assertFalse(HITS.contains("/bad"));
        assertFalse(HITS.contains("/other"));

        String err = r.err();
        assertTrue(err.contains("srt: 2 network connections were refused:"), err);
        assertTrue(err.contains("srt: blocked network bad.test:" + port + " deny \"bad.test\" ("), err);
        assertTrue(err.contains(" x3\n"), err); // plain, CONNECT and SOCKS to bad.test, deduplicated
        assertTrue(err.contains("srt: blocked network other.test:" + port + " network default deny"), err);
        assertFalse(err.contains("quiet.test"), err); // ignored by the policy's violations block

        List<String> json = Files.readAllLines(h.resolve("work/v.json"));
        assertEquals(3, json.size(), String.join("\n", json));
        assertTrue(json.get(0).contains("\"kind\":\"network\"") && json.get(0).contains("\"target\":\"bad.test:" + port + "\"")
            && json.get(0).contains("\"rule\":\"deny \\\"bad.test\\\"\"") && json.get(0).contains("policy.srt:5:"), json.get(0));
        assertTrue(json.stream().anyMatch(l -> l.contains("\"target\":\"quiet.test:" + port + "\"")), json.toString());
        assertTrue(json.stream().allMatch(l -> l.startsWith("{\"time\":\"20") && l.contains("\"command\":\"sh -c ")), json.toString());
        return err;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void programsIgnoringTheProxyReachNothingAndDnsFails(boolean asUser) throws Exception {
        Path h = home("net-direct-" + asUser, asUser, netPolicy());
        String py = "import socket\n"
            + "try:\n  socket.create_connection(('127.0.0.1', " + port + "), timeout=5); print('direct connected')\n"
            + "except OSError as e: print('direct refused', type(e).__name__)\n"
            + "for n in ('ok.test', 'example.com', 'localhost.localdomain.invalid'):\n"
            + "  try:\n    socket.getaddrinfo(n, 80); print('resolved', n)\n"
            + "  except OSError as e: print('no dns', n)\n";
        String script = "curl -s --noproxy '*' -o /dev/null http://127.0.0.1:" + port + "/direct-curl; echo curl-direct rc=$?\n"
            + "python3 -c \"$1\"";
        Sandbox.Result r = srt(asUser, h, RESOLVE,
            List.of("run", "--policy", h.resolve("policy.srt").toString(), "--", "sh", "-c", script, "sh", py));
        String out = r.text();
        assertEquals(0, r.status(), out + r.err());
        assertTrue(out.contains("curl-direct rc=7"), out); // connection refused: nothing listens, no route
        assertTrue(out.contains("direct refused ConnectionRefusedError"), out);
        assertTrue(out.contains("no dns ok.test") && out.contains("no dns example.com"), out);
        assertFalse(out.contains("resolved ok.test") || out.contains("resolved example.com"), out);
        assertFalse(HITS.contains("/direct-curl"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void noNetworkPolicyHasNoProxiesAndNoNetwork(boolean asUser) throws Exception {
        Path h = home("net-none-" + asUser, asUser, "srt 1\n");
        String script = "env | grep -ci proxy; curl -s -o /dev/null http://127.0.0.1:" + port + "/none; echo rc=$?";
        Sandbox.Result r = srt(asUser, h, null,
            List.of("run", "--debug", "--policy", h.resolve("policy.srt").toString(), "--violations-json",
                h.resolve("work/v.json").toString(), "--", "sh", "-c", script));
        assertEquals(0, r.status(), r.text() + r.err());
        assertTrue(r.text().startsWith("0\n"), r.text()); // no proxy variables at all
        assertTrue(r.text().contains("rc=7"), r.text());
        assertTrue(r.err().contains("network: none (private network namespace)"), r.err());
        String commandLine = r.err().lines().filter(l -> l.contains("debug: command line")).findFirst().orElseThrow();
        assertTrue(commandLine.contains("--unshare-net"), commandLine); // an empty namespace of its own
        assertFalse(HITS.contains("/none"));
        assertEquals(0, Files.size(h.resolve("work/v.json")));
    }

    /** The relays are not in the sandbox: the command cannot see them, and killing all it can does not cut its network. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void commandCannotSeeOrKillTheRelays(boolean asUser) throws Exception {
        Path h = home("net-kill-" + asUser, asUser, netPolicy());
        String py = "import os, glob, signal, urllib.request\n"
            + "names = [open(p).read().strip() for p in glob.glob('/proc/[0-9]*/comm')]\n"
            + "print('socat visible', names.count('socat'))\n"
            + "try:\n  os.kill(-1, signal.SIGKILL)\nexcept OSError:\n  pass\n"
            + "print('after kill', urllib.request.urlopen('http://ok.test:" + port + "/after-kill-" + asUser + "', timeout=10).status)\n";
        Sandbox.Result r = srt(asUser, h, RESOLVE,
            List.of("run", "--policy", h.resolve("policy.srt").toString(), "--", "python3", "-c", py));
        assertEquals(0, r.status(), r.text() + r.err());
        assertTrue(r.text().contains("socat visible 0\n"), r.text());
        assertTrue(r.text().contains("after kill 200\n"), r.text());
        assertTrue(HITS.contains("/after-kill-" + asUser));
    }

    /** {@code proxy http "..."}: srt starts no filtering proxy and relays to the named one. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void externalProxyIsReachedThroughTheRelay(boolean asUser) throws Exception {
        String policy = "srt 1\ninclude std:default\nnetwork {\n  proxy http \"127.0.0.1:" + port + "\"\n}\n";
        Path h = home("net-ext-" + asUser, asUser, policy);
        // The test's server plays the external proxy: it receives the absolute-form request.
        String script = "echo $HTTP_PROXY; curl -s -o /dev/null -w '%{http_code}\\n' http://anything.test/ext-" + asUser;
        Sandbox.Result r = srt(asUser, h, null, List.of("run", "--policy", h.resolve("policy.srt").toString(), "--", "sh", "-c", script));
        assertEquals(0, r.status(), r.text() + r.err());
        assertTrue(r.text().startsWith("http://127.0.0.1:3128\n"), r.text());
        assertTrue(r.text().contains("200"), r.text());
        assertTrue(HITS.contains("/ext-" + asUser), HITS.toString());
    }

    /** A process on the host, outside the sandbox, cannot use a running sandbox's proxy. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hostProcessCannotUseTheProxies(boolean asUser) throws Exception {
        Path h = home("net-host-" + asUser, asUser, netPolicy());
        Path marker = h.resolve("work/started");
        Thread t = new Thread(() -> {
            try {
                srt(asUser, h, RESOLVE, List.of("run", "--policy", h.resolve("policy.srt").toString(), "--",
                    "sh", "-c", "touch started; sleep 4"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        for (int i = 0; i < 300 && !Files.exists(marker); i++) Thread.sleep(50);
        assertTrue(Files.exists(marker), "sandbox did not start");
        String uid = asUser && Sandbox.ROOT ? uidOf(Sandbox.USER) : dev.srt.runner.linux.Host.ids().uid();
        List<Path> sockets;
        try (Stream<Path> s = Files.find(Path.of("/tmp/srt-" + uid), 3, (p, a) -> p.getFileName().toString().equals("proxy.sock"))) {
            sockets = s.toList();
        }
        assertFalse(sockets.isEmpty(), "no proxy socket found");
        int checked = 0;
        for (Path sock : sockets) {
            // Same user or root, without the run's secret: the proxy answers 407 and connects nothing.
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                try {
                    ch.connect(UnixDomainSocketAddress.of(sock));
                } catch (java.io.IOException gone) {
                    continue; // another srt run of this user that has just ended (benchmarks, other tests)
                }
                checked++;
                ch.write(ByteBuffer.wrap(("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer b = ByteBuffer.allocate(200);
                ch.read(b);
                String reply = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
                assertTrue(reply.startsWith("HTTP/1.1 407"), reply);
            }
            if (Sandbox.ROOT && !asUser) {
                // Another user cannot even connect: the socket's directory is private (unix(7)).
                int rc = Sandbox.exec(List.of("runuser", "-u", Sandbox.USER, "--", "python3", "-c",
                    "import socket; s=socket.socket(socket.AF_UNIX); s.connect('" + sock + "')"));
                assertTrue(rc != 0, "another user connected to " + sock);
            }
        }
        assertTrue(checked > 0, "no proxy socket answered");
        t.join();
        try (Stream<Path> s = Files.find(Path.of("/tmp/srt-" + uid), 3, (p, a) -> p.getFileName().toString().equals("proxy.sock"))) {
            for (Path p : s.toList()) assertFalse(sockets.contains(p), "socket left behind: " + p);
        }
    }

    static String uidOf(String user) throws Exception {
        Process p = new ProcessBuilder("id", "-u", user).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    }

    /**
     * With the proxies, bwrap joins the network namespace srt made for its relays instead of
     * making one (no {@code --unshare-net}): that namespace is still not the host's, holds only
     * the relays' ports, and the sandbox still cannot make user namespaces of its own.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sandboxJoinsThePrivateNamespaceOfItsRelays(boolean asUser) throws Exception {
        Path h = home("net-join-" + asUser, asUser, netPolicy());
        String script = "readlink /proc/self/ns/net; grep -c ' 0A ' /proc/net/tcp; unshare -U true 2>/dev/null; echo userns=$?; "
            + "curl -s -o /dev/null -w '%{http_code}\\n' http://ok.test:" + port + "/join-" + asUser
            + "; ls /proc/self/fd | tr '\\n' ' '";
        Sandbox.Result r = srt(asUser, h, RESOLVE,
            List.of("run", "--debug", "--policy", h.resolve("policy.srt").toString(), "--", "sh", "-c", script));
        assertEquals(0, r.status(), r.text() + r.err());
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        List<String> lines = r.text().lines().toList();
        assertTrue(lines.get(0).startsWith("net:["), r.text());
        assertNotEquals(host, lines.get(0), "the sandbox is in the host's network namespace");
        assertEquals("2", lines.get(1), r.text()); // the two relays listen, nothing else
        assertEquals("userns=1", lines.get(2), r.text());
        assertEquals("200", lines.get(3), r.text());
        assertEquals("0 1 2 3 ", lines.get(4), r.text()); // no namespace descriptor of nsenter's reaches the command
        assertTrue(r.err().contains("bwrap runs in the network namespace where srt's relays listen"), r.err());
        String commandLine = r.err().lines().filter(l -> l.contains("debug: command line")).findFirst().orElseThrow();
        assertFalse(commandLine.contains("--unshare-net"), commandLine);
    }

    /**
     * SRT_RELAYS=direct where srt cannot adopt the taken sockets (a JVM without the --add-opens
     * bin/srt gives it): the relays, stopped before the command started, are let run on and
     * serve, the connection that waited for them included; nothing fails open or hangs.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void directRelaysFallBackToSocatWhereTheSocketsCannotBeAdopted(boolean asUser) throws Exception {
        Path h = home("net-fallback-" + asUser, asUser, netPolicy());
        List<String> it = List.of("srt", "run", "--policy", h.resolve("policy.srt").toString(), "--", "sh", "-c",
            "curl -s -o /dev/null -w '%{http_code} ' http://ok.test:" + port + "/fallback-" + asUser
                + "; curl -s -o /dev/null -w '%{http_code}' http://bad.test:" + port + "/bad");
        List<String> cmd = new ArrayList<>(Sandbox.command(asUser, h, it));
        cmd.remove("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        cmd.addAll(cmd.indexOf("/usr/bin/env") + 1, List.of("SRT_RESOLVE=" + RESOLVE, "SRT_RELAYS=direct", "SRT_TIMING=1"));
        Sandbox.Result r = exec(cmd, h, 60); // the relays left stopped: curl, and srt, would wait forever
        String e = r.err();
        assertEquals("200 403", r.text(), e);
        assertEquals(0, r.status(), e);
        assertTrue(e.contains("net: socat relays serve: this JDK's NIO cannot adopt a socket"), e);
        assertTrue(HITS.contains("/fallback-" + asUser));
    }

    /**
     * A client that sends, shuts down its writing side and then waits for the answer gets it,
     * through the socat relays (socat passes the EOF on as shutdown(2) of the unix socket, which
     * the proxy's channel keeps half-open: UnixStreamChannel; socat waits for the answer: -t) and
     * through SRT_RELAYS=direct (TCP on the client side too).
     */
    @ParameterizedTest
    @CsvSource({"false,socat", "true,socat", "false,direct", "true,direct"})
    void halfCloseReachesTheServerAndTheAnswerComesBack(boolean asUser, String relays) throws Exception {
        try (java.net.ServerSocket upstream = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread answer = new Thread(() -> {
                try (java.net.Socket c = upstream.accept()) {
                    byte[] all = c.getInputStream().readAllBytes(); // until the client's EOF
                    Thread.sleep(1000); // longer than socat's default wait after an EOF (-t 0.5)
                    c.getOutputStream().write(("got " + all.length + "\n").getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException | InterruptedException e) {
                    // the test fails on the missing answer
                }
            }, "half-close-upstream");
            answer.start();
            int up = upstream.getLocalPort();
            Path h = home("net-halfclose-" + asUser + "-" + relays, asUser, "srt 1\ninclude std:default\nnetwork {\n  allow \"127.0.0.1:" + up + "\"\n}\n");
            String py = String.join("\n",
                "import base64, os, socket",
                "cred = os.environ['HTTP_PROXY'].split('//')[1].split('@')[0]",
                "s = socket.create_connection(('127.0.0.1', 3128))",
                "s.sendall(b'CONNECT 127.0.0.1:" + up + " HTTP/1.1\\r\\nHost: 127.0.0.1:" + up + "\\r\\nProxy-Authorization: Basic '"
                    + " + base64.b64encode(cred.encode()) + b'\\r\\n\\r\\n')",
                "head = b''",
                "while b'\\r\\n\\r\\n' not in head:",
                "    head += s.recv(1)",
                "s.sendall(b'x' * 5000)",
                "s.shutdown(socket.SHUT_WR)",
                "print(head.split(b'\\r\\n')[0].decode(), '|', s.makefile('rb').read().decode().strip())");
            Files.writeString(h.resolve("work/half.py"), py);
            Sandbox.exec(List.of("chmod", "a+r", h.resolve("work/half.py").toString()));
            Sandbox.Result r = srt(asUser, h, null, List.of("SRT_RELAYS=" + relays),
                List.of("run", "--policy", h.resolve("policy.srt").toString(), "--", "python3", "half.py"));
            assertEquals(0, r.status(), r.text() + r.err());
            assertEquals("HTTP/1.1 200 Connection established | got 5000\n", r.text(), r.err());
            answer.join(10_000);
        }
    }

    @Test
    void badResolveOverrideStopsTheRun() throws Exception {
        Path h = home("net-bad-resolve", false, netPolicy());
        Sandbox.Result r = srt(false, h, "ok.test:not-an-address",
            List.of("run", "--policy", h.resolve("policy.srt").toString(), "--", "true"));
        assertEquals(125, r.status(), r.err());
        assertTrue(r.err().startsWith("srt: SRT_RESOLVE: "), r.err());
    }
}
