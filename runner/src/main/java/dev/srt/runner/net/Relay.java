package dev.srt.runner.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

/**
 * Copies bytes from its channel to a peer channel, reading only while the peer can take more
 * (so a slow side never makes the proxy buffer without bound), and closes the peer, after
 * flushing, when its own channel closes or fails. A half-close (EOF on one side's input) is
 * passed on as a shutdown of the peer's output, so a client that sends, shuts down writing and
 * then waits for the answer still gets it. One instance on each side of a tunnel.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel peer;

    Relay(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            peer.flush();
            if (!peer.isWritable()) ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Our channel drained (or filled): let the peer read again (or pause it).
        peer.config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof ChannelInputShutdownEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        Channel self = ctx.channel();
        boolean selfOutputDone = self instanceof DuplexChannel && ((DuplexChannel) self).isOutputShutdown();
        if (selfOutputDone || !(peer instanceof DuplexChannel) || !peer.isActive()) {
            // Both directions have ended (or the peer cannot half-close): done.
            closeOnFlush(peer);
            self.close();
            return;
        }
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> ((DuplexChannel) peer).shutdownOutput());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
        closeOnFlush(peer);
    }

    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }
}
