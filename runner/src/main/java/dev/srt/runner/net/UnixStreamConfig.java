package dev.srt.runner.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannelConfig;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * The config of a {@link UnixStreamChannel}: a {@link SocketChannelConfig} because that is what
 * lets Netty's read loop keep a half-closed channel open. It supports what a unix stream socket
 * has (half-closure, SO_SNDBUF, SO_RCVBUF and the generic options); the TCP-only settings are
 * refused rather than ignored.
 */
final class UnixStreamConfig extends DefaultChannelConfig implements SocketChannelConfig {
    private final SocketChannel socket;
    private volatile boolean allowHalfClosure;

    UnixStreamConfig(UnixStreamChannel channel, SocketChannel socket) {
        super(channel);
        this.socket = socket;
    }

    @Override
    public <T> boolean setOption(ChannelOption<T> option, T value) {
        validate(option, value);
        if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
            setAllowHalfClosure((Boolean) value);
        } else if (option == ChannelOption.SO_SNDBUF) {
            setSendBufferSize((Integer) value);
        } else if (option == ChannelOption.SO_RCVBUF) {
            setReceiveBufferSize((Integer) value);
        } else {
            return super.setOption(option, value);
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getOption(ChannelOption<T> option) {
        if (option == ChannelOption.ALLOW_HALF_CLOSURE) return (T) Boolean.valueOf(isAllowHalfClosure());
        if (option == ChannelOption.SO_SNDBUF) return (T) Integer.valueOf(getSendBufferSize());
        if (option == ChannelOption.SO_RCVBUF) return (T) Integer.valueOf(getReceiveBufferSize());
        return super.getOption(option);
    }

    @Override
    public boolean isAllowHalfClosure() {
        return allowHalfClosure;
    }

    @Override
    public UnixStreamConfig setAllowHalfClosure(boolean allow) {
        allowHalfClosure = allow;
        return this;
    }

    @Override
    public int getSendBufferSize() {
        return get(StandardSocketOptions.SO_SNDBUF);
    }

    @Override
    public UnixStreamConfig setSendBufferSize(int bytes) {
        set(StandardSocketOptions.SO_SNDBUF, bytes);
        return this;
    }

    @Override
    public int getReceiveBufferSize() {
        return get(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public UnixStreamConfig setReceiveBufferSize(int bytes) {
        set(StandardSocketOptions.SO_RCVBUF, bytes);
        return this;
    }

    private int get(SocketOption<Integer> option) {
        try {
            return socket.getOption(option);
        } catch (IOException e) {
            throw new ChannelException(e);
        }
    }

    private void set(SocketOption<Integer> option, int value) {
        try {
            socket.setOption(option, value);
        } catch (IOException e) {
            throw new ChannelException(e);
        }
    }

    private static UnsupportedOperationException tcpOnly(String what) {
        return new UnsupportedOperationException(what + " is a TCP setting; this is a unix socket");
    }

    @Override
    public boolean isTcpNoDelay() {
        return false;
    }

    @Override
    public UnixStreamConfig setTcpNoDelay(boolean on) {
        throw tcpOnly("TCP_NODELAY");
    }

    @Override
    public int getSoLinger() {
        return -1;
    }

    @Override
    public UnixStreamConfig setSoLinger(int seconds) {
        throw tcpOnly("SO_LINGER");
    }

    @Override
    public boolean isKeepAlive() {
        return false;
    }

    @Override
    public UnixStreamConfig setKeepAlive(boolean on) {
        throw tcpOnly("SO_KEEPALIVE");
    }

    @Override
    public int getTrafficClass() {
        return 0;
    }

    @Override
    public UnixStreamConfig setTrafficClass(int tc) {
        throw tcpOnly("IP_TOS");
    }

    @Override
    public boolean isReuseAddress() {
        return false;
    }

    @Override
    public UnixStreamConfig setReuseAddress(boolean on) {
        throw tcpOnly("SO_REUSEADDR");
    }

    @Override
    public UnixStreamConfig setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        throw tcpOnly("performance preferences");
    }

    // The generic settings, with the return type SocketChannelConfig asks for.

    @Override
    public UnixStreamConfig setConnectTimeoutMillis(int millis) {
        super.setConnectTimeoutMillis(millis);
        return this;
    }

    @Override
    @Deprecated
    public UnixStreamConfig setMaxMessagesPerRead(int max) {
        super.setMaxMessagesPerRead(max);
        return this;
    }

    @Override
    public UnixStreamConfig setWriteSpinCount(int count) {
        super.setWriteSpinCount(count);
        return this;
    }

    @Override
    public UnixStreamConfig setAllocator(ByteBufAllocator allocator) {
        super.setAllocator(allocator);
        return this;
    }

    @Override
    public UnixStreamConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
        super.setRecvByteBufAllocator(allocator);
        return this;
    }

    @Override
    public UnixStreamConfig setAutoRead(boolean autoRead) {
        super.setAutoRead(autoRead);
        return this;
    }

    @Override
    public UnixStreamConfig setAutoClose(boolean autoClose) {
        super.setAutoClose(autoClose);
        return this;
    }

    @Override
    public UnixStreamConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
        super.setMessageSizeEstimator(estimator);
        return this;
    }

    @Override
    public UnixStreamConfig setWriteBufferWaterMark(WriteBufferWaterMark mark) {
        super.setWriteBufferWaterMark(mark);
        return this;
    }
}
