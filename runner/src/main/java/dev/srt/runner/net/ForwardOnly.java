package dev.srt.runner.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * For a policy that names an external proxy ({@code proxy http|socks "host:port"}): srt runs
 * none of its own filtering, but the sandbox has no network of its own either, so each
 * connection arriving on the bridge socket is passed byte for byte to the external proxy.
 */
final class ForwardOnly extends ChannelInboundHandlerAdapter {
    private final String host;
    private final int port;
    private final ProxyOptions options;
    private final ClientGuard guard;

    ForwardOnly(String host, int port, ProxyOptions options, ClientGuard guard) {
        this.host = host;
        this.port = port;
        this.options = options;
        this.guard = guard;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        guard.disarm();
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        ChannelFuture f = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, DataPath.WATER_MARK)
            .option(ChannelOption.RECVBUF_ALLOCATOR, DataPath.RECV)
            .option(ChannelOption.ALLOCATOR, DataPath.ALLOCATOR)
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                }
            })
            .connect(new InetSocketAddress(host, port));
        f.addListener((ChannelFuture cf) -> {
            if (!cf.isSuccess() || !client.isActive()) {
                cf.channel().close();
                client.close();
                return;
            }
            Channel up = cf.channel();
            client.pipeline().remove(this);
            client.pipeline().addLast(new Relay(up));
            up.pipeline().addLast(new Relay(client));
            client.closeFuture().addListener(x -> up.close());
            client.config().setAutoRead(true);
            up.config().setAutoRead(true);
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
