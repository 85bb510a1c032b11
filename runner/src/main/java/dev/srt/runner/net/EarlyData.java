package dev.srt.runner.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes a client sent right behind its CONNECT request, in the same read, before the proxy
 * answered ("optimistic data", e.g. a TLS ClientHello sent at once): held while the proxy dials,
 * then written to the upstream ahead of everything the relay forwards, or released if the tunnel
 * never opens. At most what one read brought in: the client is not read again until the tunnel
 * is open. Synchronised, because a refusal can be reported from a resolver thread.
 */
final class EarlyData {
    private final List<ByteBuf> held = new ArrayList<>();
    private boolean closed;

    /** Takes ownership of {@code b}. */
    synchronized void hold(ByteBuf b) {
        if (closed) {
            b.release();
            return;
        }
        held.add(b);
    }

    /** Writes what is held to {@code up} (which then owns it); nothing is held afterwards. */
    synchronized void writeTo(Channel up) {
        closed = true;
        for (ByteBuf b : held) up.write(b);
        held.clear();
        up.flush();
    }

    /** Releases what is held; later bytes are released at once. */
    synchronized void release() {
        closed = true;
        for (ByteBuf b : held) b.release();
        held.clear();
    }
}
