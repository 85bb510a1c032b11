package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * 10,000 connections of every kind (tunnels, refusals, plain requests, SOCKS, clients that
 * vanish mid-handshake or mid-transfer, upstreams that fail) leave no descriptor behind:
 * /proc/self/fd counts the proxy's sockets, which live in this JVM.
 */
class DescriptorLeakTest {
    @Test
    void noDescriptorLeakAfter10000Connections() throws Exception {
        try (TestServers servers = new TestServers();
             ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1").deny("127.0.0.1:" + TestServers.closedPort()))) {
            int echo = servers.echoPort();
            int closed = TestServers.closedPort();
            for (int i = 0; i < 200; i++) once(p, i, echo, closed, servers); // warm up lazily created resources
            int before = waitForStableCount(fds());
            for (int i = 0; i < 10_000; i++) once(p, i, echo, closed, servers);
            int after = waitForStableCount(before);
            assertTrue(after <= before + 8, "descriptors before " + before + ", after " + after);
        }
    }

    private static void once(ProxyFixture p, int i, int echo, int closed, TestServers servers) throws Exception {
        try (Socket s = p.connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            String auth = "Proxy-Authorization: Basic " + p.basic() + "\r\n";
            switch (i % 6) {
                case 0: { // tunnel, one round trip, client closes
                    out.write(("CONNECT 127.0.0.1:" + echo + " HTTP/1.1\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    ProxyFixture.readHead(in);
                    out.write('x');
                    in.read();
                    break;
                }
                case 1: // refused by policy
                    out.write(("CONNECT 10.0.0.1:443 HTTP/1.1\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    ProxyFixture.readHead(in);
                    break;
                case 2: // upstream refuses the connection (502)
                    out.write(("GET http://127.0.0.1:" + closed + "/ HTTP/1.1\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    ProxyFixture.readHead(in);
                    break;
                case 3: // client gives up half-way through its request head
                    out.write("GET http://127.0.0.1/ HTTP/1.1\r\nHost: x".getBytes(StandardCharsets.US_ASCII));
                    break;
                case 4: { // SOCKS5 tunnel, client resets it
                    Socks5ProxyTest.handshake(s, p.secret());
                    out.write(Socks5ProxyTest.concat(new byte[] {5, 1, 0}, Socks5ProxyTest.ipv4(127, 0, 0, 1),
                        new byte[] {(byte) (echo >> 8), (byte) echo}));
                    in.readNBytes(10);
                    s.setSoLinger(true, 0);
                    break;
                }
                default: { // upstream fails mid-body (every 60th) or a tunnel the client abandons at once
                    if (i % 60 == 5) {
                        out.write(("GET http://127.0.0.1:" + servers.abort.getLocalPort() + "/ HTTP/1.1\r\n" + auth + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                        in.readNBytes(4096);
                    } else {
                        out.write(("CONNECT 127.0.0.1:" + echo + " HTTP/1.1\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
        }
    }

    private static int fds() {
        String[] l = new File("/proc/self/fd").list();
        return l == null ? 0 : l.length;
    }

    /** Waits (up to 20 s) until the count no longer falls, returning the lowest seen. */
    private static int waitForStableCount(int target) throws InterruptedException {
        int best = fds();
        for (int i = 0; i < 200 && best > target; i++) {
            Thread.sleep(100);
            best = Math.min(best, fds());
        }
        return best;
    }
}
