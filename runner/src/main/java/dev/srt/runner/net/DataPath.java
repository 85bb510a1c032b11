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
     * A side stops being read while its peer has more than 256 KiB queued and resumes below
     * 64 KiB (see {@link Relay}): what a stalled reader costs the proxy is bounded by this plus
     * one read buffer, whatever the size of the transfer. Direct memory is capped (256 MB by
     * -XX:MaxDirectMemorySize in bin/srt; without it -Xmx64m would cap it at 64 MB), so this
     * per-connection figure decides how many stalled fast downloads fit: under a 64 MB cap 100 of
     * 100 completed (150: 120), with 1 MiB / 1 MiB reads 45 of 100 did (the connections past the
     * cap are closed or hang); under 256 MB all 200 of DirectMemoryCapTest do.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    /**
     * Reads start at 16 KiB and grow to 512 KiB while data streams: fewer system calls per
     * gigabyte than 256 KiB; 1 MiB was about 3% faster still but costs a stalled connection twice the memory.
     */
    static final AdaptiveRecvByteBufAllocator RECV = new AdaptiveRecvByteBufAllocator(2048, 16 * 1024, 512 * 1024);

    /**
     * Pooled direct buffers. Netty's default allocator obtains its memory with
     * {@code ByteBuffer.allocateDirect} on Java 17 without {@code --add-opens}, which zeroes every
     * new block (about a quarter of the proxy's CPU time in a download, in perf profiles); a pool
     * reuses its 4 MiB chunks (8 KiB pages, order 9) instead. One direct arena shared by the
     * event loops and no heap arena: each arena in use holds at least one chunk, and a second
     * one measured 4 MB more peak RSS for 1,000 tunnels and no throughput. Thread caches as
     * Netty's defaults (256 small, 64 normal buffers), on the event loops only. Its own
     * instance, so tests can read its metrics. It refuses to grow past the JVM's direct-memory
     * cap rather than stall the event loop in the JDK's retry ({@link BudgetedPool}).
     */
    static final PooledByteBufAllocator ALLOCATOR = BudgetedPool.underJvmCap();

    /**
     * Send buffer of the bridge's unix socket (the download direction: proxy to relay). With the
     * default (net.core.wmem_default, about 208 KiB) the proxy and socat wake each other every
     * 100 KiB or so. The kernel caps it at net.core.wmem_max, so where that is low this changes nothing.
     */
    static final int UNIX_SNDBUF = 1024 * 1024;
}
