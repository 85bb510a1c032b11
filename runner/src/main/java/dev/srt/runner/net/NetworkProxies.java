package dev.srt.runner.net;

import dev.srt.ir.ExternalProxy;
import dev.srt.ir.NetPolicy;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Starts the network side of a run. With allow rules: srt's own filtering HTTP + SOCKS5 proxy
 * on one unix socket in a fresh private (0700) directory, reached inside the sandbox through
 * loopback bridges on 127.0.0.1:3128 (HTTP) and 127.0.0.1:1080 (SOCKS5), and usable only with
 * the run's secret, which only the sandboxed environment carries. With {@code proxy} lines in
 * the policy: no filtering proxy, just bridges to the named proxies. With no network at all:
 * nothing. See docs/network.md.
 */
public final class NetworkProxies {
    /** The loopback ports the in-sandbox bridges listen on. */
    public static final int HTTP_PORT = 3128;
    public static final int SOCKS_PORT = 1080;

    private NetworkProxies() {
    }

    public static ProxyHandle start(NetPolicy policy, ProxyOptions options) throws IOException {
        return start(policy, options, Clock.systemUTC());
    }

    static ProxyHandle start(NetPolicy policy, ProxyOptions options, Clock clock) throws IOException {
        ViolationLog violations = new ViolationLog();
        NetworkDecider decider = new NetworkDecider(policy);
        if (!policy.anyNetwork()) return new ProxyHandle(Map.of(), List.of(), null, -1, violations, () -> { });
        Path dir = null;
        if (options.socketDir() != null) {
            Files.createDirectories(options.socketDir());
            dir = Files.createTempDirectory(options.socketDir(), "srt-net-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.workerThreads(), NioIoHandler.newFactory());
        // Name lookups block: up to 4 at a time off the event loops, threads retire when idle.
        ThreadPoolExecutor resolverPool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> {
                Thread t = new Thread(r, "srt-resolver");
                t.setDaemon(true);
                return t;
            });
        resolverPool.allowCoreThreadTimeOut(true);
        List<ProxyServer> servers = new ArrayList<>();
        Path privateDir = dir;
        AutoCloseable resources = () -> {
            for (ProxyServer s : servers) s.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            resolverPool.shutdownNow();
            if (privateDir != null) {
                try (var files = Files.list(privateDir)) {
                    for (Path p : (Iterable<Path>) files::iterator) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(privateDir);
            }
        };
        try {
            if (!policy.proxies().isEmpty()) return external(policy, options, decider, dir, group, servers, violations, resources);
            ProxyAuth auth = ProxyAuth.random();
            Dialer dialer = new Dialer(decider, AddressGuard.forThisHost(), new HostResolver(options.hostOverrides()),
                resolverPool, violations, options, clock);
            Path sock = dir == null ? null : dir.resolve("proxy.sock");
            checkLength(sock);
            ProxyServer server = ProxyServer.start(group, sock, options,
                (ch, guard) -> ch.pipeline().addLast("sniff", new ProtocolSniffer(dialer, auth, options, guard)));
            servers.add(server);
            int httpPort = sock == null ? server.port() : HTTP_PORT;
            int socksPort = sock == null ? server.port() : SOCKS_PORT;
            String cred = ProxyAuth.USER + ":" + auth.secret() + "@";
            String http = "http://" + cred + "127.0.0.1:" + httpPort;
            String socks = "socks5h://" + cred + "127.0.0.1:" + socksPort;
            String ssh = "socat - PROXY:127.0.0.1:%h:%p,proxyport=" + httpPort + ",proxyauth=" + ProxyAuth.USER + ":" + auth.secret();
            List<Bridge> bridges = sock == null ? List.of() : List.of(new Bridge(HTTP_PORT, sock), new Bridge(SOCKS_PORT, sock));
            return new ProxyHandle(ProxyEnvironment.build(http, socks, ssh, decider), bridges, dir,
                sock == null ? server.port() : -1, violations, resources);
        } catch (IOException | RuntimeException e) {
            try {
                resources.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static ProxyHandle external(NetPolicy policy, ProxyOptions options, NetworkDecider decider, Path dir,
                                        EventLoopGroup group, List<ProxyServer> servers, ViolationLog violations,
                                        AutoCloseable resources) throws IOException {
        String http = null;
        String socks = null;
        String ssh = null;
        List<Bridge> bridges = new ArrayList<>();
        for (ExternalProxy p : policy.proxies()) {
            boolean isHttp = p.kind() == ExternalProxy.Kind.HTTP;
            if ((isHttp && http != null) || (!isHttp && socks != null)) continue; // first of each kind
            Path sock = dir == null ? null : dir.resolve(p.kind().word() + ".sock");
            checkLength(sock);
            ProxyServer s = ProxyServer.start(group, sock, options,
                (ch, guard) -> ch.pipeline().addLast("forward", new ForwardOnly(p.host(), p.port(), options, guard)));
            servers.add(s);
            int port = sock == null ? s.port() : (isHttp ? HTTP_PORT : SOCKS_PORT);
            if (sock != null) bridges.add(new Bridge(port, sock));
            if (isHttp) {
                http = "http://127.0.0.1:" + port;
                ssh = "socat - PROXY:127.0.0.1:%h:%p,proxyport=" + port;
            } else {
                socks = "socks5h://127.0.0.1:" + port;
            }
        }
        return new ProxyHandle(ProxyEnvironment.build(http, socks, ssh, decider), bridges, dir,
            dir == null ? servers.get(0).port() : -1, violations, resources);
    }

    private static void checkLength(Path sock) throws IOException {
        // sun_path holds 108 bytes including the terminating NUL (unix(7)).
        if (sock != null && sock.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            throw new IOException("unix socket path too long (max 107 bytes): " + sock);
        }
    }
}
