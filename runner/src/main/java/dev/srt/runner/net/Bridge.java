package dev.srt.runner.net;

import java.nio.file.Path;
import java.util.List;

/**
 * One loopback port inside the sandbox's empty network namespace that leads to a host unix
 * socket: {@code socat -b262144 TCP-LISTEN:PORT,bind=127.0.0.1,reuseaddr,fork,backlog=1024 UNIX-CONNECT:SOCKET}.
 * The runner bind-mounts {@code socket} at the same path and starts the command before the
 * seccomp filter (which refuses new AF_UNIX sockets to the sandboxed program).
 */
public record Bridge(int port, Path socket) {
    /** socat's transfer buffer: 8 KiB by default, far too small for 1 GB/s. */
    static final int BUFFER = 256 * 1024;

    /** The argv of the in-sandbox relay. */
    public List<String> command() {
        return List.of("socat", "-b" + BUFFER, "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork,backlog=1024",
            "UNIX-CONNECT:" + socket);
    }
}
