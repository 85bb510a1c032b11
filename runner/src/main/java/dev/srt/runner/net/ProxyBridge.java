package dev.srt.runner.net;

import dev.srt.artifact.IrNetworkReader;
import dev.srt.ir.IgnoreRule;
import dev.srt.ir.NetPolicy;
import dev.srt.runner.SrtException;
import dev.srt.runner.policy.LoadedPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * srt's own proxies as the runner's {@link NetworkBridge}: decodes the policy's network rules,
 * starts {@link NetworkProxies} on a unix socket in the run's private directory (on a background
 * thread, overlapping the sandbox planning), and, once bwrap's sandbox exists, bridges its
 * loopback ports to that socket with {@link NetnsRelays}. The relays run outside the sandbox,
 * so the sandboxed command can neither see, signal nor trace them, and the proxy socket itself
 * is never visible inside the sandbox.
 */
public final class ProxyBridge implements NetworkBridge {
    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    /** {@code SRT_RESOLVE=NAME:ADDRESS[,NAME:ADDRESS...]}: host overrides, like curl's --resolve (docs/network.md). */
    public static final String RESOLVE_ENV = "SRT_RESOLVE";

    @Override
    public Session start(LoadedPolicy policy, Path runDir, List<String> command, Path violationsJson) {
        // Netty's buffer pool emits JFR events: its first chunk initialises jdk.jfr and loads the
        // event classes, which a class-data archive cannot hold, from srt.jar (whose 5,000-entry
        // directory costs about 15 ms to read). srt records nothing with JFR. Read once, by
        // Netty's PlatformDependent, which no thread has loaded yet.
        if (System.getProperty(NETTY_JFR) == null) System.setProperty(NETTY_JFR, "false");
        SilentNettyLogger.install();
        CompletableFuture<NetworkProxies.Plan> planned = new CompletableFuture<>();
        CompletableFuture<NetworkProxies.Prepared> prepared = new CompletableFuture<>();
        CompletableFuture<Started> f = new CompletableFuture<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        Thread t = new Thread(new Start(policy, runDir, command, violationsJson, planned, prepared, f, abandoned), "srt-net-start");
        t.setDaemon(true);
        t.start();
        // Finding the relays' tools and loading JNA's and Netty's classes overlap the IR decoding
        // on the start thread.
        CompletableFuture<NetnsRelays.Tools> tools = new CompletableFuture<>();
        Thread warm = new Thread(new WarmUp(runDir, tools), "srt-net-warm");
        warm.setDaemon(true);
        warm.start();
        return new ProxySession(planned, prepared, f, tools, ProxySession.TRAINING, abandoned);
    }

    /** The start thread's work ({@link #open}); a class, not a lambda, as below. */
    private record Start(LoadedPolicy policy, Path runDir, List<String> command, Path violationsJson,
                         CompletableFuture<NetworkProxies.Plan> planned, CompletableFuture<NetworkProxies.Prepared> prepared,
                         CompletableFuture<Started> started, AtomicBoolean abandoned) implements Runnable {
        @Override
        public void run() {
            try {
                started.complete(open(policy, runDir, command, violationsJson, planned, prepared, abandoned));
            } catch (Throwable e) {
                planned.completeExceptionally(e); // no effect when it completed already
                prepared.completeExceptionally(e);
                started.completeExceptionally(e);
            }
        }
    }

    /** {@link #warmUp} as a class: no lambda to bootstrap on the start-up path. */
    private record WarmUp(Path runDir, CompletableFuture<NetnsRelays.Tools> tools) implements Runnable {
        @Override
        public void run() {
            warmUp(runDir, tools);
        }
    }

