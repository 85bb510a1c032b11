package dev.srt.runner.net;

import dev.srt.runner.SrtException;
import dev.srt.runner.policy.LoadedPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The seam for the network proxies: when a policy lets the program reach any host, the runner
 * asks a bridge to start srt's proxies on the host and to say what the sandbox needs to reach
 * them (bind mounts of unix sockets, proxy environment variables). The sandbox always has its
 * own network namespace; without a bridge it has no network at all.
 */
public interface NetworkBridge {
    /** Starts the proxies for one run; {@code runDir} is private to the caller. */
    Session start(LoadedPolicy policy, Path runDir) throws SrtException;

    /** A running bridge. Closing it stops the proxies and removes their sockets. */
    interface Session extends AutoCloseable {
        /** Extra bwrap arguments, e.g. {@code --bind SOCKET SOCKET}, placed after the mounts. */
        List<String> bwrapArgs();

        /** Variables added to the command's environment, e.g. {@code HTTPS_PROXY}. */
        Map<String, String> env();

        /**
         * A command prefix started inside the sandbox BEFORE the seccomp filter applies to the
         * user's command (e.g. {@code sh -c '<ProxyHandle#bridgeScript()> exec "$@"' sh}); empty if
         * none. The relays need AF_UNIX sockets, which the policy's filter refuses, so a non-empty
         * prefix needs the nested layout in {@link dev.srt.runner.linux.BwrapLauncher}: the outer
         * bwrap loads no filter (and keeps user namespaces, without --disable-userns), runs the
         * prefix, which execs an inner {@code bwrap --unshare-user --disable-userns
         * --add-seccomp-fd ...} around the command (linux-facts: nested bwrap works). Not built yet.
         */
        List<String> innerPrefix();

        @Override
        void close();
    }

    /** The bridge of this build, if any (the proxies are wired in here). */
    static java.util.Optional<NetworkBridge> available() {
        return java.util.Optional.empty();
    }
}
