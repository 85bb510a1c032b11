package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Closing a session whose proxies are still starting: an ordinary run does not wait for them
 * (the command has exited); bin/srt's class-data-sharing training run does, so that the classes
 * the start loads end up in the archive.
 */
class ProxySessionTest {
    /** A start that ends (failing) {@code delayMs} after close() began. */
    private static CompletableFuture<ProxyBridge.Started> failing(CountDownLatch closing, long delayMs) {
        CompletableFuture<ProxyBridge.Started> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                closing.await();
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            f.completeExceptionally(new IllegalStateException("start ended"));
        });
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static ProxyBridge.ProxySession session(CompletableFuture<ProxyBridge.Started> started, boolean training) {
        return session(started, training, new AtomicBoolean());
    }

    private static ProxyBridge.ProxySession session(CompletableFuture<ProxyBridge.Started> started, boolean training,
                                                    AtomicBoolean abandoned) {
        CompletableFuture<NetworkProxies.Prepared> prepared = new CompletableFuture<>();
        prepared.completeExceptionally(new IllegalStateException("nothing was prepared"));
        // no relays were started (null): close() has none to stop
        return new ProxyBridge.ProxySession(new CompletableFuture<>(), prepared, started, null,
            training, abandoned, new java.util.concurrent.atomic.AtomicInteger(ProxyBridge.ProxySession.BINDING));
    }

    @Test
    void trainingRunWaitsForTheStart() {
        CountDownLatch closing = new CountDownLatch(1);
        CompletableFuture<ProxyBridge.Started> started = failing(closing, 100);
        ProxyBridge.ProxySession s = session(started, true);
        closing.countDown();
        s.close();
        assertTrue(started.isDone());
    }

    @Test
    void ordinaryRunDoesNotWaitAndTellsTheStartToGiveUp() {
        CountDownLatch closing = new CountDownLatch(1);
        CompletableFuture<ProxyBridge.Started> started = failing(closing, 5_000);
        AtomicBoolean abandoned = new AtomicBoolean();
        ProxyBridge.ProxySession s = session(started, false, abandoned);
        closing.countDown();
        s.close();
        assertFalse(started.isDone());
        assertTrue(abandoned.get());
    }

    @Test
    void trainingRunDoesNotAbandonTheStart() {
        CountDownLatch closing = new CountDownLatch(1);
        AtomicBoolean abandoned = new AtomicBoolean();
        ProxyBridge.ProxySession s = session(failing(closing, 100), true, abandoned);
        closing.countDown();
        s.close();
        assertFalse(abandoned.get());
    }

    /** A close that comes before the start thread began binding stops it from binding, and waits for nothing. */
    @Test
    void aRunThatEndsBeforeTheBindingBeganStopsItWithoutWaiting() {
        java.util.concurrent.atomic.AtomicInteger sockets = new java.util.concurrent.atomic.AtomicInteger(ProxyBridge.ProxySession.NOT_BOUND);
        ProxyBridge.ProxySession s = new ProxyBridge.ProxySession(new CompletableFuture<>(), new CompletableFuture<>(),
            failing(new CountDownLatch(1), 5_000), null, false, new AtomicBoolean(), sockets);
        long t0 = System.nanoTime();
        s.close();
        assertEquals(ProxyBridge.ProxySession.ENDED, sockets.get());
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "close waited for a binding that had not begun");
    }

    /** A close that comes while the start thread binds waits for that step (so that no socket is made after the clean-up). */
    @Test
    void aRunThatEndsDuringTheBindingWaitsForIt() {
        java.util.concurrent.atomic.AtomicInteger sockets = new java.util.concurrent.atomic.AtomicInteger(ProxyBridge.ProxySession.BINDING);
        CompletableFuture<NetworkProxies.Prepared> prepared = new CompletableFuture<>();
        Thread binder = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            prepared.completeExceptionally(new IllegalStateException("bound, then given up"));
        });
        binder.start();
        ProxyBridge.ProxySession s = new ProxyBridge.ProxySession(new CompletableFuture<>(), prepared,
            failing(new CountDownLatch(1), 5_000), null, false, new AtomicBoolean(), sockets);
        s.close();
        assertTrue(prepared.isDone(), "close returned before the binding step ended");
    }
}
