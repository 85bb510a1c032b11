package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SOCKS5 (RFC 1928) through the real proxy: curl with remote and local name resolution, raw reply codes. */
class Socks5ProxyTest extends WithUpstreamServers {
    @Test
    void remoteResolutionWithCurl() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1"))) {
            assertTrue(p.socks().startsWith("socks5h://srt:"));
            Curl.Result ok = Curl.curl("-x", p.socks(), "http://api.example.test:" + port + "/");
            assertEquals(200, ok.status(), ok.err());
            assertTrue(ok.body().startsWith("hello from upstream"));
            Curl.Result no = Curl.curl("-x", p.socks(), "http://other.test:" + port + "/");
            assertEquals(97, no.exit(), no.err()); // CURLE_PROXY: the SOCKS request was refused
        }
    }

    @Test
    void localResolutionSendsTheAddress() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1:" + port))) {
            String local = p.socks().replace("socks5h://", "socks5://");
            Curl.Result ok = Curl.curl("-x", local, "http://localhost:" + port + "/");
            assertEquals(200, ok.status(), ok.err());
            Curl.Result no = Curl.curl("-x", local, "http://localhost:" + servers.echoPort() + "/");
            assertEquals(97, no.exit(), no.err());
        }
    }

    @Test
    void replyCodes() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1").deny("other.test"))) {
            assertEquals(0x00, request(p, 1, domain("api.example.test"), servers.echoPort()));
            assertEquals(0x02, request(p, 1, domain("other.test"), servers.echoPort()));
            assertEquals(0x02, request(p, 1, domain("nowhere.test"), servers.echoPort()));
            assertEquals(0x00, request(p, 1, ipv4(127, 0, 0, 1), servers.echoPort()));
            assertEquals(0x02, request(p, 1, ipv6("::1"), servers.echoPort()));
            assertEquals(0x05, request(p, 1, ipv4(127, 0, 0, 1), TestServers.closedPort()));
            assertEquals(0x07, request(p, 2, ipv4(127, 0, 0, 1), servers.echoPort())); // BIND
            assertEquals(0x07, request(p, 3, ipv4(127, 0, 0, 1), servers.echoPort())); // UDP ASSOCIATE
        }
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"));
             HttpProxyTest.Backlog full = new HttpProxyTest.Backlog()) {
            assertEquals(0x04, request(p, 1, ipv4(127, 0, 0, 1), full.port()));
        }
    }

    @Test
    void ipv6Destination() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(servers.http6 != null, "no ::1 on this machine");
        int p6 = servers.http6.getAddress().getPort();
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("[::1]"))) {
            Curl.Result ok = Curl.curl("-g", "-x", p.socks(), "http://[::1]:" + p6 + "/");
            assertEquals(200, ok.status(), ok.err());
            assertEquals(0x00, request(p, 1, ipv6("::1"), p6));
        }
    }

    /** Application data right behind the request, in a second write, reaches the server and comes back. */
    @Test
    void tunnelCarriesBytesBothWays() throws Exception {
        assertArrayEquals(bytes("ping"), echoThroughTunnel("ping", false));
    }

    /**
     * Data a client sends in the same segment as its request (before the reply: "optimistic
     * data") is held while the proxy dials and then delivered, not dropped.
     */
    @Test
    void dataInTheSameWriteAsTheRequestReachesTheServer() throws Exception {
        assertArrayEquals(bytes("early"), echoThroughTunnel("early", true));
    }

    /** A CONNECT to the echo server followed by {@code data} (in the request's own write or a second one); what comes back. */
    private byte[] echoThroughTunnel(String data, boolean sameWrite) throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"));
             Socket s = p.connect()) {
            handshake(s, p.secret());
            OutputStream out = s.getOutputStream();
            byte[] request = concat(new byte[] {5, 1, 0}, ipv4(127, 0, 0, 1),
                new byte[] {(byte) (servers.echoPort() >> 8), (byte) servers.echoPort()});
            if (sameWrite) {
                out.write(concat(request, bytes(data)));
            } else {
                out.write(request);
                out.write(bytes(data));
            }
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] reply = new byte[10];
            in.readFully(reply);
            assertEquals(0, reply[1]);
            byte[] echo = new byte[data.length()];
            in.readFully(echo);
            return echo;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void withoutTheSecretNothingIsServed() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            try (Socket s = p.connect()) {
                s.getOutputStream().write(new byte[] {5, 1, 0}); // offers only "no authentication"
                InputStream in = s.getInputStream();
                assertEquals(5, in.read());
                assertEquals(0xFF, in.read()); // no acceptable methods
                assertEquals(-1, in.read());
            }
            try (Socket s = p.connect()) {
                s.getOutputStream().write(new byte[] {5, 1, 2});
                InputStream in = s.getInputStream();
                assertEquals(5, in.read());
                assertEquals(2, in.read());
                byte[] wrong = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
                s.getOutputStream().write(concat(new byte[] {1, 3}, "srt".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {(byte) wrong.length}, wrong));
                assertEquals(1, in.read());
                assertTrue(in.read() != 0);
                assertEquals(-1, in.read());
            }
            Curl.Result r = Curl.curl("-x", "socks5h://127.0.0.1:" + p.port(), "http://127.0.0.1:" + port + "/");
            assertEquals(97, r.exit(), r.err());
            try (Socket s = p.connect()) { // SOCKS4 is not served at all
                s.getOutputStream().write(new byte[] {4, 1, 0, 80, 127, 0, 0, 1, 0});
                assertEquals(-1, s.getInputStream().read());
            }
        }
    }

    static void handshake(Socket s, String secret) throws IOException {
        handshake(s.getInputStream(), s.getOutputStream(), secret);
    }

    /** The greeting and username/password exchange (RFC 1928, 1929) on any stream pair. */
    static void handshake(InputStream in, OutputStream out, String secret) throws IOException {
        out.write(new byte[] {5, 1, 2});
        assertEquals(5, in.read());
        assertEquals(2, in.read());
        byte[] pw = secret.getBytes(StandardCharsets.US_ASCII);
        out.write(concat(new byte[] {1, 3}, "srt".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) pw.length}, pw));
        assertEquals(1, in.read());
        assertEquals(0, in.read());
    }

    /** Sends one SOCKS5 command and returns the reply code. */
    static int request(ProxyFixture p, int cmd, byte[] addr, int port) throws IOException {
        try (Socket s = p.connect()) {
            handshake(s, p.secret());
            s.getOutputStream().write(concat(new byte[] {5, (byte) cmd, 0}, addr, new byte[] {(byte) (port >> 8), (byte) port}));
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertEquals(5, in.read());
            return in.read();
        }
    }

    static byte[] domain(String d) {
        byte[] b = d.getBytes(StandardCharsets.US_ASCII);
        return concat(new byte[] {3, (byte) b.length}, b);
    }

    static byte[] ipv4(int a, int b, int c, int d) {
        return new byte[] {1, (byte) a, (byte) b, (byte) c, (byte) d};
    }

    static byte[] ipv6(String a) {
        return concat(new byte[] {4}, dev.srt.ir.Hosts.parseIpv6(a));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
