package dev.srt.runner.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One listening socket of srt's proxies: a unix socket (Java 16+ NIO, {@link UnixServerChannel}:
 * Netty's NIO transport, whose own domain channel cannot be half-closed), a relay port taken from the
 * relays' network namespace, or a loopback TCP port. Each
 * accepted connection gets the connection cap, handshake deadline and idle timeout, then the
 * handler chain the supplier makes.
 */
final class ProxyServer implements AutoCloseable {
    private static final int BACKLOG = 1024;
    private final Channel channel;
    private final Path socket;
    private ProxyServer(Channel channel, Path socket) {
        this.channel = channel;
        this.socket = socket;
    }

    /** Something that completes a client pipeline after the guard. */
    interface Chain {
        void install(Channel ch, ClientGuard guard);
    }

    /**
     * Binds the unix socket {@code socket} (mode 0600, in the caller's 0700 directory) with plain
     * JDK NIO, before any event loop exists: connections made meanwhile wait in the listen
     * backlog until {@link #start} serves this channel, so the sandboxed command can start
     * while the proxies are still coming up.
     */
    static ServerSocketChannel listen(Path socket) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(socket), BACKLOG);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Serves one listening socket: the unix socket {@code socket} already bound by {@link #listen}
     * ({@code bound}); a TCP socket already listening ({@code bound}, no {@code socket}: one taken
     * from the relays' namespace, {@link ListenerTake}); or, when both are null, a new ephemeral
     * port on loopback TCP.
     */
    static ProxyServer start(EventLoopGroup group, Path socket, ServerSocketChannel bound, ProxyOptions options, Chain chain)
        throws IOException {
        if (socket != null && bound == null) throw new IllegalArgumentException("a unix socket is served bound");
        AtomicInteger active = new AtomicInteger();
        Supplier<ClientGuard> guards = () -> new ClientGuard(active, options.maxConnections(), options.handshakeTimeout());
        ServerBootstrap b = new ServerBootstrap()
            .group(group)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, DataPath.WATER_MARK)
            .childOption(ChannelOption.RECVBUF_ALLOCATOR, DataPath.RECV)
            .childOption(ChannelOption.ALLOCATOR, DataPath.ALLOCATOR)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ClientGuard guard = guards.get();
                    // The idle handler fires its event towards the tail, so it goes first, the guard second.
                    ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
                    ch.pipeline().addLast("guard", guard);
                    chain.install(ch, guard);
                }
            });
        // A bound socket got its backlog when it was bound (listen, or socat's backlog=1024).
        if (bound == null) b.option(ChannelOption.SO_BACKLOG, BACKLOG);
        if (socket != null) b.childOption(ChannelOption.SO_SNDBUF, DataPath.UNIX_SNDBUF);
        else b.childOption(ChannelOption.TCP_NODELAY, true);
        // A client's half-close (EOF while it still reads) is passed through tunnels (Relay).
        b.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        SocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try {
            Channel ch;
            if (bound != null) {
                // an already bound channel only needs registering: it is active, so it starts accepting
                address = socket != null ? UnixDomainSocketAddress.of(socket) : bound.getLocalAddress();
                ch = b.channelFactory(() -> socket != null ? new UnixServerChannel(bound) : new NioServerSocketChannel(bound))
                    .register().sync().channel();
            } else {
                ch = b.channel(NioServerSocketChannel.class).bind(address).sync().channel();
            }
            return new ProxyServer(ch, socket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the proxy", e);
        } catch (RuntimeException e) {
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The TCP port when listening on loopback TCP, else -1. */
    int port() {
        return channel.localAddress() instanceof InetSocketAddress ? ((InetSocketAddress) channel.localAddress()).getPort() : -1;
    }


    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        if (socket != null) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // Best effort: the private directory is removed by the caller.
            }
        }
    }
}
