package dev.srt.runner.net;

import dev.srt.ir.Hosts;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The resolved-address guard: addresses a proxy must not dial for an allowed <em>name</em>
 * unless the policy allows that address (or a range holding it) explicitly. Without it, an
 * allowed name that resolves (or is overridden) to 127.0.0.1, a private address or the cloud
 * metadata service would let the sandbox reach services on the host or its network.
 * Ranges: RFC 6890 special-purpose registries, RFC 4291 / 4193 for IPv6, and the addresses of
 * this machine's own interfaces (a service bound to 0.0.0.0 is reachable through them).
 */
public final class AddressGuard {
    private record Range(byte[] net, int prefix, String name) {
    }

    private static final List<Range> RANGES = List.of(
        v4("0.0.0.0", 8, "unspecified"),
        v4("10.0.0.0", 8, "private"),
        v4("100.64.0.0", 10, "shared address space"),
        v4("127.0.0.0", 8, "loopback"),
        v4("169.254.169.254", 32, "cloud metadata"),
        v4("169.254.0.0", 16, "link-local"),
        v4("172.16.0.0", 12, "private"),
        v4("192.0.0.0", 24, "IETF protocol assignments"),
        v4("192.168.0.0", 16, "private"),
        v4("198.18.0.0", 15, "benchmarking"),
        v4("224.0.0.0", 4, "multicast"),
        v4("240.0.0.0", 4, "reserved/broadcast"),
        v6("::", 128, "unspecified"),
        v6("::1", 128, "loopback"),
        v6("::", 96, "IPv4-compatible"),
        v6("fe80::", 10, "link-local"),
        v6("fec0::", 10, "site-local"),
        v6("fc00::", 7, "unique local"),
        v6("ff00::", 8, "multicast"));

    private final List<byte[]> ownAddresses;

    private AddressGuard(List<byte[]> own) {
        this.ownAddresses = own;
    }

    /** A guard that also refuses the addresses of this machine's network interfaces. */
    public static AddressGuard forThisHost() {
        List<byte[]> own = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) own.add(a.getAddress());
            }
        } catch (SocketException e) {
            // No interface list: the static ranges still apply.
        }
        return new AddressGuard(own);
    }

    /** Why {@code address} is guarded ("loopback", "private", ...), or empty when it is an ordinary address. */
    public Optional<String> guarded(byte[] address) {
        byte[] a = unwrap(address);
        for (Range r : RANGES) if (Hosts.inRange(a, r.net, r.prefix)) return Optional.of(r.name);
        for (byte[] own : ownAddresses) if (java.util.Arrays.equals(unwrap(own), a)) return Optional.of("this host's address");
        return Optional.empty();
    }

    /**
     * IPv6 forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4
     * 2002::/16) are judged by the IPv4 address they lead to.
     */
    static byte[] unwrap(byte[] a) {
        if (a.length != 16) return a;
        boolean mapped = true;
        for (int i = 0; i < 10; i++) if (a[i] != 0) mapped = false;
        if (mapped && a[10] == (byte) 0xff && a[11] == (byte) 0xff) return new byte[] {a[12], a[13], a[14], a[15]};
        if (Hosts.inRange(a, Hosts.parseIpv6("64:ff9b::"), 96)) return new byte[] {a[12], a[13], a[14], a[15]};
        if (a[0] == 0x20 && a[1] == 0x02) return new byte[] {a[2], a[3], a[4], a[5]};
        return a;
    }

    private static Range v4(String a, int prefix, String name) {
        return new Range(Hosts.parseIpv4(a), prefix, name);
    }

    private static Range v6(String a, int prefix, String name) {
        return new Range(Hosts.parseIpv6(a), prefix, name);
    }
}
