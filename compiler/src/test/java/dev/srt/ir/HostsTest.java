package dev.srt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Host canonicalisation, shared by the evaluator and the proxies. */
class HostsTest {
    private static String canon(String h) {
        return Hosts.canonical(h).map(Hosts.Canonical::text).orElse("<invalid>");
    }

    @Test
    void ipv4InEveryResolverForm() {
        for (String h : new String[] {"127.0.0.1", "127.1", "127.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "0x7F000001",
            "127.0.0.1.", "0x7f.0.0.1.", "[::ffff:127.0.0.1]", "::ffff:7f00:1"}) {
            assertEquals("127.0.0.1", canon(h), h);
            assertTrue(Hosts.canonical(h).get().isAddress(), h);
        }
    }

    @Test
    void namesEndingInANumberAreNotNames() {
        for (String h : new String[] {"1.2.3.4.5", "foo.123", "foo.0x1f", "256.1.1.1", "127.0.0.1..", "4294967296"}) {
            assertEquals("<invalid>", canon(h), h);
        }
        assertEquals("1e100.net", canon("1e100.net"));
        assertEquals("123.example.com", canon("123.example.com"));
        assertEquals("foo.0xg", canon("foo.0xg"));
    }

    @Test
    void namesAreLowerCasePunycodeWithoutTrailingDot() {
        assertEquals("example.com", canon("Example.COM."));
        assertEquals("xn--bcher-kva.example", canon("bücher.example"));
        assertEquals("<invalid>", canon("bad..name"));
        assertEquals("<invalid>", canon("-x.com"));
        assertEquals(Optional.empty(), Hosts.canonicalName("a b.com"));
    }

    @Test
    void ipv6IsCompressed() {
        assertEquals("::1", canon("[0:0:0:0:0:0:0:1]"));
        assertEquals("2001:db8::1", canon("2001:DB8:0:0:0:0:0:1"));
        assertEquals("<invalid>", canon("fe80::1%eth0"));
    }
}
