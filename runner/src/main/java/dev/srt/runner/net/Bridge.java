package dev.srt.runner.net;

import java.nio.file.Path;
import java.util.List;

/**
 * One loopback port in the sandbox's network namespace that leads to a host unix socket:
 * {@code socat -b262144 -t600 TCP-LISTEN:PORT,bind=127.0.0.1,reuseaddr,fork,backlog=1024 UNIX-CONNECT:SOCKET,retry=5000,interval=0.001}
 * ({@link RelayNamespace} runs it).
 */
public record Bridge(int port, Path socket) {
    /** socat's transfer buffer: 8 KiB by default, far too small for 1 GB/s. */
    static final int BUFFER = 256 * 1024;
    /**
     * How long a relayed connection waits for the proxies' socket (5,000 tries, 1 ms apart): the
     * command may start before srt has bound it, and its first connection then waits instead of
     * failing. The socket's directory is private to srt (0700), so nothing else can be there.
     */
    static final String RETRY = ",retry=5000,interval=0.001";

    /**
     * Seconds socat keeps a connection whose one direction has ended (socat(1) {@code -t}; 0.5 by
     * default): a client that shuts down writing and then reads the answer must get all of it. The
     * proxies' idle timeout (ProxyOptions, 10 minutes) ends a connection that stays silent longer.
     */
    static final int HALF_CLOSED_SECONDS = 600;

    /** The relay's argv. */
    public List<String> command() {
        return List.of("socat", "-b" + BUFFER, "-t" + HALF_CLOSED_SECONDS, "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork,backlog=1024",
            "UNIX-CONNECT:" + socket + RETRY);
    }
}
