package dev.srt.runner.net;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;

/**
 * Channel settings of the proxy's byte path, the same on the client side (bridge socket) and
 * the upstream side. Measured with {@code bench/network.sh} (docs/network.md, Figures): together
 * they lift a 1 GiB download through {@code srt run} from about 0.75 to about 1 GB/s on the
 * 2-core test machine.
 */
final class DataPath {
    private DataPath() {
    }

    /**
     * A side stops being read while its peer has more than 1 MiB queued and resumes below
     * 256 KiB (see {@link Relay}): what a slow reader costs the proxy is bounded by this plus
     * one read buffer, whatever the size of the transfer.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    /** Reads start at 16 KiB and grow to 1 MiB while data streams: fewer system calls per gigabyte. */
    static final AdaptiveRecvByteBufAllocator RECV = new AdaptiveRecvByteBufAllocator(2048, 16 * 1024, 1024 * 1024);

    /**
     * Pooled direct buffers. Netty's default allocator obtains its memory with
     * {@code ByteBuffer.allocateDirect} on Java 17 without {@code --add-opens}, which zeroes every
     * new block (about a quarter of the proxy's CPU time in a download, in perf profiles); a pool
     * reuses its 4 MiB chunks (8 KiB pages, order 9) instead. One direct arena shared by the
     * event loops and no heap arena: each arena in use holds at least one chunk, and a second
     * one measured 4 MB more peak RSS for 1,000 tunnels and no throughput. Thread caches as
     * Netty's defaults (256 small, 64 normal buffers), on the event loops only. Its own
     * instance, so tests can read its metrics.
     */
    static final PooledByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(true, 0, 1, 8192, 9, 256, 64, false);

    /**
     * Send buffer of the bridge's unix socket (the download direction: proxy to relay). With the
     * default (net.core.wmem_default, about 208 KiB) the proxy and socat wake each other every
     * 100 KiB or so. The kernel caps it at net.core.wmem_max, so where that is low this changes nothing.
     */
    static final int UNIX_SNDBUF = 1024 * 1024;
}
