package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 10,000 connections of every kind (tunnels, refusals, plain requests, SOCKS, clients that
 * vanish mid-handshake or mid-transfer, upstreams that fail) leave no descriptor behind:
 * /proc/self/fd counts the proxy's sockets, which live in this JVM. On loopback TCP (macOS, the
 * taken relay ports) and on the unix socket the socat relays lead to (srt run on Linux).
 */
class DescriptorLeakTest {
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void noDescriptorLeakAfter10000Connections(String transport, @TempDir Path dir) {
        ProxyOptions options = transport.equals("unix") ? ProxyFixture.options().withSocketDir(dir) : ProxyFixture.options();
        // A unix socket's streams have no read timeout: a proxy that stopped answering must fail the test, not hang it.
        Assertions.assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
            try (TestServers servers = new TestServers();
                 ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1").deny("127.0.0.1:" + TestServers.closedPort()), options)) {
                assertTrue(transport.equals("unix") != p.handle.bridges().isEmpty(), "served on " + transport);
                int echo = servers.echoPort();
                int closed = TestServers.closedPort();
                for (int i = 0; i < 200; i++) once(p, i, echo, closed, servers); // warm up lazily created resources
                int before = waitForStableCount(fds());
                for (int i = 0; i < 10_000; i++) once(p, i, echo, closed, servers);
                int after = waitForStableCount(before);
                assertTrue(after <= before + 8, "descriptors before " + before + ", after " + after);
            }
        });
    }

    /** One client connection, on whichever transport the fixture serves. */
    private interface Conn extends AutoCloseable {
        InputStream in() throws IOException;

        OutputStream out() throws IOException;

        /** Ends the connection abruptly: a reset on TCP; on a unix socket, which has none, a close. */
        void abort() throws IOException;

        @Override
        void close() throws IOException;
    }

    private static Conn connect(ProxyFixture p) throws IOException {
        if (p.handle.bridges().isEmpty()) {
            Socket s = p.connect();
            return new Conn() {
                public InputStream in() throws IOException {
                    return s.getInputStream();
                }

                public OutputStream out() throws IOException {
                    return s.getOutputStream();
                }

                public void abort() throws IOException {
                    s.setSoLinger(true, 0);
                }

                public void close() throws IOException {
                    s.close();
                }
            };
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(p.handle.bridges().get(0).socket()));
        InputStream in = Channels.newInputStream(ch);
        OutputStream out = Channels.newOutputStream(ch);
        return new Conn() {
            public InputStream in() {
                return in;
            }

            public OutputStream out() {
                return out;
            }

            public void abort() {
            }

            public void close() throws IOException {
                ch.close();
            }
        };
    }

    private static void once(ProxyFixture p, int i, int echo, int closed, TestServers servers) throws Exception {
        try (Conn s = connect(p)) {
            OutputStream out = s.out();
            InputStream in = s.in();
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
                    Socks5ProxyTest.handshake(in, out, p.secret());
                    out.write(Socks5ProxyTest.concat(new byte[] {5, 1, 0}, Socks5ProxyTest.ipv4(127, 0, 0, 1),
                        new byte[] {(byte) (echo >> 8), (byte) echo}));
                    in.readNBytes(10);
                    s.abort();
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
