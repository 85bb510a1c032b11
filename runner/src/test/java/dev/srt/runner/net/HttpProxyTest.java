package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP proxy with the real curl against real servers on 127.0.0.1: forwarding, CONNECT, refusals. */
class HttpProxyTest extends WithUpstreamServers {
    private static String url(String host, String path) {
        return "http://" + host + ":" + port + path;
    }

    @Test
    void allowedNameIsForwardedAndTunnelled() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1"))) {
            Curl.Result r = p.curl(url("api.example.test", "/"));
            assertEquals(200, r.status(), r.err());
            assertTrue(r.body().startsWith("hello from upstream 127.0.0.1"));
            Curl.Result t = p.curl("--proxytunnel", url("api.example.test", "/"));
            assertEquals(200, t.status(), t.err());
            assertTrue(t.body().startsWith("hello from upstream"));
        }
    }

    /**
     * Bytes a client sends right behind its CONNECT request, in the same write, before the
     * "200 Connection established" ("optimistic data"), are held while the proxy dials and then
     * delivered as tunnel data, not parsed as HTTP nor dropped.
     */
    @Test
    void bytesSentWithTheConnectRequestReachTheServer() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"));
             java.net.Socket s = p.connect()) {
            String target = "127.0.0.1:" + servers.echoPort();
            s.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\nProxy-Authorization: Basic "
                + p.basic() + "\r\n\r\nGET / HTTP/1.1\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String head = ProxyFixture.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            byte[] echo = new java.io.DataInputStream(s.getInputStream()).readNBytes(18);
            assertEquals("GET / HTTP/1.1\r\n\r\n", new String(echo, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    @Test
    void clientsThatWaitForTheChallengeStillAuthenticate() throws Exception {
        // git's default http.proxyAuthMethod is "anyauth": libcurl first asks without credentials.
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1"))) {
            Curl.Result r = p.curl("--proxy-anyauth", url("api.example.test", "/"));
            assertEquals(200, r.status(), r.err());
            Curl.Result t = p.curl("--proxy-anyauth", "-p", url("api.example.test", "/"));
            assertEquals(200, t.status(), t.err());
        }
    }

    @Test
    void nameOutsideThePolicyGets403NamingTheDefault() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1"))) {
            int before = servers.httpRequests.get();
            Curl.Result r = p.curl(url("other.test", "/"));
            assertEquals(403, r.status());
            assertTrue(r.body().contains("network default deny"), r.body());
            Curl.Result t = p.curl("--proxytunnel", url("other.test", "/"));
            assertEquals(56, t.exit(), t.err()); // curl: CONNECT refused
            assertTrue(t.err().contains("403"), t.err());
            assertEquals(before, servers.httpRequests.get());
        }
    }

    @Test
    void refusalNeverReachesTheServer() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1:1"))) {
            int before = servers.httpRequests.get();
            assertEquals(403, p.curl(url("127.0.0.1", "/")).status());
            assertTrue(p.curl("--proxytunnel", url("127.0.0.1", "/")).err().contains("403"));
            assertEquals(before, servers.httpRequests.get());
        }
    }

    @Test
    void wildcardCoversSubdomainsNotTheApex() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("*.example.test", "127.0.0.1"))) {
            assertEquals(200, p.curl(url("api.example.test", "/")).status());
            assertEquals(200, p.curl(url("WWW.Example.TEST.", "/")).status()); // case and trailing dot
            Curl.Result apex = p.curl(url("example.test", "/"));
            assertEquals(403, apex.status());
        }
    }

    @Test
    void portRulesRestrictThePort() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test:" + port, "127.0.0.1"))) {
            assertEquals(200, p.curl(url("api.example.test", "/")).status());
            assertEquals(403, p.connectStatus("api.example.test:" + servers.echoPort()));
            assertEquals(200, p.connectStatus("api.example.test:" + port));
        }
    }

    @Test
    void denyWinsOverAllowAndIsNamedWithItsLine() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1").deny("*.example.test"))) {
            Curl.Result r = p.curl("-i", url("api.example.test", "/"));
            assertEquals(403, r.status());
            assertTrue(r.body().contains("deny \"*.example.test\" (policy.srt:3:3)"), r.body());
            assertTrue(r.body().contains("X-Proxy-Error: blocked-by-policy"), r.body());
        }
    }

    @Test
    void theRulesReasonIsShown() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1").denyBecause("other.test", "pastebin, data exfiltration"))) {
            Curl.Result r = p.curl(url("other.test", "/"));
            assertEquals(403, r.status());
            assertTrue(r.body().contains("deny \"other.test\" (policy.srt:2:3): pastebin, data exfiltration"), r.body());
        }
    }

    @Test
    void everyIpv4LiteralSpellingIsDeniedByAnAddressDeny() throws Exception {
        String ep = ":" + servers.echoPort();
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.0/8").deny("127.0.0.1" + ep))) {
            for (String h : new String[] {"127.0.0.1", "127.1", "2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001",
                "127.0.1", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"}) {
                assertEquals(403, p.connectStatus(h + ep), h);
            }
            assertEquals(200, p.connectStatus("127.0.0.1:" + port)); // the CIDR allow still covers other ports
        }
    }

    @Test
    void everyIpv4LiteralSpellingIsAllowedByAnAddressAllow() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            for (String h : new String[] {"127.1", "2130706433", "0177.0.0.1", "0x7f.1", "[::ffff:127.0.0.1]"}) {
                assertEquals(200, p.connectStatus(h + ":" + servers.echoPort()), h);
            }
            assertEquals(200, p.curl(url("127.1", "/")).status());
        }
    }

    @Test
    void ipv6LiteralsAndRanges() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(servers.http6 != null, "no ::1 on this machine");
        int p6 = servers.http6.getAddress().getPort();
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("[::1]:" + p6))) {
            Curl.Result r = p.curl("-g", "http://[::1]:" + p6 + "/");
            assertEquals(200, r.status(), r.err());
            assertTrue(r.body().startsWith("hello from upstream"));
            assertEquals(200, p.connectStatus("[0:0:0:0:0:0:0:1]:" + p6));
            assertEquals(403, p.connectStatus("127.0.0.1:" + p6));
        }
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("[::]/0").deny("[::1]"))) {
            assertEquals(403, p.curl("-g", "http://[::1]:" + p6 + "/").status());
        }
    }

    @Test
    void cidrRules() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.0/8"))) {
            assertEquals(200, p.curl(url("127.0.0.1", "/")).status());
        }
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("10.0.0.0/8"))) {
            assertEquals(403, p.curl(url("127.0.0.1", "/")).status());
        }
    }

    @Test
    void upstreamRefusedGives502AndSilenceGives504() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            int closed = TestServers.closedPort();
            assertEquals(502, p.curl(url("127.0.0.1:" + closed, "/").replace(":" + port, "")).status());
            assertEquals(502, p.connectStatus("127.0.0.1:" + closed));
        }
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"));
             Backlog full = new Backlog()) {
            assertEquals(504, p.connectStatus("127.0.0.1:" + full.port()));
        }
    }

    @Test
    void nameWithoutAddressGives502() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("*.example.invalid"))) {
            Curl.Result r = p.curl("http://no.example.invalid/");
            assertEquals(502, r.status());
            assertTrue(r.body().contains("cannot resolve no.example.invalid"), r.body());
            assertEquals(502, p.connectStatus("no.example.invalid:443"));
            assertEquals(0x04, Socks5ProxyTest.request(p, 1, Socks5ProxyTest.domain("no.example.invalid"), 443));
        }
    }

    @Test
    void keepAliveReusesTheClientConnection() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1"))) {
            Curl.Result r = Curl.run("curl", "-s", "-S", "-v", "-x", p.http(), url("api.example.test", "/"),
                url("api.example.test", "/headers"), url("127.0.0.1", "/"));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("Re-using existing connection"), r.err());
            assertTrue(r.out().contains("uri: /headers"), r.out());
        }
    }

    @Test
    void hopByHopHeadersAreNotForwarded() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1"))) {
            Curl.Result r = p.curl("-H", "Connection: X-Hop", "-H", "X-Hop: secret", "-H", "Keep-Alive: timeout=5",
                "-H", "TE: trailers", "-H", "X-End: kept", "-H", "Host: evil.test", url("api.example.test", "/headers?q=1"));
            assertEquals(200, r.status());
            String b = r.body();
            assertFalse(b.contains("x-hop"), b);
            assertFalse(b.contains("proxy-authorization"), b);
            assertFalse(b.contains("proxy-connection"), b);
            assertFalse(b.contains("keep-alive: timeout"), b);
            assertFalse(b.contains("te: trailers"), b);
            assertTrue(b.contains("x-end: kept"), b);
            assertTrue(b.contains("host: api.example.test:" + port), b); // Host comes from the decided target
            assertFalse(b.contains("evil.test"), b);
            assertTrue(b.contains("uri: /headers?q=1"), b);
        }
    }

    @Test
    void largeAndChunkedBodiesBothWays(@TempDir Path tmp) throws Exception {
        Path up = tmp.resolve("up.bin");
        byte[] data = new byte[32 * 1024 * 1024];
        new Random(1).nextBytes(data);
        Files.write(up, data);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1"))) {
            Curl.Result post = p.curl("--data-binary", "@" + up, url("api.example.test", "/echo"));
            assertEquals(200, post.status(), post.err());
            assertEquals(data.length + " " + sha, post.body().trim());
            Curl.Result chunkedUp = p.curl("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + up,
                url("api.example.test", "/echo"));
            assertEquals(data.length + " " + sha, chunkedUp.body().trim());
            long big = 300L * 1024 * 1024;
            Curl.Result down = Curl.run("curl", "-s", "-S", "-x", p.http(), "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                url("api.example.test", "/big?n=" + big));
            assertEquals("200 " + big, down.out());
            Curl.Result chunked = Curl.run("curl", "-s", "-S", "-D", "-", "-x", p.http(), "-o", "/dev/null", "-w", "%{size_download}",
                url("api.example.test", "/chunked?n=5000001"));
            assertTrue(chunked.out().toLowerCase().contains("transfer-encoding: chunked"), chunked.out());
            assertTrue(chunked.out().endsWith("5000001"), chunked.out());
        }
    }

    @Test
    void upstreamFailureMidBodyTruncatesAndTheProxyCarriesOn() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            Curl.Result r = Curl.run("curl", "-s", "-S", "-x", p.http(), "-o", "/dev/null",
                "http://127.0.0.1:" + servers.abort.getLocalPort() + "/");
            assertNotEquals(0, r.exit(), "a truncated body must not look complete");
            assertEquals(200, p.curl(url("127.0.0.1", "/")).status());
        }
    }

    @Test
    void clientDisconnectMidDownloadLeavesTheProxyWorking() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            for (int i = 0; i < 5; i++) {
                try (Socket s = p.connect()) {
                    s.getOutputStream().write(("GET " + url("127.0.0.1", "/big?n=1000000000") + " HTTP/1.1\r\nHost: x\r\n"
                        + "Proxy-Authorization: Basic " + p.basic() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    in.readNBytes(1 << 20);
                    s.setSoLinger(true, 0); // reset, as a killed client would
                }
            }
            assertEquals(200, p.curl(url("127.0.0.1", "/")).status());
        }
    }

    @Test
    void upgradeOnPlainHttpIsNotPassedThrough() throws Exception {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"));
             ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    ProxyFixture.readHead(s.getInputStream());
                    s.getOutputStream().write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\nraw"
                        .getBytes(StandardCharsets.US_ASCII));
                    Thread.sleep(500);
                } catch (Exception e) {
                    // the assertion below reports
                }
            });
            t.setDaemon(true);
            t.start();
            Curl.Result r = p.curl("-H", "Upgrade: x", "-H", "Connection: Upgrade", "http://127.0.0.1:" + ss.getLocalPort() + "/");
            assertEquals(502, r.status(), r.err());
            assertTrue(r.body().contains("use CONNECT"), r.body());
        }
    }

    @Test
    void originFormAndGarbageAreRejected() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            try (Socket s = p.connect()) {
                OutputStream out = s.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nProxy-Authorization: Basic " + p.basic() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                assertTrue(ProxyFixture.readHead(s.getInputStream()).startsWith("HTTP/1.1 400"));
            }
            try (Socket s = p.connect()) {
                s.getOutputStream().write("\u0001\u0002garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String head = ProxyFixture.readHead(s.getInputStream());
                assertTrue(head.isEmpty() || head.startsWith("HTTP/1.1 400"), head);
            }
            assertEquals(400, p.connectStatus("no-port-here"));
        }
    }

    /** A listener whose accept queue is full, so a further connect gets no answer (times out). */
    static final class Backlog implements AutoCloseable {
        final java.nio.channels.ServerSocketChannel server;
        final java.util.List<java.nio.channels.SocketChannel> fillers = new java.util.ArrayList<>();

        Backlog() throws Exception {
            server = java.nio.channels.ServerSocketChannel.open();
            server.bind(new java.net.InetSocketAddress("127.0.0.1", 0), 1);
            for (int i = 0; i < 3; i++) {
                java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open();
                c.configureBlocking(false);
                c.connect(server.getLocalAddress());
                fillers.add(c);
            }
            Thread.sleep(200);
        }

        int port() throws Exception {
            return ((java.net.InetSocketAddress) server.getLocalAddress()).getPort();
        }

        @Override
        public void close() throws java.io.IOException {
            for (var c : fillers) c.close();
            server.close();
        }
    }
}
