package dev.srt.runner.net;

import dev.srt.ir.Hosts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * Turns a canonical host into the addresses to dial: IP literals as they are, overridden names
 * from the options, {@code localhost} as loopback without asking DNS (RFC 6761 section 6.3),
 * {@code .invalid} names as nonexistent (section 6.4), anything else through the system
 * resolver. Blocking: call it off the event loop.
 */
final class HostResolver {
    private final Map<String, List<InetAddress>> overrides;

    HostResolver(Map<String, List<InetAddress>> overrides) {
        this.overrides = overrides;
    }

    List<InetAddress> resolve(Hosts.Canonical host) throws UnknownHostException {
        if (host.isAddress()) return List.of(InetAddress.getByAddress(host.address()));
        List<InetAddress> o = overrides.get(host.text());
        if (o != null) return o;
        if (host.text().equals("invalid") || host.text().endsWith(".invalid")) {
            throw new UnknownHostException(host.text());
        }
        if (host.text().equals("localhost") || host.text().endsWith(".localhost")) {
            return List.of(InetAddress.getByAddress(host.text(), new byte[] {127, 0, 0, 1}),
                InetAddress.getByAddress(host.text(), Hosts.parseIpv6("::1")));
        }
        return List.of(InetAddress.getAllByName(host.text()));
    }
}