    /**
     * Finds the relays' tools and loads (and initialises) the classes the relays and the proxies
     * need, before the sandbox exists; a failure to load only costs time.
     */
    private static void warmUp(Path runDir, CompletableFuture<NetnsRelays.Tools> tools) {
        try {
            // before tools completes: attach() waits for it, and may be JNA's first user
            NetnsOwner.unpackIn(runDir);
            tools.complete(NetnsRelays.tools());
        } catch (Throwable e) {
            tools.completeExceptionally(e); // attach() waits on it: it must complete either way
        }
        // JNA next: the relays need it as soon as the sandbox exists, before the proxies need
        // the rest of Netty (the start thread loads what it needs meanwhile).
        try {
            NetnsOwner.preload();
        } catch (LinkageError | RuntimeException e) {
            // reported when the relays start
        }
        dev.srt.runner.Timing.mark("net: jna warm");
        ClassLoader cl = ProxyBridge.class.getClassLoader();
        for (String c : List.of("io.netty.channel.MultiThreadIoEventLoopGroup", "io.netty.channel.nio.NioIoHandler",
            "io.netty.bootstrap.ServerBootstrap", "io.netty.channel.socket.nio.NioServerDomainSocketChannel",
            "io.netty.handler.codec.http.HttpServerCodec", "io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder",
            // what a start cut short by the command's exit (`true`) loads: in the class-data
            // archive too, or srt.jar's directory is read as srt exits
            "io.netty.bootstrap.FailedChannel", "io.netty.bootstrap.FailedChannel$FailedChannelUnsafe")) {
            try {
                Class.forName(c, true, cl);
            } catch (ClassNotFoundException | LinkageError e) {
                // loaded when needed instead
            }
        }
        dev.srt.runner.Timing.mark("net: classes warm");
    }

    /** What the start thread produced. */
    record Started(ProxyHandle handle, List<IgnoreRule> ignores, Writer json) {
    }

