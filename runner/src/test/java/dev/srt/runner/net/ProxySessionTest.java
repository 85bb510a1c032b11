package dev.srt.runner.net;

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
        // no relays were started: close() has none to wait for
        return new ProxyBridge.ProxySession(new CompletableFuture<>(), prepared, started, CompletableFuture.completedFuture(null),
            training, abandoned);
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
}
