package dev.srt.runner.net;

import dev.srt.ir.ExternalProxy;
import dev.srt.ir.NetPolicy;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
        return start(prepare(policy, options), Clock.systemUTC());
    }

    static ProxyHandle start(NetPolicy policy, ProxyOptions options, Clock clock) throws IOException {
        return start(prepare(policy, options), clock);
    }

    /**
     * What the run's network side will look like, before anything listens: the private directory
     * and socket paths, the secret, and (with unix sockets) the command's environment and the
     * bridges. The runner plans and starts the sandbox with these while {@link #start} brings the
     * proxies up; the command starts only once both are done.
     */
    public static Prepared prepare(NetPolicy policy, ProxyOptions options) throws IOException {
        return prepare(plan(policy, options));
    }

    /**
     * The part of the run's network side that needs no file or socket: the decisions, the secret
     * and the command's environment. Made first so that the runner can start the sandbox while
     * {@link #prepare(Plan)} creates the directory and binds the sockets (the relays need those
     * only once the sandbox exists).
     */
    public static Plan plan(NetPolicy policy, ProxyOptions options) {
        NetworkDecider decider = new NetworkDecider(policy);
        if (!policy.anyNetwork()) return new Plan(policy, options, decider, null, Map::of);
        boolean tcp = options.socketDir() == null;
        if (!policy.proxies().isEmpty()) {
            return new Plan(policy, options, decider, null, tcp ? null : () -> externalEnvironment(policy, null, decider));
        }
        ProxyAuth auth = ProxyAuth.random();
        return new Plan(policy, options, decider, auth, tcp ? null : () -> ownEnvironment(auth, HTTP_PORT, SOCKS_PORT, decider));
    }

    /** Creates the private directory and binds the sockets {@code plan} describes. */
    public static Prepared prepare(Plan plan) throws IOException {
        return prepare(plan, plan.policy.anyNetwork() ? privateDirectory(plan.options) : null);
    }

    /**
     * Creates the run's private (0700) socket directory; null in TCP mode. Made before anything
     * else, with no need for the rules, so that the relays ({@link #relayBridges}) can start
     * while the rules are read and the sockets bound.
     */
    public static Path privateDirectory(ProxyOptions options) throws IOException {
        if (options.socketDir() == null) return null;
        Files.createDirectories(options.socketDir());
        return dev.srt.runner.linux.RunDir.newPrivateDirectory(options.socketDir(), "srt-net-");
    }

    /**
     * The two loopback ports inside the sandbox and the sockets in {@code dir} they lead to, the
     * same whatever the rules say: 3128 to {@code http.sock}, 1080 to {@code socks.sock}.
     * {@link #prepare} makes both lead somewhere: srt's own proxy (one socket, {@code proxy.sock},
     * which tells the protocols apart, linked under both names), the policy's external proxies,
     * or, for a kind the policy names no proxy of, a socket that closes every connection at once.
     */
    public static List<Bridge> relayBridges(Path dir) {
        return List.of(new Bridge(HTTP_PORT, dir.resolve(HTTP_SOCKET)), new Bridge(SOCKS_PORT, dir.resolve(SOCKS_SOCKET)));
    }

    /** The socket in {@code dir} that the relay on {@code port} leads to ({@link #relayBridges}), or null. */
    static Path relaySocket(Path dir, int port) {
        for (Bridge b : relayBridges(dir)) if (b.port() == port) return b.socket();
        return null;
    }

    /** Binds the sockets {@code plan} describes in {@code dir} (from {@link #privateDirectory}); removes {@code dir} on failure. */
    public static Prepared prepare(Plan plan, Path dir) throws IOException {
        if (!plan.policy.anyNetwork() || dir == null) {
            deleteDir(dir);
            return new Prepared(plan, null, List.of(), Map.of());
        }
        Map<Path, ServerSocketChannel> listeners = new java.util.LinkedHashMap<>();
        try {
            if (plan.policy.proxies().isEmpty()) {
                Path sock = dir.resolve(OWN_SOCKET);
                checkLength(dir.resolve(HTTP_SOCKET));
                listeners.put(sock, ProxyServer.listen(sock));
                // connect(2) follows symbolic links (unix(7)): both relays reach the one socket
                Files.createSymbolicLink(dir.resolve(HTTP_SOCKET), Path.of(OWN_SOCKET));
                Files.createSymbolicLink(dir.resolve(SOCKS_SOCKET), Path.of(OWN_SOCKET));
                return new Prepared(plan, dir, relayBridges(dir), listeners);
            }
            List<Bridge> bridges = new ArrayList<>();
            for (ExternalProxy p : externals(plan.policy)) {
                bridges.add(new Bridge(p.kind() == ExternalProxy.Kind.HTTP ? HTTP_PORT : SOCKS_PORT, dir.resolve(externalSocket(p))));
            }
            for (Bridge b : relayBridges(dir)) { // the kinds without a proxy too: they refuse
                checkLength(b.socket());
                listeners.put(b.socket(), ProxyServer.listen(b.socket()));
            }
            return new Prepared(plan, dir, bridges, listeners);
        } catch (IOException | RuntimeException e) {
            closeAll(listeners.values());
            deleteDir(dir);
            throw e;
        }
    }

    /**
     * The network side of a run before anything exists on disk. The environment is made when
     * first asked for, by the thread that needs it (the runner's planning), so that the proxies'
     * start does not wait for it; null when it depends on ports not bound yet (TCP mode).
     */
    public static final class Plan {
        final NetPolicy policy;
        final ProxyOptions options;
        final NetworkDecider decider;
        final ProxyAuth auth;
        private final Supplier<Map<String, String>> environmentMaker;
        private Map<String, String> environment;

        Plan(NetPolicy policy, ProxyOptions options, NetworkDecider decider, ProxyAuth auth,
             Supplier<Map<String, String>> environment) {
            this.policy = policy;
            this.options = options;
            this.decider = decider;
            this.auth = auth;
            this.environmentMaker = environment;
        }

        /** The command's proxy variables; null when they depend on a port not bound yet (TCP mode). */
        public synchronized Map<String, String> environment() {
            if (environment == null && environmentMaker != null) environment = Map.copyOf(environmentMaker.get());
            return environment;
        }
    }

    /**
     * The network side of a run as {@link #prepare} left it. The environment is made when first
     * asked for, by the thread that needs it (the runner's planning), so that the proxies' start
     * does not wait for it; null until a TCP port is bound (TCP mode).
     */
    public static final class Prepared {
        final Plan plan;
        final NetPolicy policy;
        final ProxyOptions options;
        final NetworkDecider decider;
        final Path dir;
        final ProxyAuth auth;
        private final List<Bridge> bridges;
        /** The unix sockets, already listening (connections wait in the backlog until {@link #start}). */
        final Map<Path, ServerSocketChannel> listeners;

        Prepared(Plan plan, Path dir, List<Bridge> bridges, Map<Path, ServerSocketChannel> listeners) {
            this.listeners = Map.copyOf(listeners);
            this.plan = plan;
            this.policy = plan.policy;
            this.options = plan.options;
            this.decider = plan.decider;
            this.dir = dir;
            this.auth = plan.auth;
            this.bridges = List.copyOf(bridges);
        }

        /** The command's proxy variables; null when they depend on a port not bound yet (TCP mode). */
        public Map<String, String> environment() {
            return plan.environment();
        }

        /** Listening on loopback TCP (no socket directory): the environment follows the bound ports. */
        boolean tcp() {
            return dir == null;
        }

        /** The bound channel of {@code socket}, or null (TCP mode). */
        ServerSocketChannel listener(Path socket) {
            return socket == null ? null : listeners.get(socket);
        }

        /** The unix socket {@code name} of this run, or null in TCP mode. */
        Path socket(String name) {
            return dir == null ? null : dir.resolve(name);
        }

        /** The loopback bridges into the sandbox (unix-socket mode). */
        public List<Bridge> bridges() {
            return bridges;
        }

        /** Stops listening and removes the private directory, when {@link #start} is never called or failed. */
        public void discard() {
            closeAll(listeners.values());
            deleteDir(dir);
        }
    }

    /** Brings up the proxies {@code p} describes. On failure nothing is left listening and the directory is gone. */
    public static ProxyHandle start(Prepared p, Clock clock) throws IOException {
        ViolationLog violations = new ViolationLog();
        if (!p.policy.anyNetwork()) return new ProxyHandle(Map::of, List.of(), null, -1, violations, () -> { });
        ProxyOptions options = p.options;
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
        Path privateDir = p.dir;
        AutoCloseable resources = () -> {
            for (ProxyServer s : servers) s.close();
            closeAll(p.listeners.values()); // those no server took over
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            resolverPool.shutdownNow();
            deleteDir(privateDir);
        };
        try {
            if (!p.policy.proxies().isEmpty()) return startExternal(p, group, servers, violations, resources);
            Dialer dialer = new Dialer(p.decider, AddressGuard.forThisHost(), new HostResolver(options.hostOverrides()),
                resolverPool, violations, options, clock);
            Path sock = p.socket(OWN_SOCKET);
            ProxyServer.Chain own = (ch, guard) -> ch.pipeline().addLast("sniff", new ProtocolSniffer(dialer, p.auth, options, guard));
            ProxyServer server = ProxyServer.start(group, sock, p.listener(sock), options, own);
            servers.add(server);
            Supplier<Map<String, String>> env = p.tcp() ? fixed(ownEnvironment(p.auth, server.port(), server.port(), p.decider))
                : p::environment;
            // both relay ports lead to the one proxy, which tells the protocols apart
            ProxyHandle.Adopter adopter = (socket, listener) -> servers.add(ProxyServer.start(group, null, listener, options, own));
            return new ProxyHandle(env, p.bridges(), p.dir, sock == null ? server.port() : -1, violations, resources,
                p.tcp() ? null : adopter);
        } catch (IOException | RuntimeException e) {
            try {
                resources.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Supplier<Map<String, String>> fixed(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        return () -> copy;
    }

    private static Map<String, String> ownEnvironment(ProxyAuth auth, int httpPort, int socksPort, NetworkDecider decider) {
        String cred = ProxyAuth.USER + ":" + auth.secret() + "@";
        String http = "http://" + cred + "127.0.0.1:" + httpPort;
        String socks = "socks5h://" + cred + "127.0.0.1:" + socksPort;
        String ssh = "socat - PROXY:127.0.0.1:%h:%p,proxyport=" + httpPort + ",proxyauth=" + ProxyAuth.USER + ":" + auth.secret();
        return ProxyEnvironment.build(http, socks, ssh, decider);
    }

    private static final String OWN_SOCKET = "proxy.sock";
    private static final String HTTP_SOCKET = "http.sock";
    private static final String SOCKS_SOCKET = "socks.sock";

    private static String externalSocket(ExternalProxy p) {
        return p.kind() == ExternalProxy.Kind.HTTP ? HTTP_SOCKET : SOCKS_SOCKET;
    }

    /** The first external proxy of each kind, in policy order: the ones srt forwards to. */
    private static List<ExternalProxy> externals(NetPolicy policy) {
        List<ExternalProxy> out = new ArrayList<>();
        boolean http = false;
        boolean socks = false;
        for (ExternalProxy p : policy.proxies()) {
            boolean isHttp = p.kind() == ExternalProxy.Kind.HTTP;
            if ((isHttp && http) || (!isHttp && socks)) continue;
            if (isHttp) http = true;
            else socks = true;
            out.add(p);
        }
        return out;
    }

    private static void closeAll(Iterable<ServerSocketChannel> channels) {
        for (ServerSocketChannel c : channels) {
            try {
                c.close();
            } catch (IOException e) {
                // closing a listening socket does not fail in a way that matters here
            }
        }
    }

    private static ProxyHandle startExternal(Prepared p, EventLoopGroup group, List<ProxyServer> servers,
                                             ViolationLog violations, AutoCloseable resources) throws IOException {
        Map<ExternalProxy.Kind, Integer> tcpPorts = new java.util.EnumMap<>(ExternalProxy.Kind.class);
        Map<Path, ProxyServer.Chain> chains = new java.util.HashMap<>();
        for (ExternalProxy x : externals(p.policy)) {
            Path sock = p.socket(externalSocket(x));
            ProxyServer.Chain forward = (ch, guard) -> ch.pipeline().addLast("forward", new ForwardOnly(x.host(), x.port(), p.options, guard));
            ProxyServer s = ProxyServer.start(group, sock, p.listener(sock), p.options, forward);
            servers.add(s);
            tcpPorts.put(x.kind(), s.port());
            if (sock != null) chains.put(sock, forward);
        }
        // a relay port the policy names no proxy for: refused, as nothing listening would be
        ProxyServer.Chain refuse = (ch, guard) -> ch.close();
        for (Map.Entry<Path, ServerSocketChannel> l : p.listeners.entrySet()) {
            if (p.bridges().stream().anyMatch(b -> b.socket().equals(l.getKey()))) continue;
            servers.add(ProxyServer.start(group, l.getKey(), l.getValue(), p.options, refuse));
        }
        ProxyHandle.Adopter adopter = (socket, listener) ->
            servers.add(ProxyServer.start(group, null, listener, p.options, chains.getOrDefault(socket, refuse)));
        Supplier<Map<String, String>> env = p.tcp() ? fixed(externalEnvironment(p.policy, tcpPorts, p.decider)) : p::environment;
        return new ProxyHandle(env, p.bridges(), p.dir, p.dir == null ? servers.get(0).port() : -1, violations, resources,
            p.tcp() ? null : adopter);
    }

    /** Variables for the external proxies: on the bridges' fixed ports, or on {@code tcpPorts} when listening on TCP. */
    private static Map<String, String> externalEnvironment(NetPolicy policy, Map<ExternalProxy.Kind, Integer> tcpPorts,
                                                           NetworkDecider decider) {
        String http = null;
        String socks = null;
        String ssh = null;
        for (ExternalProxy x : externals(policy)) {
            boolean isHttp = x.kind() == ExternalProxy.Kind.HTTP;
            int port = tcpPorts != null ? tcpPorts.get(x.kind()) : isHttp ? HTTP_PORT : SOCKS_PORT;
            if (isHttp) {
                http = "http://127.0.0.1:" + port;
                ssh = "socat - PROXY:127.0.0.1:%h:%p,proxyport=" + port;
            } else {
                socks = "socks5h://127.0.0.1:" + port;
            }
        }
        return ProxyEnvironment.build(http, socks, ssh, decider);
    }

    static void deleteDir(Path dir) {
        if (dir == null) return;
        try {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort: a leftover run directory is removed by the next run's cleanup
        }
    }

    private static void checkLength(Path sock) throws IOException {
        // sun_path holds 108 bytes including the terminating NUL (unix(7)).
        if (sock != null && sock.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            throw new IOException("unix socket path too long (max 107 bytes): " + sock);
        }
    }
}
