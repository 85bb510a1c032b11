package dev.srt.runner.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolChunkListMetric;
import io.netty.buffer.PoolChunkMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;

/**
 * The proxies' buffer pool ({@link DataPath#ALLOCATOR}), which refuses at once to grow past the
 * JVM's direct-memory cap instead of letting the JDK try: {@code java.nio.Bits.reserveMemory}
 * answers a reservation over the cap with System.gc() and up to about half a second of
 * sleeping, on the event loop, so every connection of that loop stalls (seen with jstack: 200
 * stalled downloads under a 64 MB cap kept both loops sleeping there for over a minute).
 * Refused, the one allocation fails with an OutOfMemoryError, Netty closes that connection's
 * input and the proxy closes the connection; the others go on.
 */
final class BudgetedPool extends PooledByteBufAllocator {
    private final long budget;

    /**
     * @param budget bytes of direct memory the pool's chunks may take; a new chunk is refused
     *               when it would cross it
     */
    BudgetedPool(long budget) {
        // One direct arena, 8 KiB pages, 4 MiB chunks, Netty's default thread caches (DataPath).
        super(true, 0, 1, 8192, 9, 256, 64, false);
        this.budget = budget;
    }

    /** Requests from this size on (reads, which start at 16 KiB) are refused outright near the budget. */
    private static final int LARGE = 16 * 1024;

    /**
     * The JVM's cap less four chunks: headroom for small allocations (response heads, encoded
     * headers) that near the budget still go through when a chunk has room, and may still make
     * the pool take a chunk when that room is fragmented.
     */
    static BudgetedPool underJvmCap() {
        return new BudgetedPool(PlatformDependent.maxDirectMemory() - 4L * (8192 << 9));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        // Cheap while far from the budget (one sum over the chunks). Near it, reads are refused,
        // and a small allocation that no chunk has room for, since it would need a new chunk.
        if (metric().usedDirectMemory() + chunkSize() > budget && (initialCapacity >= LARGE || !roomFor(initialCapacity))) {
            throw new Exhausted(budget);
        }
        return super.newDirectBuffer(initialCapacity, maxCapacity);
    }

    private boolean roomFor(int bytes) {
        for (PoolChunkListMetric list : metric().directArenas().get(0).chunkLists()) {
            for (PoolChunkMetric chunk : list) {
                if (chunk.freeBytes() >= bytes) return true;
            }
        }
        return false;
    }

    /** The budget is spent: an OutOfMemoryError, so Netty's read path closes the connection's input. */
    static final class Exhausted extends OutOfMemoryError {
        private static final long serialVersionUID = 1L;

        Exhausted(long budget) {
            super("srt proxy: direct memory budget of " + (budget >> 20) + " MiB spent");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // raised per refused read under pressure: no stack walk
        }
    }
}
