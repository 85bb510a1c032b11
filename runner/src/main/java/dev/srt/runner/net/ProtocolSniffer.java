package dev.srt.runner.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import java.util.List;

/**
 * One listener serves both protocols: a first byte of 5 is a SOCKS5 greeting (RFC 1928), 4 is
 * SOCKS4 (not served: closed), anything else is HTTP. Installs the right codec and steps aside.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {
    private final Dialer dialer;
    private final ProxyAuth auth;
    private final ProxyOptions options;
    private final ClientGuard guard;

    ProtocolSniffer(Dialer dialer, ProxyAuth auth, ProxyOptions options, ClientGuard guard) {
        this.dialer = dialer;
        this.auth = auth;
        this.options = options;
        this.guard = guard;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) return;
        byte first = in.getByte(in.readerIndex());
        ChannelPipeline p = ctx.pipeline();
        if (first == 5) {
            p.addAfter(ctx.name(), Socks5Handler.ENCODER, Socks5ServerEncoder.DEFAULT);
            p.addAfter(Socks5Handler.ENCODER, Socks5Handler.DECODER, new Socks5InitialRequestDecoder());
            p.addAfter(Socks5Handler.DECODER, "socks", new Socks5Handler(dialer, auth, guard));
        } else if (first == 4) {
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        } else {
            p.addAfter(ctx.name(), HttpProxyHandler.DECODER,
                new HttpRequestDecoder(options.maxInitialLine(), options.maxHeaderBytes(), 64 * 1024));
            p.addAfter(HttpProxyHandler.DECODER, HttpProxyHandler.ENCODER, new HttpResponseEncoder());
            p.addAfter(HttpProxyHandler.ENCODER, "http", new HttpProxyHandler(dialer, auth, options, guard));
        }
        p.remove(this); // passes the buffered bytes on to the codec just installed
    }
}
