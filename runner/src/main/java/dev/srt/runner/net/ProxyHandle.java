package dev.srt.runner.net;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A running set of proxies for one {@code srt run}, as the runner needs it: the environment
 * for the sandboxed command, the unix sockets to bind-mount and the in-sandbox bridges to start
 * (empty when listening on loopback TCP), the violation stream, and {@link #close()}.
 */
public final class ProxyHandle implements AutoCloseable {
    private final Supplier<Map<String, String>> environment;
    private final List<Bridge> bridges;
    private final Path privateDir;
    private final int tcpPort;
    private final ViolationLog violations;
    private final AutoCloseable resources;
    private final Adopter adopter;

    /** Serves a relay port's listening socket as the bridge to {@code socket} is served. */
    interface Adopter {
        void serve(Path socket, ServerSocketChannel listener) throws IOException;
    }

    ProxyHandle(Supplier<Map<String, String>> environment, List<Bridge> bridges, Path privateDir, int tcpPort,
                ViolationLog violations, AutoCloseable resources) {
        this(environment, bridges, privateDir, tcpPort, violations, resources, null);
    }

    ProxyHandle(Supplier<Map<String, String>> environment, List<Bridge> bridges, Path privateDir, int tcpPort,
                ViolationLog violations, AutoCloseable resources, Adopter adopter) {
        this.adopter = adopter;
        this.environment = environment;
        this.bridges = List.copyOf(bridges);
        this.privateDir = privateDir;
        this.tcpPort = tcpPort;
        this.violations = violations;
        this.resources = resources;
    }

    /** Variables to set in the sandboxed command's environment (empty when no network is allowed). */
    public Map<String, String> environment() {
        return environment.get();
    }

    /** The in-sandbox relays to start before the command; each needs its socket bind-mounted. */
    public List<Bridge> bridges() {
        return bridges;
    }

    /** Host paths to bind-mount into the sandbox at the same place (the bridge sockets). */
    public List<Path> bindMounts() {
        List<Path> out = new ArrayList<>();
        for (Bridge b : bridges) if (!out.contains(b.socket())) out.add(b.socket());
        return out;
    }

    /**
     * A POSIX sh fragment that starts every bridge in the background and waits (at most 3 s)
     * until all of them listen, reading /proc/net/tcp rather than connecting, so no connection
     * is made to the proxies just to probe them. Empty when there are no bridges.
     */
    public String bridgeScript() {
        if (bridges.isEmpty()) return "";
        StringBuilder b = new StringBuilder();
        StringBuilder pattern = new StringBuilder();
        for (Bridge br : bridges) {
            for (String a : br.command()) b.append(ProxyEnvironment.shellQuote(a)).append(' ');
            b.append(">/dev/null 2>&1 &\n");
            pattern.append(pattern.length() == 0 ? "" : "\\|")
                .append(String.format(" 0100007F:%04X 00000000:0000 0A", br.port()));
        }
        b.append("srt_i=0; while [ $srt_i -lt 300 ]; do ")
            .append("[ \"$(grep -c '").append(pattern).append("' /proc/net/tcp)\" -ge ").append(bridges.size())
            .append(" ] && break; sleep 0.01; srt_i=$((srt_i+1)); done\n");
        return b.toString();
    }

    /** The private 0700 directory holding the sockets, or null when listening on TCP. */
    public Path privateDir() {
        return privateDir;
    }

    /** The loopback TCP port of the proxy when not using unix sockets, else -1. */
    public int tcpPort() {
        return tcpPort;
    }

    public ViolationLog violations() {
        return violations;
    }

    /**
     * Serves the relay ports' listening sockets taken from the relays' namespace ({@link
     * ListenerTake}, by port) with what serves their bridges' sockets, and closes them when this
     * handle closes. Those of a port without a relay bridge are closed at once.
     */
    void adopt(Map<Integer, ServerSocketChannel> listeners) throws IOException {
        IOException failed = null;
        for (Map.Entry<Integer, ServerSocketChannel> l : listeners.entrySet()) {
            Path socket = privateDir == null ? null : NetworkProxies.relaySocket(privateDir, l.getKey());
            try {
                if (adopter == null || socket == null) throw new IOException("no relay port " + l.getKey() + " in this run");
                adopter.serve(socket, l.getValue());
            } catch (IOException | RuntimeException e) {
                try {
                    l.getValue().close();
                } catch (IOException ignored) {
                    // nothing listens on it any more either way
                }
                if (failed == null) failed = e instanceof IOException ? (IOException) e : new IOException(e);
            }
        }
        if (failed != null) throw failed;
    }

    /** Stops listening, closes every connection, removes the sockets and the private directory. */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            // Closing is best effort; nothing is left listening once the event loops stop.
        }
    }
}
