package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The resolved-address guard through the real proxy: an allowed name that resolves to a
 * loopback, private, link-local or metadata address is refused unless the policy names that
 * address; the host override behaves like DNS for it.
 */
class AddressGuardProxyTest extends WithUpstreamServers {
    @Test
    void allowedNameResolvingToLoopbackIsRefused() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test"))) {
            int before = servers.httpRequests.get();
            Curl.Result r = p.curl("-i", "http://api.example.test:" + port + "/");
            assertEquals(403, r.status());
            assertTrue(r.body().contains("X-Proxy-Error: blocked-by-address-guard"), r.body());
            assertTrue(r.body().contains("loopback address 127.0.0.1"), r.body());
            assertEquals(403, p.connectStatus("api.example.test:" + port));
            assertEquals(before, servers.httpRequests.get());
        }
    }

    @Test
    void explicitAddressAllowLiftsTheGuard() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1:" + port))) {
            assertEquals(200, p.curl("http://api.example.test:" + port + "/").status());
            // The address allow is per port: another port on loopback stays guarded.
            assertEquals(403, p.connectStatus("api.example.test:" + servers.echoPort()));
        }
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.0/8"))) {
            assertEquals(200, p.curl("http://api.example.test:" + port + "/").status());
        }
    }

    @Test
    void allowAnyHostDoesNotLiftTheGuard() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("*"))) {
            assertEquals(403, p.curl("http://api.example.test:" + port + "/").status());
            assertEquals(403, p.curl("http://127.0.0.1:" + port + "/").status());
        }
    }

    @Test
    void metadataPrivateAndLinkLocalAreRefusedWithoutDialling() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("meta.example.test", "lan.example.test"))) {
            Curl.Result meta = p.curl("http://meta.example.test/latest/meta-data/");
            assertEquals(403, meta.status());
            assertTrue(meta.body().contains("cloud metadata"), meta.body());
            Curl.Result lan = p.curl("http://lan.example.test/");
            assertEquals(403, lan.status());
            assertTrue(lan.body().contains("private"), lan.body());
        }
    }

    @Test
    void localhostByNameMeansTheHostsLoopback() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("localhost:" + port))) {
            assertEquals(200, p.curl("http://localhost:" + port + "/").status());
            assertEquals(403, p.curl("http://127.0.0.1:" + port + "/").status());
            assertEquals(403, p.connectStatus("localhost:" + servers.echoPort()));
            // NO_PROXY must not send localhost straight into the sandbox's empty namespace.
            assertTrue(!p.handle.environment().get("NO_PROXY").contains("localhost"));
        }
    }

    @Test
    void denyOnTheResolvedAddressWins() throws Exception {
        try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.0/8").deny("127.0.0.1"))) {
            Curl.Result r = p.curl("http://api.example.test:" + port + "/");
            assertEquals(403, r.status());
            assertTrue(r.body().contains("deny \"127.0.0.1\""), r.body());
        }
    }

    @Test
    void guardClassifiesRanges() {
        AddressGuard g = AddressGuard.forThisHost();
        String[][] cases = {
            {"127.0.0.1", "loopback"}, {"127.255.1.2", "loopback"}, {"0.0.0.0", "unspecified"}, {"10.9.8.7", "private"},
            {"172.31.0.1", "private"}, {"192.168.1.1", "private"}, {"169.254.169.254", "cloud metadata"},
            {"169.254.1.1", "link-local"}, {"100.64.0.1", "shared address space"}, {"224.0.0.1", "multicast"},
            {"255.255.255.255", "reserved/broadcast"}, {"::1", "loopback"}, {"::", "unspecified"}, {"fe80::1", "link-local"},
            {"fd00:ec2::254", "unique local"}, {"ff02::1", "multicast"}, {"64:ff9b::7f00:1", "loopback"},
            {"2002:7f00:1::", "loopback"}, {"::ffff:a00:1", "private"}};
        for (String[] c : cases) {
            byte[] a = dev.srt.ir.Hosts.canonical(c[0]).orElseThrow().address();
            if (c[0].contains(":") && a.length == 4) a = dev.srt.ir.Hosts.parseIpv6(c[0]);
            assertEquals(java.util.Optional.of(c[1]), g.guarded(a), c[0]);
        }
        assertTrue(g.guarded(dev.srt.ir.Hosts.parseIpv4("93.184.216.34")).isEmpty()
            || g.guarded(dev.srt.ir.Hosts.parseIpv4("93.184.216.34")).get().equals("this host's address"));
        assertTrue(g.guarded(dev.srt.ir.Hosts.parseIpv6("2606:4700::1111")).isEmpty()
            || g.guarded(dev.srt.ir.Hosts.parseIpv6("2606:4700::1111")).get().equals("this host's address"));
    }
}
