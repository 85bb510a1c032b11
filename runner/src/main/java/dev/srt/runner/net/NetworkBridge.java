package dev.srt.runner.net;

import dev.srt.runner.SrtException;
import dev.srt.runner.policy.LoadedPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The seam for the network proxies: when a policy lets the program reach any host, the runner
 * asks a bridge to start srt's proxies on the host and to say what the sandbox needs to reach
 * them (proxy environment variables, relays into the sandbox's network namespace). The sandbox
 * always has its own network namespace; without a bridge it has no network at all.
 */
public interface NetworkBridge {
    /**
     * Starts the proxies for one run, in the background (the first start loads Netty's classes:
     * the runner plans the sandbox meanwhile); {@code runDir} is private to the caller,
     * {@code command} is the command as given (for violation records), {@code violationsJson}
     * the file for {@code --violations-json} or null.
     */
    Session start(LoadedPolicy policy, Path runDir, List<String> command, Path violationsJson) throws SrtException;

    /** A running bridge. Closing it stops the proxies and removes their sockets. */
    interface Session extends AutoCloseable {
        /** Extra bwrap arguments placed after the mounts (none: the relays run outside the sandbox). */
        List<String> bwrapArgs();

        /** Variables added to the command's environment, e.g. {@code HTTPS_PROXY}; waits for the start. */
        Map<String, String> env() throws SrtException;

        /** A command prefix started inside the sandbox before the filter; empty (see {@link #attach}). */
        List<String> innerPrefix();

        /**
         * Called once the sandbox exists and before its command starts (bwrap {@code --block-fd}):
         * starts the loopback relays inside the sandbox's network namespace, {@code sandboxPid}
         * being bwrap's first child, and returns when they listen and lead to a listening socket.
         */
        void attach(long sandboxPid) throws SrtException;

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
