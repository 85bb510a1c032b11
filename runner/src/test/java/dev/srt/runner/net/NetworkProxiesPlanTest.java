package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.ExternalProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NetworkProxies#plan}: the command's environment is known before the private directory
 * and sockets exist (the runner starts the sandbox meanwhile), and {@link NetworkProxies#prepare}
 * then creates exactly what that environment points at.
 */
class NetworkProxiesPlanTest {
    @Test
    void ownProxiesEnvironmentBeforeAnythingExists(@TempDir Path runDir) throws Exception {
        NetworkProxies.Plan plan = NetworkProxies.plan(Rules.policy().allow("example.com").build(), ProxyOptions.defaults(runDir, "true"));
        Map<String, String> env = plan.environment();
        try (var files = Files.list(runDir)) {
            assertEquals(0, files.count(), "plan() must create nothing");
        }
        String secret = plan.auth.secret();
        assertEquals("http://srt:" + secret + "@127.0.0.1:3128", env.get("HTTPS_PROXY"));
        assertEquals("socks5h://srt:" + secret + "@127.0.0.1:1080", env.get("ALL_PROXY"));

        NetworkProxies.Prepared p = NetworkProxies.prepare(plan);
        try {
            assertSame(env, p.environment());
            assertEquals(List.of(3128, 1080), p.bridges().stream().map(Bridge::port).toList());
            Path sock = p.bridges().get(0).socket();
            assertTrue(sock.startsWith(runDir) && Files.exists(sock), sock.toString());
        } finally {
            p.discard();
        }
        try (var files = Files.list(runDir)) {
            assertEquals(0, files.count(), "discard() removes the private directory");
        }
    }

    @Test
    void externalProxyEnvironmentBeforeAnythingExists(@TempDir Path runDir) throws Exception {
        NetworkProxies.Plan plan = NetworkProxies.plan(Rules.policy().proxy(ExternalProxy.Kind.HTTP, "127.0.0.1", 8080).build(),
            ProxyOptions.defaults(runDir, "true"));
        assertEquals("http://127.0.0.1:3128", plan.environment().get("HTTP_PROXY"));
        assertNull(plan.auth);
        try (var files = Files.list(runDir)) {
            assertEquals(0, files.count(), "plan() must create nothing");
        }
        NetworkProxies.Prepared p = NetworkProxies.prepare(plan);
        try {
            assertEquals(List.of(3128), p.bridges().stream().map(Bridge::port).toList());
        } finally {
            p.discard();
        }
    }

    /** Without a socket directory the proxies listen on TCP ports not chosen yet: no environment ahead. */
    @Test
    void tcpModeHasNoEnvironmentAhead() {
        NetworkProxies.Plan plan = NetworkProxies.plan(Rules.policy().allow("example.com").build(), ProxyOptions.defaults(null, "true"));
        assertNull(plan.environment());
        assertFalse(plan.auth == null);
    }
}