    /**
     * Decodes the rules, publishes the {@link NetworkProxies.Plan} (the runner plans and starts
     * the sandbox with its environment), then the {@link NetworkProxies.Prepared} layout (the
     * relays need its sockets once the sandbox exists), and then brings the proxies up.
     */
    private static Started open(LoadedPolicy lp, Path runDir, List<String> command, Path violationsJson,
                                CompletableFuture<NetworkProxies.Plan> planned,
                                CompletableFuture<NetworkProxies.Prepared> published,
                                AtomicBoolean abandoned) throws SrtException {
        if (lp.ir() == null) throw new SrtException(lp.origin() + " carries no network rules (no IR section)");
        NetPolicy network;
        List<IgnoreRule> ignores;
        try {
            // Only the two parts the proxies need, and without Jackson: loading and initialising it
            // costs 50 to 100 ms of start-up.
            IrNetworkReader.Rules rules = IrNetworkReader.read(lp.ir());
            network = rules.network();
            ignores = rules.ignores();
            dev.srt.runner.Timing.mark("net: rules read");
        } catch (IOException e) {
            throw new SrtException(lp.origin() + ": the network rules are unreadable: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new SrtException(lp.origin() + ": the network rules are unreadable: " + e);
        }
        ProxyOptions options = overrides(ProxyOptions.defaults(runDir, String.join(" ", command)), System.getenv(RESOLVE_ENV));
        NetworkProxies.Prepared prepared;
        try {
            NetworkProxies.Plan plan = NetworkProxies.plan(network, options);
            planned.complete(plan);
            dev.srt.runner.Timing.mark("net: environment ready");
            prepared = NetworkProxies.prepare(plan);
        } catch (IOException | RuntimeException e) {
            throw new SrtException("cannot start the network proxies: " + e.getMessage());
        }
        published.complete(prepared);
        dev.srt.runner.Timing.mark("net: layout ready");
        if (abandoned.get()) {
            // The command has already exited (e.g. `true`): starting Netty now would only compete
            // with srt's exit for the CPU.
            prepared.discard();
            throw new SrtException("the run ended before the network proxies started");
        }
        Writer json = null;
        ProxyHandle handle = null;
        try {
            if (violationsJson != null) json = Files.newBufferedWriter(violationsJson, StandardCharsets.UTF_8);
            handle = NetworkProxies.start(prepared, java.time.Clock.systemUTC());
            dev.srt.runner.Timing.mark("net: proxies up");
            if (json != null) {
                ViolationJsonWriter w = new ViolationJsonWriter(json);
                handle.violations().subscribe(v -> {
                    try {
                        w.accept(v);
                    } catch (UncheckedIOException e) {
                        // a full disk must not break the proxy; the summary still has the violation
                    }
                });
            }
            return new Started(handle, ignores, json);
        } catch (IOException | RuntimeException e) {
            if (handle != null) handle.close();
            else prepared.discard();
            closeQuietly(json);
            String what = json == null && violationsJson != null ? "cannot write " + violationsJson : "cannot start the network proxies";
            throw new SrtException(what + ": " + e.getMessage());
        }
    }

    /** Applies {@code SRT_RESOLVE}; a malformed entry stops the run (125) rather than being skipped. */
    static ProxyOptions overrides(ProxyOptions options, String spec) throws SrtException {
        if (spec == null || spec.isBlank()) return options;
        for (String one : spec.split(",")) {
            try {
                options = options.withOverride(one.trim());
            } catch (IllegalArgumentException e) {
                throw new SrtException(RESOLVE_ENV + ": " + e.getMessage());
            }
        }
        return options;
    }

    static void closeQuietly(Writer w) {
        if (w == null) return;
        try {
            w.close();
        } catch (IOException e) {
            // every line was flushed when written
        }
    }

    /** One run's proxies and relays. */
    static final class ProxySession implements Session {
        /** Set by bin/srt for the runs whose loaded classes make the class-data-sharing archive. */
        static final boolean TRAINING = System.getenv("SRT_CDS_TRAIN") != null;
        private final CompletableFuture<NetworkProxies.Plan> planned;
        private final CompletableFuture<NetworkProxies.Prepared> prepared;
        private final CompletableFuture<Started> started;
        private final CompletableFuture<NetnsRelays.Tools> tools;
        private final boolean training;
        private final AtomicBoolean abandoned;
        private NetnsRelays relays;

        /**
         * {@code training}: a class-data-sharing training run, whose close waits for the proxies'
         * start; {@code abandoned} is set by a close that does not wait, so that a start not yet
         * at Netty gives up.
         */
        ProxySession(CompletableFuture<NetworkProxies.Plan> planned, CompletableFuture<NetworkProxies.Prepared> prepared,
                     CompletableFuture<Started> started, CompletableFuture<NetnsRelays.Tools> tools, boolean training,
                     AtomicBoolean abandoned) {
            this.training = training;
            this.abandoned = abandoned;
            this.planned = planned;
            this.prepared = prepared;
            this.started = started;
            this.tools = tools;
        }

        private static <T> T await(CompletableFuture<T> f) throws SrtException {
            try {
                return f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SrtException) throw (SrtException) e.getCause();
                throw new SrtException("cannot start the network proxies: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SrtException("interrupted while starting the network proxies");
            }
        }

        @Override
        public List<String> bwrapArgs() {
            return List.of();
        }

        /** Known as soon as the rules are read: the sockets may still be being bound, the proxies starting. */
        @Override
        public Map<String, String> env() throws SrtException {
            Map<String, String> env = await(planned).environment();
            return env != null ? env : await(started).handle().environment();
        }

        @Override
        public List<String> innerPrefix() {
            return List.of();
        }

        /**
         * Starts the relays into the new sandbox. The proxies' sockets were bound when the layout
         * was prepared, so the command (held by bwrap --block-fd until this returns) may start
         * while Netty is still coming up: its first connections wait in the listen backlog.
         */
        @Override
        public void attach(long sandboxPid) throws SrtException {
            List<Bridge> bridges = await(prepared).bridges();
            if (started.isCompletedExceptionally()) await(started); // throws the reason
            if (!bridges.isEmpty()) relays = NetnsRelays.start(sandboxPid, bridges, await(tools));
        }

        @Override
        public String failure() {
            if (!started.isDone()) return null;
            try {
                await(started);
                return null;
            } catch (SrtException e) {
                return e.getMessage();
            }
        }

        @Override
        public String summary() {
            if (!started.isDone() || started.isCompletedExceptionally()) return "";
            Started s = started.join();
            return ViolationSummary.format(s.handle().violations(), s.ignores());
        }

        @Override
        public void close() {
            if (relays != null) relays.close();
            if (training) {
                // bin/srt's class-data-sharing training run (`-- true`) ends before Netty is up
                // now that the command no longer waits for it: let the start finish, so that
                // its classes are in the archive and later runs do not load them from the jar.
                try {
                    started.get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // closed below as in any run
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!started.isDone()) {
                abandoned.set(true);
                // The command has exited before the proxies finished starting: stop listening and
                // leave the start thread (a daemon) to the JVM's exit rather than wait for it. The
                // sandbox may start before the sockets are bound: wait for that short step, so
                // that its directory is not created after srt has cleaned up.
                try {
                    prepared.get(2, java.util.concurrent.TimeUnit.SECONDS).discard();
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // nothing was created, or the start is stuck: the next run's cleanup removes it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            Started s;
            try {
                s = started.get();
            } catch (ExecutionException e) {
                return; // nothing was left running
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            s.handle().close();
            closeQuietly(s.json());
        }
    }
}
