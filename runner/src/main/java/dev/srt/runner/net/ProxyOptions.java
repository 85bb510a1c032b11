package dev.srt.runner.net;

import dev.srt.ir.Hosts;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the proxies run. {@code socketDir} null means listen on an ephemeral loopback TCP port
 * (for platforms without the unix-socket bridge) instead of a unix socket in a private directory.
 * {@code hostOverrides} work like curl's {@code --resolve}: a canonical name maps to the
 * addresses the proxy uses instead of asking the system resolver; the address guard still
 * applies to them.
 */
public record ProxyOptions(Path socketDir, String command, Map<String, List<InetAddress>> hostOverrides,
                           Duration connectTimeout, Duration handshakeTimeout, Duration idleTimeout,
                           int maxConnections, int maxHeaderBytes, int maxHeaderCount, int maxInitialLine,
                           int workerThreads) {
    public ProxyOptions {
        hostOverrides = Map.copyOf(hostOverrides);
        if (maxConnections < 1 || maxHeaderBytes < 256 || maxHeaderCount < 1 || maxInitialLine < 64 || workerThreads < 1) {
            throw new IllegalArgumentException("proxy limits out of range");
        }
    }

    /** Defaults: unix socket in {@code socketDir}, limits sized for developer tools. */
    public static ProxyOptions defaults(Path socketDir, String command) {
        return new ProxyOptions(socketDir, command, Map.of(), Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(10), 2048, 32 * 1024, 100, 8192, 2);
    }

    public ProxyOptions withSocketDir(Path dir) {
        return new ProxyOptions(dir, command, hostOverrides, connectTimeout, handshakeTimeout, idleTimeout,
            maxConnections, maxHeaderBytes, maxHeaderCount, maxInitialLine, workerThreads);
    }

    public ProxyOptions withTimeouts(Duration connect, Duration handshake, Duration idle) {
        return new ProxyOptions(socketDir, command, hostOverrides, connect, handshake, idle,
            maxConnections, maxHeaderBytes, maxHeaderCount, maxInitialLine, workerThreads);
    }

    public ProxyOptions withLimits(int connections, int headerBytes, int headerCount) {
        return new ProxyOptions(socketDir, command, hostOverrides, connectTimeout, handshakeTimeout, idleTimeout,
            connections, headerBytes, headerCount, maxInitialLine, workerThreads);
    }

    /**
     * Adds a host override, {@code name} -> {@code address} (an IP literal). Throws
     * IllegalArgumentException for an invalid name or address.
     */
    public ProxyOptions withOverride(String name, String address) {
        String n = Hosts.canonicalName(name).orElseThrow(() -> new IllegalArgumentException("invalid host name: " + name));
        Hosts.Canonical a = Hosts.canonical(address).filter(Hosts.Canonical::isAddress)
            .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + address));
        Map<String, List<InetAddress>> m = new LinkedHashMap<>(hostOverrides);
        try {
            m.put(n, List.of(InetAddress.getByAddress(n, a.address())));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return new ProxyOptions(socketDir, command, m, connectTimeout, handshakeTimeout, idleTimeout,
            maxConnections, maxHeaderBytes, maxHeaderCount, maxInitialLine, workerThreads);
    }

    /** Parses a curl-style override {@code NAME:ADDRESS} (ADDRESS may be a bracketed IPv6 literal). */
    public ProxyOptions withOverride(String spec) {
        int i = spec.indexOf(':');
        if (i <= 0) throw new IllegalArgumentException("expected NAME:ADDRESS, got " + spec);
        return withOverride(spec.substring(0, i), spec.substring(i + 1));
    }
}
