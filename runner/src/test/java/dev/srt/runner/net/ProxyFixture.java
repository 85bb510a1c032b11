package dev.srt.runner.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts srt's proxies in-process on loopback TCP (no bridge) with test host overrides. */
final class ProxyFixture implements AutoCloseable {
    final ProxyHandle handle;

    static ProxyOptions options() {
        return ProxyOptions.defaults(null, "curl test")
            .withOverride("api.example.test", "127.0.0.1")
            .withOverride("www.example.test", "127.0.0.1")
            .withOverride("example.test", "127.0.0.1")
            .withOverride("other.test", "127.0.0.1")
            .withOverride("v6.example.test", "::1")
            .withOverride("meta.example.test", "169.254.169.254")
            .withOverride("lan.example.test", "10.1.2.3")
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    ProxyFixture(Rules rules) throws IOException {
        this(rules, options());
    }

    ProxyFixture(Rules rules, ProxyOptions options) throws IOException {
        handle = NetworkProxies.start(rules.build(), options);
    }

    String http() {
        return handle.environment().get("HTTP_PROXY");
    }

    String socks() {
        return handle.environment().get("ALL_PROXY");
    }

    int port() {
        return handle.tcpPort();
    }

    String secret() {
        String userInfo = URI.create(http()).getUserInfo();
        return userInfo.substring(userInfo.indexOf(':') + 1);
    }

    /** curl through the HTTP proxy. */
    Curl.Result curl(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("-x", http()));
        a.addAll(List.of(args));
        return Curl.curl(a.toArray(new String[0]));
    }

    /** A raw connection to the proxy. */
    Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port());
        s.setSoTimeout(15000);
        return s;
    }

    String basic() {
        return java.util.Base64.getEncoder().encodeToString(("srt:" + secret()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a status line and header fields up to the blank line (empty when the peer closed first). */
    static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) break;
            b.append((char) c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return b.toString();
    }

    /** Status code of a raw CONNECT to {@code target} on a new connection (closed afterwards). */
    int connectStatus(String target) throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\nProxy-Authorization: Basic " + basic()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(s.getInputStream());
            if (head.isEmpty()) return -1;
            return Integer.parseInt(head.split(" ")[1]);
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}
