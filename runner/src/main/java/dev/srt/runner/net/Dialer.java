package dev.srt.runner.net;

import dev.srt.ir.Hosts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Reaches a destination for a client: decide against the policy, resolve, apply the address
 * guard to every address, then connect on the client's event loop. The policy is decided
 * before anything is resolved or dialled; nothing refused ever leaves the machine.
 */
final class Dialer {
    private final NetworkDecider decider;
    private final AddressGuard guard;
    private final HostResolver resolver;
    private final Executor resolverPool;
    private final ViolationLog violations;
    private final ProxyOptions options;
    private final Clock clock;

    Dialer(NetworkDecider decider, AddressGuard guard, HostResolver resolver, Executor resolverPool,
           ViolationLog violations, ProxyOptions options, Clock clock) {
        this.decider = decider;
        this.guard = guard;
        this.resolver = resolver;
        this.resolverPool = resolverPool;
        this.violations = violations;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Reaches {@code host:port} for {@code client}; {@code done} runs on the client's event loop.
     * A connected upstream has auto-read off, so the caller installs its handlers first.
     */
    void dial(Channel client, String host, int port, Consumer<DialOutcome> done) {
        Optional<Hosts.Canonical> c = Hosts.canonical(host);
        if (c.isEmpty() || port < 1 || port > 65535) {
            NetworkDecider.Verdict v = decider.decide(host, port);
            refuse(client, DialOutcome.Reason.BAD_TARGET, v, "invalid destination " + Violation.printable(host) + ":" + port, done);
            return;
        }
        NetworkDecider.Verdict v = decider.decide(c.get(), port);
        if (!v.allowed()) {
            String why = v.because() == null || v.because().isBlank() ? "" : ": " + v.because();
            refuse(client, DialOutcome.Reason.POLICY, v, "connection to " + v.target() + " refused by " + v.rule() + why, done);
            return;
        }
        Hosts.Canonical host0 = c.get();
        boolean cheap = host0.isAddress() || options.hostOverrides().containsKey(host0.text())
            || host0.text().equals("localhost") || host0.text().endsWith(".invalid");
        Runnable work = () -> {
            List<InetAddress> addrs;
            try {
                addrs = resolver.resolve(host0);
            } catch (UnknownHostException | SecurityException e) {
                client.eventLoop().execute(() -> done.accept(
                    new DialOutcome.Refused(DialOutcome.Reason.UNRESOLVED, "cannot resolve " + host0.text(), null)));
                return;
            }
            client.eventLoop().execute(() -> checkAndConnect(client, host0, v, addrs, done));
        };
        if (cheap) work.run();
        else resolverPool.execute(work);
    }

    private void checkAndConnect(Channel client, Hosts.Canonical host, NetworkDecider.Verdict nameVerdict,
                                 List<InetAddress> addrs, Consumer<DialOutcome> done) {
        if (addrs.isEmpty()) {
            done.accept(new DialOutcome.Refused(DialOutcome.Reason.UNRESOLVED, "cannot resolve " + host.text(), null));
            return;
        }
        Optional<AddressCheck.Refusal> r = AddressCheck.check(decider, guard, host, nameVerdict, addrs);
        if (r.isPresent()) {
            refuse(client, r.get().reason(), r.get().verdict(), r.get().message(), done);
            return;
        }
        connect(client, addrs, 0, nameVerdict.port(), done);
    }

    private void connect(Channel client, List<InetAddress> addrs, int i, int port, Consumer<DialOutcome> done) {
        if (!client.isActive()) return;
        Bootstrap b = new Bootstrap()
            .group(client.eventLoop())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, DataPath.WATER_MARK)
            .option(ChannelOption.RECVBUF_ALLOCATOR, DataPath.RECV)
            .option(ChannelOption.ALLOCATOR, DataPath.ALLOCATOR)
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                }
            });
        ChannelFuture f = b.connect(new InetSocketAddress(addrs.get(i), port));
        Channel upstream = f.channel();
        // If the client goes away while we dial, drop the upstream with it.
        io.netty.channel.ChannelFutureListener closer = cf -> upstream.close();
        client.closeFuture().addListener(closer);
        f.addListener((ChannelFuture cf) -> {
            if (cf.isSuccess()) {
                if (!client.isActive()) {
                    upstream.close();
                    return;
                }
                done.accept(new DialOutcome.Connected(upstream));
                return;
            }
            client.closeFuture().removeListener(closer);
            if (i + 1 < addrs.size() && client.isActive()) {
                connect(client, addrs, i + 1, port, done);
                return;
            }
            Throwable t = cf.cause();
            String target = addrs.get(i).getHostAddress() + ":" + port;
            if (t instanceof ConnectTimeoutException) {
                done.accept(new DialOutcome.Refused(DialOutcome.Reason.TIMEOUT, "timed out connecting to " + target, null));
            } else {
                done.accept(new DialOutcome.Refused(DialOutcome.Reason.UNREACHABLE, "cannot connect to " + target
                    + (t == null || t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll(":.*", "")), null));
            }
        });
    }

    private void refuse(Channel client, DialOutcome.Reason reason, NetworkDecider.Verdict v, String message,
                        Consumer<DialOutcome> done) {
        violations.record(new Violation(clock.instant(), options.command(), Violation.printable(v.target()), v.rule().rule(),
            v.rule().span().isBuiltin() ? "" : v.rule().span().toString()));
        done.accept(new DialOutcome.Refused(reason, message, v.rule()));
    }
}
