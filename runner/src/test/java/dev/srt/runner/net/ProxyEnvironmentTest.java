package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.ExternalProxy;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the sandboxed command is told: proxy variables, NO_PROXY, git over SSH; external proxies; no network. */
class ProxyEnvironmentTest {
    @Test
    void noProxyNeverBypassesAnAllowedLoopbackDestination() {
        assertEquals("localhost,127.0.0.1,::1", noProxy(Rules.policy().allow("example.com")));
        assertEquals("127.0.0.1,::1", noProxy(Rules.policy().allow("localhost:8080")));
        assertEquals("localhost,::1", noProxy(Rules.policy().allow("127.0.0.0/8")));
        assertEquals("localhost,127.0.0.1", noProxy(Rules.policy().allow("[::1]:3000")));
        assertEquals("", noProxy(Rules.policy().allow("*")));
    }

    private static String noProxy(Rules r) {
        return ProxyEnvironment.noProxy(new NetworkDecider(r.build()));
    }

    @Test
    void variablesPointAtTheProxyWithTheSecret() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1"))) {
            Map<String, String> env = p.handle.environment();
            for (String k : new String[] {"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"}) {
                assertEquals(p.http(), env.get(k), k);
            }
            assertTrue(p.http().matches("http://srt:[0-9a-f]{32}@127\\.0\\.0\\.1:\\d+"), p.http());
            assertEquals(p.socks(), env.get("all_proxy"));
            assertTrue(env.get("GIT_SSH_COMMAND").startsWith("ssh -o ProxyCommand='socat - PROXY:127.0.0.1:%h:%p,"));
        }
    }

    @Test
    void gitSshProxyCommandReachesTheServerThroughTheProxy() throws Exception {
        try (TestServers servers = new TestServers();
             ProxyFixture p = new ProxyFixture(Rules.policy().allow("127.0.0.1:" + servers.echoPort()))) {
            String git = p.handle.environment().get("GIT_SSH_COMMAND");
            String proxyCommand = git.substring("ssh -o ProxyCommand='".length(), git.length() - 1)
                .replace("%h", "127.0.0.1").replace("%p", String.valueOf(servers.echoPort()));
            Curl.Result r = Curl.run("sh", "-c", "printf SSH-2.0-test | " + proxyCommand);
            assertEquals("SSH-2.0-test", r.out(), r.err());
            String denied = git.substring("ssh -o ProxyCommand='".length(), git.length() - 1)
                .replace("%h", "127.0.0.1").replace("%p", "22");
            assertTrue(Curl.run("sh", "-c", "printf x | " + denied).exit() != 0);
        }
    }

    @Test
    void noNetworkMeansNoProxies() throws Exception {
        try (ProxyHandle h = NetworkProxies.start(Rules.policy().deny("*").build(), ProxyFixture.options())) {
            assertEquals(Map.of(), h.environment());
            assertTrue(h.bridges().isEmpty());
            assertEquals("", h.bridgeScript());
        }
    }

    @Test
    void externalProxyIsOnlyForwardedTo(@TempDir Path tmp) throws Exception {
        try (TestServers servers = new TestServers()) {
            Rules rules = Rules.policy().proxy(ExternalProxy.Kind.HTTP, "127.0.0.1", servers.echoPort());
            try (ProxyHandle h = NetworkProxies.start(rules.build(), ProxyFixture.options())) {
                assertEquals("http://127.0.0.1:" + h.tcpPort(), h.environment().get("HTTP_PROXY"));
                assertEquals("http://127.0.0.1:" + h.tcpPort(), h.environment().get("ALL_PROXY"));
                try (Socket s = new Socket("127.0.0.1", h.tcpPort())) {
                    s.setSoTimeout(10000);
                    s.getOutputStream().write("CONNECT anything:443 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    // The echo server stands in for the external proxy: it receives exactly what the client sent.
                    assertEquals("CONNECT anything:443 HTTP/1.1\r\n\r\n", new String(in.readNBytes(33), StandardCharsets.US_ASCII));
                }
            }
            try (ProxyHandle h = NetworkProxies.start(rules.build(), ProxyFixture.options().withSocketDir(tmp))) {
                assertEquals(1, h.bridges().size());
                assertEquals(NetworkProxies.HTTP_PORT, h.bridges().get(0).port());
                assertEquals("http://127.0.0.1:3128", h.environment().get("HTTP_PROXY"));
                assertTrue(h.bridges().get(0).socket().getFileName().toString().equals("http.sock"));
            }
        }
    }
}
