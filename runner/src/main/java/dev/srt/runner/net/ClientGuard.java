package dev.srt.runner.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * First handler of every client connection: enforces the cap on concurrent connections, the
 * handshake deadline (a client must finish its request head or SOCKS negotiation in time, so a
 * slow client cannot hold a slot by dribbling bytes) and closes idle connections.
 */
final class ClientGuard extends ChannelInboundHandlerAdapter {
    private final AtomicInteger active;
    private final int max;
    private final Duration handshake;
    private ScheduledFuture<?> deadline;
    private boolean counted;

    ClientGuard(AtomicInteger active, int max, Duration handshake) {
        this.active = active;
        this.max = max;
        this.handshake = handshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counted = true;
        if (active.incrementAndGet() > max) {
            ctx.close();
            return;
        }
        arm(ctx);
        ctx.fireChannelActive();
    }

    /** Starts (again) the time the client has to complete a request head. */
    void arm(ChannelHandlerContext ctx) {
        disarm();
        deadline = ctx.executor().schedule(() -> {
            ctx.close();
        }, handshake.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The client finished its handshake or request head. */
    void disarm() {
        if (deadline != null) deadline.cancel(false);
        deadline = null;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent && deadline != null) {
            // EOF before the handshake or request head finished: nothing more can come.
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        if (counted) active.decrementAndGet();
        counted = false;
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An I/O error on the client connection (reset, broken pipe): just close it.
        ctx.close();
    }
}
