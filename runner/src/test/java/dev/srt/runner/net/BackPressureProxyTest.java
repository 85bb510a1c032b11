package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading must not make the proxy buffer the download: the proxy stops
 * reading from the upstream (Netty auto-read off above the write-buffer high water mark), so
 * the upstream is held back by TCP flow control, and picks up again when the client reads.
 * Without that the proxy would take the whole 1 GiB body into memory at loopback speed.
 */
class BackPressureProxyTest {
    private static final long BODY = 1L << 30;
    /** Kernel socket buffers on the way (autotuned up to net.ipv4.tcp_rmem's maximum) plus the proxy's own. */
    private static final long HELD_BACK = 128L << 20;

    @Test
    void stalledClientHoldsBackAForwardedDownload() throws Exception {
        try (Upstream up = new Upstream(); ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            try (Socket s = client(p)) {
                send(s, "GET http://127.0.0.1:" + up.port() + "/ HTTP/1.1\r\nHost: x\r\nProxy-Authorization: Basic "
                    + p.basic() + "\r\n\r\n");
                assertTrue(ProxyFixture.readHead(s.getInputStream()).startsWith("HTTP/1.1 200"));
                checkHeldBackThenResumes(up, s);
            }
        }
    }

    @Test
    void stalledClientHoldsBackATunnel() throws Exception {
        try (Upstream up = new Upstream(); ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            try (Socket s = client(p)) {
                send(s, "CONNECT 127.0.0.1:" + up.port() + " HTTP/1.1\r\nHost: x\r\nProxy-Authorization: Basic "
                    + p.basic() + "\r\n\r\n");
                assertTrue(ProxyFixture.readHead(s.getInputStream()).startsWith("HTTP/1.1 200"));
                send(s, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(ProxyFixture.readHead(s.getInputStream()).startsWith("HTTP/1.1 200"));
                checkHeldBackThenResumes(up, s);
            }
        }
    }

    private static void checkHeldBackThenResumes(Upstream up, Socket s) throws Exception {
        long stalled = up.awaitStall();
        assertTrue(stalled < HELD_BACK, "upstream sent " + stalled + " bytes to a client that reads nothing");
        long pooled = DataPath.ALLOCATOR.metric().usedDirectMemory();
        assertTrue(pooled < HELD_BACK, "proxy buffers hold " + pooled + " bytes");
        // Reading on lets the upstream send on: the stall was flow control, not a dead connection.
        InputStream in = s.getInputStream();
        long want = stalled + (64L << 20);
        byte[] buf = new byte[1 << 20];
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (up.sent.get() < want && System.nanoTime() < deadline) {
            if (in.read(buf) < 0) break;
        }
        assertTrue(up.sent.get() >= want, "upstream did not resume: " + up.sent.get());
    }

    private static Socket client(ProxyFixture p) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(64 * 1024); // before connect, so the window stays small
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), p.port()));
        s.setSoTimeout(30_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** Answers one request with a 1 GiB body, written as fast as the connection takes it, counting. */
    private static final class Upstream implements AutoCloseable {
        final ServerSocket ss = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        final AtomicLong sent = new AtomicLong();
        private volatile Socket conn;

        Upstream() throws IOException {
            Thread t = new Thread(this::serve, "back-pressure-upstream");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return ss.getLocalPort();
        }

        private void serve() {
            try (Socket s = ss.accept()) {
                conn = s;
                ProxyFixture.readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                for (long left = BODY; left > 0; left -= chunk.length) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the test closed the connection
            }
        }

        /** Waits until the count has not moved for a second (at most 30 s) and returns it. */
        long awaitStall() throws InterruptedException {
            long last = -1;
            int still = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (still < 5 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                long now = sent.get();
                still = now == last ? still + 1 : 0;
                last = now;
            }
            return last;
        }

        @Override
        public void close() throws IOException {
            Socket c = conn;
            if (c != null) c.close();
            ss.close();
        }
    }
}
