package dev.srt.runner.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Real servers on loopback for the proxy tests: an HTTP server, a TCP echo server, a misbehaving one. */
final class TestServers implements AutoCloseable {
    final HttpServer http;
    final HttpServer http6;
    final ServerSocket echo;
    final ServerSocket abort;
    final AtomicInteger httpRequests = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    TestServers() throws IOException {
        http = server(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        HttpServer h6;
        try {
            h6 = server(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        } catch (IOException e) {
            h6 = null;
        }
        http6 = h6;
        echo = new ServerSocket(0, 1024, InetAddress.getByName("127.0.0.1"));
        abort = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptLoop(echo, TestServers::echo);
        acceptLoop(abort, TestServers::abortMidBody);
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    int echoPort() {
        return echo.getLocalPort();
    }

    private HttpServer server(InetSocketAddress a) throws IOException {
        HttpServer s = HttpServer.create(a, 1024);
        s.createContext("/", this::handle);
        s.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return s;
    }

    private void handle(HttpExchange ex) throws IOException {
        httpRequests.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        String q = ex.getRequestURI().getQuery();
        long n = q != null && q.startsWith("n=") ? Long.parseLong(q.substring(2)) : 0;
        try (ex) {
            switch (path) {
                case "/headers": {
                    StringBuilder b = new StringBuilder();
                    for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
                        b.append(e.getKey().toLowerCase()).append(": ").append(String.join(",", e.getValue())).append('\n');
                    }
                    b.append("uri: ").append(ex.getRequestURI()).append('\n');
                    send(ex, 200, b.toString());
                    break;
                }
                case "/big": {
                    ex.sendResponseHeaders(200, n);
                    write(ex.getResponseBody(), n);
                    break;
                }
                case "/chunked": {
                    ex.sendResponseHeaders(200, 0);
                    write(ex.getResponseBody(), n);
                    break;
                }
                case "/echo": {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    long len = 0;
                    byte[] buf = new byte[65536];
                    InputStream in = ex.getRequestBody();
                    for (int r; (r = in.read(buf)) > 0; ) {
                        md.update(buf, 0, r);
                        len += r;
                    }
                    send(ex, 200, len + " " + HexFormat.of().formatHex(md.digest()) + "\n");
                    break;
                }
                default:
                    send(ex, 200, "hello from upstream " + ex.getLocalAddress().getAddress().getHostAddress() + "\n");
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
    }

    /** Writes n bytes of a repeating pattern. */
    static void write(OutputStream out, long n) throws IOException {
        byte[] buf = new byte[65536];
        for (int i = 0; i < buf.length; i++) buf[i] = (byte) ('a' + i % 26);
        while (n > 0) {
            int k = (int) Math.min(buf.length, n);
            out.write(buf, 0, k);
            n -= k;
        }
    }

    interface Conn {
        void serve(Socket s) throws IOException;
    }

    private void acceptLoop(ServerSocket ss, Conn c) {
        Thread t = new Thread(() -> {
            while (!closed) {
                try {
                    Socket s = ss.accept();
                    Thread w = new Thread(() -> {
                        try (s) {
                            c.serve(s);
                        } catch (IOException e) {
                            // client went away
                        }
                    });
                    w.setDaemon(true);
                    w.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    private static void echo(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[65536];
        for (int r; (r = in.read(buf)) > 0; ) out.write(buf, 0, r);
    }

    /** Answers any request with a 10 MB body but sends 1 MB, then resets the connection. */
    private static void abortMidBody(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) return;
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        OutputStream out = s.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        write(out, 1_000_000);
        out.flush();
        s.setSoLinger(true, 0);
    }

    /** A loopback port with nothing listening. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        http.stop(0);
        if (http6 != null) http6.stop(0);
        echo.close();
        abort.close();
    }
}
