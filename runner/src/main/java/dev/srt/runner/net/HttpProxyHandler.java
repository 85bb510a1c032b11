package dev.srt.runner.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The HTTP side of the proxy, one instance per client connection: {@code CONNECT host:port}
 * becomes a byte tunnel, absolute-form {@code http://} requests are forwarded one at a time
 * over a kept-alive upstream connection, bodies streamed both ways with back-pressure.
 */
final class HttpProxyHandler extends ChannelInboundHandlerAdapter {
    static final String DECODER = "http-decoder";
    static final String ENCODER = "http-encoder";

    private final Dialer dialer;
    private final ProxyAuth auth;
    private final ProxyOptions options;
    private final ClientGuard guard;

    private ChannelHandlerContext ctx;
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private Channel upstream;
    private String upstreamKey;
    private boolean dialing;
    private boolean tunnel;
    /** Bytes that came behind a CONNECT request while the proxy dials; null otherwise. */
    private EarlyData early;
    private boolean readingBody;
    private boolean awaitingResponse;
    private boolean responseStarted;
    private boolean closeAfterResponse;
    private boolean clientHttp10;

    HttpProxyHandler(Dialer dialer, ProxyAuth auth, ProxyOptions options, ClientGuard guard) {
        this.dialer = dialer;
        this.auth = auth;
        this.options = options;
        this.guard = guard;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (tunnel) {
            // bytes behind a CONNECT request (see connect): tunnel data for later
            if (early != null && msg instanceof ByteBuf) early.hold((ByteBuf) msg);
            else ReferenceCountUtil.release(msg);
            return;
        }
        inbox.add(msg);
        drain();
    }

    private boolean blocked() {
        return dialing || tunnel || (awaitingResponse && !readingBody);
    }

    private void drain() {
        while (!inbox.isEmpty() && !blocked()) {
            Object msg = inbox.poll();
            if (msg instanceof HttpRequest) {
                onRequest((HttpRequest) msg);
            } else if (msg instanceof HttpContent) {
                onContent((HttpContent) msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
        updateRead();
    }

    private void updateRead() {
        if (!ctx.channel().isActive() || tunnel) return;
        boolean read = !dialing && (!awaitingResponse || readingBody) && (upstream == null || upstream.isWritable());
        ctx.channel().config().setAutoRead(read && inbox.isEmpty());
    }

    private void onRequest(HttpRequest req) {
        ReferenceCountUtil.release(req);
        DecoderResult dr = req.decoderResult();
        if (dr.isFailure()) {
            Throwable c = dr.cause();
            if (c instanceof TooLongHttpHeaderException) {
                error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request header fields too large", null);
            } else if (c instanceof TooLongHttpLineException || c instanceof TooLongFrameException) {
                error(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long", null);
            } else {
                error(HttpResponseStatus.BAD_REQUEST, "malformed request", null);
            }
            return;
        }
        guard.disarm();
        if (req.headers().size() > options.maxHeaderCount()) {
            error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many header fields", null);
            return;
        }
        if (!auth.checkHeader(req.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION))) {
            FullHttpResponse r = response(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED,
                "srt proxy: this proxy serves only the sandboxed command\n");
            r.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"srt\"");
            sendAndClose(r);
            return;
        }
        if (HttpMethod.CONNECT.equals(req.method())) {
            connect(req);
            return;
        }
        Optional<Authority.Target> t = Authority.parseAbsolute(req.uri());
        if (t.isEmpty()) {
            error(HttpResponseStatus.BAD_REQUEST, "expected an absolute http:// URI or CONNECT host:port", null);
            return;
        }
        forward(req, t.get());
    }

    // ---- CONNECT ---------------------------------------------------------------------------

    private void connect(HttpRequest req) {
        Optional<Authority> a = Authority.parse(req.uri(), 0);
        if (a.isEmpty()) {
            error(HttpResponseStatus.BAD_REQUEST, "CONNECT needs host:port", null);
            return;
        }
        tunnel = true;
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        // What the client sent behind the request in the same read is tunnel data, not HTTP: the
        // decoder, removed now (inside its own decoding, which Netty allows), hands the bytes it
        // holds to this handler as they are. Only when this request is the last one decoded, as
        // it is unless the client pipelined requests in front of its CONNECT.
        EarlyData held = new EarlyData();
        if (inbox.isEmpty() && ctx.pipeline().get(DECODER) != null) {
            early = held;
            ctx.pipeline().remove(DECODER);
        }
        dialer.dial(client, a.get().host(), a.get().port(), outcome -> {
            if (outcome instanceof DialOutcome.Refused) {
                refused((DialOutcome.Refused) outcome);
                return;
            }
            Channel up = ((DialOutcome.Connected) outcome).channel();
            FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(200, "Connection established"));
            client.writeAndFlush(ok).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    held.release();
                    up.close();
                    client.close();
                    return;
                }
                ChannelPipeline p = client.pipeline();
                p.remove(this);
                p.addLast(new Relay(up));
                p.remove(ENCODER);
                if (p.get(DECODER) != null) p.remove(DECODER); // hands any bytes already buffered to the relay
                up.pipeline().addLast(new Relay(client));
                held.writeTo(up); // ahead of anything the relay reads from now on
                client.config().setAutoRead(true);
                up.config().setAutoRead(true);
            });
        });
    }

    // ---- absolute-form forwarding ----------------------------------------------------------

    private void forward(HttpRequest req, Authority.Target target) {
        String key = target.authority().render();
        clientHttp10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
        closeAfterResponse = !HttpUtil.isKeepAlive(req);
        DefaultHttpRequest out = new DefaultHttpRequest(HttpVersion.HTTP_1_1, req.method(), target.originForm());
        out.headers().set(req.headers());
        boolean chunked = HopByHop.strip(out.headers());
        if (chunked) HttpUtil.setTransferEncodingChunked(out, true);
        // RFC 9112 section 3.2.2: a proxy generates Host from the request target rather than
        // forwarding the received one, so the server sees the host that was decided on.
        int targetPort = target.authority().port();
        String hostText = target.authority().host();
        if (hostText.indexOf(':') >= 0) hostText = "[" + hostText + "]";
        out.headers().set(HttpHeaderNames.HOST, targetPort == 80 ? hostText : hostText + ":" + targetPort);
        awaitingResponse = true;
        readingBody = true;
        responseStarted = false;
        if (upstream != null && upstream.isActive() && key.equals(upstreamKey)) {
            upstream.write(out);
            return;
        }
        if (upstream != null) {
            upstream.close();
            upstream = null;
        }
        dialing = true;
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        dialer.dial(client, target.authority().host(), target.authority().port(), outcome -> {
            dialing = false;
            if (outcome instanceof DialOutcome.Refused) {
                refused((DialOutcome.Refused) outcome);
                return;
            }
            Channel up = ((DialOutcome.Connected) outcome).channel();
            upstream = up;
            upstreamKey = key;
            up.pipeline().addLast(new HttpClientCodec(options.maxInitialLine(), 64 * 1024, 64 * 1024));
            up.pipeline().addLast(new UpstreamHandler(up));
            up.write(out);
            up.config().setAutoRead(true);
            drain();
            up.flush();
        });
    }

    private void onContent(HttpContent c) {
        if (upstream == null || !upstream.isActive()) {
            c.release();
            return;
        }
        if (c instanceof LastHttpContent) {
            readingBody = false;
            upstream.writeAndFlush(c);
        } else {
            upstream.write(c);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (upstream != null) upstream.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (upstream != null && !tunnel) upstream.config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (early != null) early.release();
        while (!inbox.isEmpty()) ReferenceCountUtil.release(inbox.poll());
        if (upstream != null && !tunnel) upstream.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            // The client finished sending: answer what is in flight, then close.
            if (awaitingResponse || dialing) closeAfterResponse = true;
            else ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Handles the upstream's responses and passes them to the client. */
    private final class UpstreamHandler extends ChannelInboundHandlerAdapter {
        private final Channel up;
        private boolean informational;

        UpstreamHandler(Channel up) {
            this.up = up;
        }

        @Override
        public void channelRead(ChannelHandlerContext uctx, Object msg) {
            Channel client = ctx.channel();
            if (up != upstream || !client.isActive()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpObject && ((HttpObject) msg).decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                if (!responseStarted) error(HttpResponseStatus.BAD_GATEWAY, "malformed response from upstream", null);
                else client.close();
                up.close();
                return;
            }
            if (msg instanceof HttpResponse) {
                HttpResponse r = (HttpResponse) msg;
                int code = r.status().code();
                if (code == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                    // Upgrade is hop-by-hop and was not forwarded; an upgrade needs a CONNECT tunnel.
                    ReferenceCountUtil.release(msg);
                    error(HttpResponseStatus.BAD_GATEWAY, "upstream switched protocols; use CONNECT for upgrades", null);
                    up.close();
                    return;
                }
                informational = code >= 100 && code < 200;
                if (!informational) responseStarted = true;
                boolean chunked = HopByHop.strip(r.headers());
                if (chunked) HttpUtil.setTransferEncodingChunked(r, true);
                if (!informational) {
                    boolean framed = chunked || r.headers().contains(HttpHeaderNames.CONTENT_LENGTH)
                        || code == 204 || code == 304;
                    if (!framed) closeAfterResponse = true; // body ends when the connection does
                    if (closeAfterResponse) {
                        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    } else if (clientHttp10) {
                        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                    }
                }
            }
            boolean last = msg instanceof LastHttpContent;
            client.write(msg);
            if (!client.isWritable()) {
                client.flush();
                if (!client.isWritable()) up.config().setAutoRead(false);
            }
            if (last) {
                if (informational) {
                    informational = false;
                    client.flush();
                    return;
                }
                responseDone(client);
            }
        }

        private void responseDone(Channel client) {
            awaitingResponse = false;
            responseStarted = false;
            if (closeAfterResponse || readingBody) {
                Relay.closeOnFlush(client);
                return;
            }
            client.flush();
            guard.arm(ctx);
            drain();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext uctx) {
            ctx.channel().flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext uctx) {
            if (up == upstream) updateRead();
        }

        @Override
        public void channelInactive(ChannelHandlerContext uctx) {
            if (up != upstream) return;
            upstream = null;
            Channel client = ctx.channel();
            if (awaitingResponse) {
                if (!responseStarted) error(HttpResponseStatus.BAD_GATEWAY, "upstream closed the connection", null);
                else client.close(); // mid-body: the client must see a truncated response
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext uctx, Object evt) {
            // The server finished sending (the codec has already ended a read-until-close body):
            // this connection cannot carry another exchange.
            if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) uctx.close();
            else uctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext uctx, Throwable cause) {
            uctx.close();
        }
    }

    // ---- refusals and errors --------------------------------------------------------------

    private void refused(DialOutcome.Refused r) {
        String header = r.reason() == DialOutcome.Reason.POLICY ? "blocked-by-policy"
            : r.reason() == DialOutcome.Reason.GUARD ? "blocked-by-address-guard" : null;
        String body = "srt proxy: " + r.message() + "\n";
        FullHttpResponse resp = response(HttpResponseStatus.valueOf(r.reason().httpStatus), body);
        if (header != null) resp.headers().set("X-Proxy-Error", header);
        sendAndClose(resp);
    }

    private void error(HttpResponseStatus status, String message, String header) {
        FullHttpResponse r = response(status, "srt proxy: " + message + "\n");
        if (header != null) r.headers().set("X-Proxy-Error", header);
        sendAndClose(r);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String body) {
        ByteBuf b = Unpooled.copiedBuffer(body, CharsetUtil.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, b);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }

    private void sendAndClose(FullHttpResponse r) {
        tunnel = true; // nothing more is read from this client
        Channel client = ctx.channel();
        if (upstream != null) upstream.close();
        while (!inbox.isEmpty()) ReferenceCountUtil.release(inbox.poll());
        if (!client.isActive()) {
            r.release();
            return;
        }
        // The encoder may be mid-message (a response was streaming): then just close.
        client.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
