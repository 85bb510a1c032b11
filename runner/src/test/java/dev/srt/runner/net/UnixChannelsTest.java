package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxies' unix-socket channels: half-closure and the options ProxyServer sets, on real sockets. */
class UnixChannelsTest {
    @Test
    void aClientsHalfCloseLeavesTheChannelOpenForTheAnswer(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("s.sock");
        ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        bound.bind(UnixDomainSocketAddress.of(sock));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group)
                .channelFactory(() -> new UnixServerChannel(bound))
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    private int received;

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        received += ((ByteBuf) msg).readableBytes();
                        ((ByteBuf) msg).release();
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        // Without half-closure Netty closes the channel at the EOF and this never comes.
                        if (evt instanceof ChannelInputShutdownEvent) {
                            ctx.writeAndFlush(Unpooled.copiedBuffer("got " + received, StandardCharsets.US_ASCII))
                                .addListener(ChannelFutureListener.CLOSE);
                        }
                    }
                })
                .register().sync().channel();
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
                client.write(ByteBuffer.wrap(new byte[5000]));
                client.shutdownOutput();
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(64);
                while (client.read(buf.clear()) > 0) answer.write(buf.array(), 0, buf.position());
                assertEquals("got 5000", answer.toString(StandardCharsets.US_ASCII));
            }
            server.close().sync();
            assertTrue(!bound.isOpen());
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    @Test
    void theOptionsOfTheProxiesAreKnownAndTcpOnesAreRefused(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("o.sock");
        try (ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            bound.bind(UnixDomainSocketAddress.of(sock));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(sock));
                 SocketChannel accepted = bound.accept()) {
                UnixStreamChannel ch = new UnixStreamChannel(null, accepted);
                UnixStreamConfig c = ch.config();
                assertTrue(c.setOption(ChannelOption.ALLOW_HALF_CLOSURE, true));
                assertEquals(true, c.getOption(ChannelOption.ALLOW_HALF_CLOSURE));
                assertTrue(c.setOption(ChannelOption.SO_SNDBUF, 256 * 1024));
                assertTrue(c.getOption(ChannelOption.SO_SNDBUF) >= 256 * 1024); // the kernel doubles it (socket(7))
                assertTrue(c.setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, DataPath.WATER_MARK));
                assertTrue(c.setOption(ChannelOption.RECVBUF_ALLOCATOR, DataPath.RECV));
                assertTrue(c.setOption(ChannelOption.ALLOCATOR, DataPath.ALLOCATOR));
                assertEquals(DataPath.WATER_MARK.high(), ((WriteBufferWaterMark) c.getOption(ChannelOption.WRITE_BUFFER_WATER_MARK)).high());
                // TCP settings: unknown as options (Netty's answer for an option a channel lacks), refused as setters
                assertTrue(!c.setOption(ChannelOption.TCP_NODELAY, true));
                assertThrows(UnsupportedOperationException.class, () -> c.setTcpNoDelay(true));
                assertTrue(ch.isActive());
                assertTrue(!ch.isInputShutdown() && !ch.isOutputShutdown());
            }
        }
    }
}
