package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Limits against abuse: header size and count (431), line length (414), connection cap, slow and idle clients. */
class LimitsTest extends WithUpstreamServers {
    @Test
    void oversizedHeadersGet431AndLongLines414() throws Exception {
        ProxyOptions o = ProxyFixture.options().withLimits(100, 8 * 1024, 100);
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"), o)) {
            String url = "http://127.0.0.1:" + port + "/";
            Curl.Result ok = p.curl("-H", "X-Big: " + "a".repeat(4_000), url);
            assertEquals(200, ok.status(), ok.body());
            Curl.Result big = p.curl("-H", "X-Big: " + "a".repeat(12_000), url);
            assertEquals(431, big.status());
            assertTrue(big.body().contains("srt proxy: request header fields too large"), big.body());
            List<String> args = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                args.add("-H");
                args.add("X-H" + i + ": v");
            }
            args.add(url);
            assertEquals(431, p.curl(args.toArray(new String[0])).status());
            Curl.Result fifty = p.curl(args.subList(200, args.size()).toArray(new String[0]));
            assertEquals(200, fifty.status(), fifty.body());
            assertEquals(414, p.curl(url + "?" + "q".repeat(10_000)).status());
        }
    }

    @Test
    void connectionCapRefusesTheExtraConnectionAndRecovers() throws Exception {
        ProxyOptions o = ProxyFixture.options().withLimits(5, 32 * 1024, 100);
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"), o)) {
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) held.add(tunnel(p));
            try (Socket extra = p.connect()) {
                assertEquals(-1, extra.getInputStream().read(), "the sixth connection must be closed");
            }
            held.remove(0).close();
            int status = -1;
            for (int i = 0; i < 200 && status != 200; i++) {
                // Until the proxy has seen the close, a new connection is still over the cap: closed
                // at once, as EOF or (when the request was already in its buffer) a reset.
                try {
                    status = p.connectStatus("127.0.0.1:" + servers.echoPort());
                } catch (java.net.SocketException e) {
                    status = -1;
                }
                if (status != 200) Thread.sleep(20);
            }
            assertEquals(200, status);
            for (Socket s : held) s.close();
        }
    }

    @Test
    void slowClientsAreCutOffAtTheHandshakeDeadline() throws Exception {
        ProxyOptions o = ProxyFixture.options().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(60));
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"), o)) {
            try (Socket s = p.connect()) {
                OutputStream out = s.getOutputStream();
                out.write("CONNECT 127.0.0.1:1 HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, drain(s.getInputStream()));
            }
            try (Socket s = p.connect()) {
                s.getOutputStream().write(new byte[] {5, 1, 2}); // SOCKS greeting, then nothing
                InputStream in = s.getInputStream();
                assertEquals(5, in.read());
                assertEquals(2, in.read());
                assertEquals(-1, in.read());
            }
        }
    }

    @Test
    void idleTunnelsAreClosed() throws Exception {
        ProxyOptions o = ProxyFixture.options().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(500));
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"), o);
             Socket s = tunnel(p)) {
            s.getOutputStream().write("x".getBytes(StandardCharsets.US_ASCII));
            assertEquals('x', s.getInputStream().read());
            assertEquals(-1, s.getInputStream().read());
        }
    }

    /** A CONNECT tunnel to the echo server, established. */
    static Socket tunnel(ProxyFixture p) throws Exception {
        Socket s = p.connect();
        String t = "127.0.0.1:" + servers.echoPort();
        s.getOutputStream().write(("CONNECT " + t + " HTTP/1.1\r\nHost: " + t + "\r\nProxy-Authorization: Basic " + p.basic()
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = ProxyFixture.readHead(s.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        return s;
    }

    private static int drain(InputStream in) throws Exception {
        int c;
        while ((c = in.read()) >= 0) {
            // a 4xx or nothing, then the close
        }
        return c;
    }
}
