package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * srt silences Netty's log, so a channel option Netty does not know (it warns and ignores it)
 * would go unseen: here the proxies run in a JVM of their own with Netty's log on standard
 * error, serve a forwarded request and a tunnel over the unix socket the relays use, and must
 * not have warned of anything. (The SO_BACKLOG option once went to the bound unix socket.)
 */
class NettyWarningsTest {
    @Test
    void theProxiesServeTheUnixSocketWithoutAWarning() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(DirectMemoryCapTest.launcherFlags());
        cmd.addAll(List.of("-XX:+DisplayVMOutput", "-cp", System.getProperty("java.class.path"), ProxyChild.class.getName(), "unix"));
        Path err = Files.createTempFile("proxy-child", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try (TestServers servers = new TestServers()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            URI proxy = URI.create(out.readLine().substring("HTTP_PROXY ".length()));
            Path socket = Path.of(out.readLine().substring("SOCKET ".length()));
            String auth = "Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString(proxy.getUserInfo().getBytes(StandardCharsets.US_ASCII)) + "\r\n";
            String target = "127.0.0.1:" + servers.httpPort();
            assertTrue(exchange(socket, "GET http://" + target + "/ HTTP/1.1\r\nHost: " + target + "\r\n" + auth
                + "Connection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
            String echo = "127.0.0.1:" + servers.echoPort();
            assertTrue(exchange(socket, "CONNECT " + echo + " HTTP/1.1\r\nHost: " + echo + "\r\n" + auth + "\r\n")
                .startsWith("HTTP/1.1 200"));
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        String log = Files.readString(err);
        Files.deleteIfExists(err);
        assertEquals("", log, "the proxies' JVM wrote to standard error");
    }

    /** Sends {@code request} on a new connection to the unix socket and returns the head of the answer. */
    private static String exchange(Path socket, String request) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(java.nio.ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(ch);
            return ProxyFixture.readHead(in);
        }
    }
}
