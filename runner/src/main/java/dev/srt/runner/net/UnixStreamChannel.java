package dev.srt.runner.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.FileRegion;
import io.netty.channel.nio.AbstractNioByteChannel;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * An accepted unix-socket connection (the relays' side of the proxies) that, unlike Netty's
 * {@code NioDomainSocketChannel}, can be half-closed: Netty's NIO read loop keeps a channel open
 * after EOF only when its config is a {@link io.netty.channel.socket.SocketChannelConfig} with
 * half-closure allowed ({@code AbstractNioByteChannel#isAllowHalfClosure}), which the domain
 * channel's is not, so a client that sends, shuts down writing and waits for the answer lost the
 * tunnel. socat passes the client's EOF on as shutdown(2) of the unix socket; here it becomes a
 * {@link io.netty.channel.socket.ChannelInputShutdownEvent} that {@link Relay} passes on to the
 * upstream, as on TCP. Made only by {@link UnixServerChannel}.
 */
final class UnixStreamChannel extends AbstractNioByteChannel implements DuplexChannel {
    private final UnixStreamConfig config;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;

    UnixStreamChannel(Channel parent, SocketChannel socket) {
        super(parent, socket);
        config = new UnixStreamConfig(this, socket);
    }

    @Override
    protected SocketChannel javaChannel() {
        return (SocketChannel) super.javaChannel();
    }

    @Override
    public UnixStreamConfig config() {
        return config;
    }

    @Override
    public boolean isActive() {
        SocketChannel ch = javaChannel();
        return ch.isOpen() && ch.isConnected();
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown || !isActive();
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown || !isActive();
    }

    @Override
    public boolean isShutdown() {
        return isInputShutdown() && isOutputShutdown();
    }

    @Override
    protected boolean isInputShutdown0() {
        return isInputShutdown();
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        onLoop(() -> {
            try {
                javaChannel().shutdownInput();
                inputShutdown = true;
                promise.setSuccess();
            } catch (IOException | RuntimeException e) {
                promise.setFailure(e);
            }
        });
        return promise;
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        // The unsafe's shutdownOutput fails what is still queued and fires ChannelOutputShutdownEvent.
        onLoop(() -> ((AbstractUnsafe) unsafe()).shutdownOutput(promise));
        return promise;
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        shutdownOutput().addListener(out -> shutdownInput().addListener(in -> {
            Throwable cause = out.cause() != null ? out.cause() : in.cause();
            if (cause != null) promise.setFailure(cause);
            else promise.setSuccess();
        }));
        return promise;
    }

    private void onLoop(Runnable task) {
        EventLoop loop = eventLoop();
        if (loop.inEventLoop()) task.run();
        else loop.execute(task);
    }

    @Override
    protected void doShutdownOutput() throws Exception {
        javaChannel().shutdownOutput();
        outputShutdown = true;
    }

    @Override
    protected int doReadBytes(ByteBuf buf) throws Exception {
        io.netty.channel.RecvByteBufAllocator.Handle handle = unsafe().recvBufAllocHandle();
        handle.attemptedBytesRead(buf.writableBytes());
        return buf.writeBytes(javaChannel(), handle.attemptedBytesRead());
    }

    /** At most this much per gathering write: the socket's send buffer (DataPath.UNIX_SNDBUF). */
    private static final int MAX_GATHER = DataPath.UNIX_SNDBUF;

    /**
     * Writes what is queued with one writev(2) per round where it can (a response head and its
     * body together), as Netty's socket channels do; the generic per-buffer loop otherwise (a file
     * region). Stops when the socket is full and waits for it to drain (OP_WRITE).
     */
    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
        SocketChannel ch = javaChannel();
        int spins = config().getWriteSpinCount();
        do {
            if (in.isEmpty()) {
                clearOpWrite();
                return; // everything written: no OP_WRITE wanted
            }
            ByteBuffer[] buffers = in.nioBuffers(1024, MAX_GATHER);
            int count = in.nioBufferCount();
            if (count == 0) {
                spins -= doWrite0(in);
                continue;
            }
            long written = count == 1 ? ch.write(buffers[0]) : ch.write(buffers, 0, count);
            if (written <= 0) {
                incompleteWrite(true);
                return;
            }
            in.removeBytes(written);
            spins--;
        } while (spins > 0);
        incompleteWrite(spins < 0);
    }

    @Override
    protected int doWriteBytes(ByteBuf buf) throws Exception {
        return buf.readBytes(javaChannel(), buf.readableBytes());
    }

    @Override
    protected long doWriteFileRegion(FileRegion region) throws Exception {
        return region.transferTo(javaChannel(), region.transferred());
    }

    @Override
    protected SocketAddress localAddress0() {
        try {
            return javaChannel().getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected SocketAddress remoteAddress0() {
        try {
            return javaChannel().getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected void doBind(SocketAddress local) {
        throw new UnsupportedOperationException("an accepted unix-socket connection is already bound");
    }

    @Override
    protected boolean doConnect(SocketAddress remote, SocketAddress local) {
        throw new UnsupportedOperationException("an accepted unix-socket connection is already connected");
    }

    @Override
    protected void doFinishConnect() {
        throw new UnsupportedOperationException("an accepted unix-socket connection is already connected");
    }

    @Override
    protected void doDisconnect() throws Exception {
        doClose();
    }

    @Override
    protected void doClose() throws Exception {
        javaChannel().close();
    }
}
