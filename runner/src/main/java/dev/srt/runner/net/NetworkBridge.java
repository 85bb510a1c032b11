package dev.srt.runner.net;

import dev.srt.runner.SrtException;
import dev.srt.runner.policy.LoadedPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The seam for the network proxies: when a policy lets the program reach any host, the runner
 * asks a bridge to start srt's proxies on the host and to say what the sandbox needs to reach
 * them (proxy environment variables, the network namespace where its relays listen, which the
 * sandbox joins). The sandbox never shares the host's network namespace; without a bridge it has
 * an empty one and no network at all.
 */
public interface NetworkBridge {
    /**
     * Starts the proxies for one run, in the background (the first start loads Netty's classes:
     * the runner plans the sandbox meanwhile); {@code runDir} is private to the caller,
     * {@code command} is the command as given (for violation records), {@code violationsJson}
     * the file for {@code --violations-json} or null, {@code root} whether srt runs as root.
     */
    Session start(LoadedPolicy policy, Path runDir, List<String> command, Path violationsJson, boolean root)
        throws SrtException;

    /** A running bridge. Closing it stops the proxies and removes their sockets. */
    interface Session extends AutoCloseable {
        /** Variables added to the command's environment, e.g. {@code HTTPS_PROXY}; waits for the start. */
        Map<String, String> env() throws SrtException;

        /**
         * The command that starts bwrap inside the network namespace where the loopback relays
         * listen, e.g. {@code nsenter --user=... --net=... --}; bwrap then makes no network
         * namespace of its own. Waits until the relays listen; never empty (fails instead).
         */
        List<String> joinPrefix() throws SrtException;

        /**
         * Why the proxies did not come up, or null. They finish starting while the command already
         * runs (its connections wait in the listen backlog meanwhile); if they fail, the listening
         * sockets are closed, so the command has no network at all, and srt reports the failure
         * (exit 125) when the command has exited.
         */
        default String failure() {
            return null;
        }

        /** The stderr summary of refused connections (honouring {@code violations { ignore }}), or "". */
        String summary();

        @Override
        void close();
    }

    /** The bridge of this build: srt's own proxies ({@link ProxyBridge}). */
    static java.util.Optional<NetworkBridge> available() {
        return java.util.Optional.of(new ProxyBridge());
    }
}
