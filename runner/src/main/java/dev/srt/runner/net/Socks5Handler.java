package dev.srt.runner.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5PasswordAuthResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * The SOCKS5 side of the proxy (RFC 1928), one instance per client connection. Clients must
 * authenticate with username/password (RFC 1929) carrying the run's secret; only CONNECT is
 * served (BIND and UDP ASSOCIATE get reply 0x07, command not supported). The destination
 * (domain name, IPv4 or IPv6) is decided and guarded like an HTTP CONNECT before dialling.
 */
final class Socks5Handler extends ChannelInboundHandlerAdapter {
    static final String DECODER = "socks-decoder";
    static final String ENCODER = "socks-encoder";

    private final Dialer dialer;
    private final ProxyAuth auth;
    private final ClientGuard guard;
    private boolean done;
    /** Bytes that came behind the CONNECT request, while the proxy dials. */
    private final EarlyData early = new EarlyData();

    Socks5Handler(Dialer dialer, ProxyAuth auth, ClientGuard guard) {
        this.dialer = dialer;
        this.auth = auth;
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (done) {
                // bytes behind the CONNECT request, from the decoder: tunnel data for later
                if (msg instanceof ByteBuf) early.hold(((ByteBuf) msg).retain());
                return;
            }
            if (msg instanceof Socks5InitialRequest && ((Socks5InitialRequest) msg).decoderResult().isSuccess()) {
                if (((Socks5InitialRequest) msg).authMethods().contains(Socks5AuthMethod.PASSWORD)) {
                    ctx.pipeline().replace(DECODER, DECODER, new Socks5PasswordAuthRequestDecoder());
                    ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.PASSWORD));
                } else {
                    finish(ctx, new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED));
                }
            } else if (msg instanceof Socks5PasswordAuthRequest && ((Socks5PasswordAuthRequest) msg).decoderResult().isSuccess()) {
                if (auth.checkPassword(((Socks5PasswordAuthRequest) msg).password())) {
                    ctx.pipeline().replace(DECODER, DECODER, new Socks5CommandRequestDecoder());
                    ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.SUCCESS));
                } else {
                    finish(ctx, new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.FAILURE));
                }
            } else if (msg instanceof Socks5CommandRequest && ((Socks5CommandRequest) msg).decoderResult().isSuccess()) {
                command(ctx, (Socks5CommandRequest) msg);
            } else {
                // Malformed negotiation or bytes before the handshake finished.
                done = true;
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void command(ChannelHandlerContext ctx, Socks5CommandRequest req) {
        guard.disarm();
        if (req.type() != Socks5CommandType.CONNECT) {
            finish(ctx, reply(Socks5CommandStatus.COMMAND_UNSUPPORTED));
            return;
        }
        done = true;
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        dialer.dial(client, req.dstAddr(), req.dstPort(), outcome -> {
            if (outcome instanceof DialOutcome.Refused) {
                DialOutcome.Refused r = (DialOutcome.Refused) outcome;
                finish(ctx, reply(Socks5CommandStatus.valueOf((byte) r.reason().socksReply)));
                return;
            }
            Channel up = ((DialOutcome.Connected) outcome).channel();
            client.writeAndFlush(reply(Socks5CommandStatus.SUCCESS)).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    early.release();
                    up.close();
                    client.close();
                    return;
                }
                ChannelPipeline p = client.pipeline();
                p.remove(this);
                p.addLast(new Relay(up));
                p.remove(ENCODER);
                p.remove(DECODER); // hands any bytes the client already sent to the relay
                up.pipeline().addLast(new Relay(client));
                early.writeTo(up); // ahead of anything the relay reads from now on
                client.config().setAutoRead(true);
                up.config().setAutoRead(true);
            });
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.release();
        ctx.fireChannelInactive();
    }

    private static DefaultSocks5CommandResponse reply(Socks5CommandStatus status) {
        // BND.ADDR/BND.PORT: the proxy's outbound address is of no use inside the sandbox.
        return new DefaultSocks5CommandResponse(status, Socks5AddressType.IPv4, "0.0.0.0", 0);
    }

    private void finish(ChannelHandlerContext ctx, Object response) {
        done = true;
        if (ctx.channel().isActive()) ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            ctx.close(); // EOF during negotiation
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
