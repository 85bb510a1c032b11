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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * srt's own proxies as the runner's {@link NetworkBridge}: decodes the policy's network rules,
 * starts the loopback relays in a network namespace of their own ({@link RelayNamespace}), and
 * {@link NetworkProxies} on a unix socket in the run's private directory, on background threads
 * overlapping the sandbox planning; the sandbox then joins the relays' namespace. The relays
 * run outside the sandbox, so the sandboxed command can neither see,
 * signal nor trace them, and the proxy socket itself is never visible inside the sandbox.
 */
public final class ProxyBridge implements NetworkBridge {
    private static final String NETTY_JFR = "io.netty.jfr.enabled";
    private static final long TAKEN_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    /** {@code SRT_RESOLVE=NAME:ADDRESS[,NAME:ADDRESS...]}: host overrides, like curl's --resolve (docs/network.md). */
    public static final String RESOLVE_ENV = "SRT_RESOLVE";

    /**
     * {@code SRT_RELAYS=socat} (the default) or {@code direct}: with {@code direct}, srt takes the
     * relay ports' sockets from the relays' namespace and accepts the sandbox's connections itself
     * ({@link ListenerTake}), which lifts a large download's throughput by a tenth to a fifth and
     * costs 30-40 ms of start-up (JNA, --add-opens; docs/network.md). Any other value stops the run.
     */
    public static final String RELAYS_ENV = "SRT_RELAYS";

    /** For {@code srt doctor}: why SRT_RELAYS=direct would fall back to the socat relays here, or null. */
    public static String directRelaysUnavailable() {
        return ListenerTake.unavailable();
    }

    /** Whether {@code SRT_RELAYS} asks for the take; an unknown value is an error, not a default. */
    static boolean directRelays(String value) throws SrtException {
        if (value == null || value.isEmpty() || value.equals("socat")) return false;
        if (value.equals("direct")) return true;
        throw new SrtException(RELAYS_ENV + ": expected socat or direct, not " + value);
    }

    @Override
    public Session start(LoadedPolicy policy, Path runDir, List<String> command, Path violationsJson, boolean root)
        throws SrtException {
        // Netty's buffer pool emits JFR events: its first chunk initialises jdk.jfr and loads the
        // event classes, which a class-data archive cannot hold, from srt.jar (whose 5,000-entry
        // directory costs about 15 ms to read). srt records nothing with JFR. Read once, by
        // Netty's PlatformDependent, which no thread has loaded yet.
        if (System.getProperty(NETTY_JFR) == null) System.setProperty(NETTY_JFR, "false");
        SilentNettyLogger.install();
        CompletableFuture<NetworkProxies.Plan> planned = new CompletableFuture<>();
        CompletableFuture<NetworkProxies.Prepared> prepared = new CompletableFuture<>();
        CompletableFuture<Started> f = new CompletableFuture<>();
        // The relays first, from this thread: they take longest and need neither the rules nor
        // the sockets, only the sockets' paths (they connect when a connection comes, retrying
        // until the socket is bound: Bridge#RETRY). The sandbox waits for them to listen.
        ProxyOptions options = overrides(ProxyOptions.defaults(runDir, String.join(" ", command)), System.getenv(RESOLVE_ENV));
        Path dir;
        RelayNamespace ns = null;
        boolean direct = directRelays(System.getenv(RELAYS_ENV));
        try {
            dir = NetworkProxies.privateDirectory(options);
        } catch (IOException | RuntimeException e) {
            throw new SrtException("cannot start the network proxies: " + e.getMessage());
        }
        if (dir != null) {
            try {
                ns = RelayNamespace.start(NetworkProxies.relayBridges(dir), RelayNamespace.tools(), root,
                    runDir.resolve("relays.err"), direct);
            } catch (SrtException | RuntimeException e) {
                NetworkProxies.deleteDir(dir);
                throw e;
            }
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicInteger sockets = new AtomicInteger(ProxySession.NOT_BOUND);
        Thread t = new Thread(new Start(policy, options, dir, violationsJson, planned, prepared, f, abandoned, sockets, ns),
            "srt-net-start");
        t.setDaemon(true);
        t.start();
        return new ProxySession(planned, prepared, f, ns, ProxySession.TRAINING, abandoned, sockets);
    }

    /** The start thread's work ({@link #open}); a class, not a lambda, as below. */
    private record Start(LoadedPolicy policy, ProxyOptions options, Path dir, Path violationsJson,
                         CompletableFuture<NetworkProxies.Plan> planned, CompletableFuture<NetworkProxies.Prepared> prepared,
                         CompletableFuture<Started> started, AtomicBoolean abandoned, AtomicInteger sockets,
                         RelayNamespace relays) implements Runnable {
        @Override
        public void run() {
            try {
                started.complete(open(policy, options, dir, violationsJson, planned, prepared, abandoned, sockets, relays));
            } catch (Throwable e) {
                planned.completeExceptionally(e); // no effect when it completed already
                prepared.completeExceptionally(e);
                started.completeExceptionally(e);
            }
        }
    }

    /**
     * Initialises the JDK's unix-socket support, whose first use seeds a SecureRandom (setting up
     * the JCA providers, 10-20 ms), before the socket step: a run that ends meanwhile does not
     * wait for it.
     */
    private static void warmUnixSockets() {
        try {
            Class.forName("sun.nio.ch.UnixDomainSockets", true, null);
        } catch (ClassNotFoundException | LinkageError e) {
            // initialised by the bind instead
        }
    }

    /** What the start thread produced. */
    record Started(ProxyHandle handle, List<IgnoreRule> ignores, Writer json) {
    }

    /**
     * Decodes the rules, publishes the {@link NetworkProxies.Plan} (the runner plans the sandbox
     * with its environment), then the {@link NetworkProxies.Prepared} layout (the sockets the
     * relays lead to, bound in {@code dir}), and then brings the proxies up.
     */
    private static Started open(LoadedPolicy lp, ProxyOptions options, Path dir, Path violationsJson,
                                CompletableFuture<NetworkProxies.Plan> planned,
                                CompletableFuture<NetworkProxies.Prepared> published,
                                AtomicBoolean abandoned, AtomicInteger sockets, RelayNamespace relays) throws SrtException {
        NetworkProxies.Prepared prepared;
        List<IgnoreRule> ignores = new java.util.ArrayList<>();
        try {
            NetPolicy network = rules(lp, ignores);
            NetworkProxies.Plan plan = NetworkProxies.plan(network, options);
            planned.complete(plan);
            dev.srt.runner.Timing.mark("net: environment ready");
            warmUnixSockets();
            // Binding creates files: either it begins before the run ends (whose close then waits
            // for it and removes them) or not at all.
            if (!sockets.compareAndSet(ProxySession.NOT_BOUND, ProxySession.BINDING)) {
                throw new SrtException("the run ended before the network proxies started");
            }
            prepared = NetworkProxies.prepare(plan, dir);
        } catch (SrtException | IOException | RuntimeException e) {
            // the relays stop with the session (they may already be in use by the sandbox's start)
            NetworkProxies.deleteDir(dir);
            if (e instanceof SrtException) throw (SrtException) e;
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
        // What a start cut short by the command's exit (`true`) loads: in the class-data archive
        // too (bin/srt's training runs wait for a complete start), or srt.jar's directory is read
        // as srt exits.
        for (String c : List.of("io.netty.bootstrap.FailedChannel", "io.netty.bootstrap.FailedChannel$FailedChannelUnsafe")) {
            try {
                Class.forName(c, false, ProxyBridge.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // loaded when needed instead
            }
        }
        Writer json = null;
        ProxyHandle handle = null;
        try {
            if (violationsJson != null) json = Files.newBufferedWriter(violationsJson, StandardCharsets.UTF_8);
            handle = NetworkProxies.start(prepared, java.time.Clock.systemUTC());
            dev.srt.runner.Timing.mark("net: proxies up");
            if (relays != null) adoptTaken(handle, relays);
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

    /**
     * Serves the relay ports' sockets if they were taken (SRT_RELAYS=direct): usually done while
     * the proxies started, else waited for within the relays' own start-up limit (the sandbox's
     * connections wait meanwhile in the sockets' backlog). Should serving one fail, the relays
     * run on and serve instead.
     */
    private static void adoptTaken(ProxyHandle handle, RelayNamespace relays) {
        try {
            handle.adopt(relays.claimTaken(TAKEN_WAIT_NANOS));
        } catch (IOException e) {
            relays.resumeRelays();
            dev.srt.runner.Timing.mark("net: socat relays serve: " + e.getMessage());
        }
    }

    /** Decodes the policy's network rules, and adds its violation ignores to {@code ignores}. */
    private static NetPolicy rules(LoadedPolicy lp, List<IgnoreRule> ignores) throws SrtException {
        if (lp.ir() == null) throw new SrtException(lp.origin() + " carries no network rules (no IR section)");
        try {
            // Only the two parts the proxies need, and without Jackson: loading and initialising it
            // costs 50 to 100 ms of start-up.
            IrNetworkReader.Rules rules = IrNetworkReader.read(lp.ir());
            ignores.addAll(rules.ignores());
            dev.srt.runner.Timing.mark("net: rules read");
            return rules.network();
        } catch (IOException e) {
            throw new SrtException(lp.origin() + ": the network rules are unreadable: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new SrtException(lp.origin() + ": the network rules are unreadable: " + e);
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
        /** The relays' namespace; null in TCP mode (no socket directory), where there are none. */
        private final RelayNamespace relays;
        /** {@link #NOT_BOUND}, then {@link #BINDING} (set by the start thread) or {@link #ENDED} (by a close that came first). */
        private final AtomicInteger sockets;
        static final int NOT_BOUND = 0;
        static final int BINDING = 1;
        static final int ENDED = 2;
        private final boolean training;
        private final AtomicBoolean abandoned;

        /**
         * {@code training}: a class-data-sharing training run, whose close waits for the proxies'
         * start; {@code abandoned} is set by a close that does not wait, so that a start not yet
         * at Netty gives up.
         */
        ProxySession(CompletableFuture<NetworkProxies.Plan> planned, CompletableFuture<NetworkProxies.Prepared> prepared,
                     CompletableFuture<Started> started, RelayNamespace relays, boolean training,
                     AtomicBoolean abandoned, AtomicInteger sockets) {
            this.sockets = sockets;
            this.training = training;
            this.abandoned = abandoned;
            this.planned = planned;
            this.prepared = prepared;
            this.started = started;
            this.relays = relays;
        }

        static <T> T await(CompletableFuture<T> f) throws SrtException {
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

        /** Known as soon as the rules are read: the sockets may still be being bound, the proxies starting. */
        @Override
        public Map<String, String> env() throws SrtException {
            Map<String, String> env = await(planned).environment();
            return env != null ? env : await(started).handle().environment();
        }

        /**
         * Waits until the relays listen and returns the command that puts bwrap into their
         * network namespace. The command may start before the proxies' socket is bound (the
         * relays retry connecting to it, {@link Bridge#RETRY}) or while Netty is still coming up
         * (connections wait in the socket's listen backlog).
         */
        @Override
        public List<String> joinPrefix() throws SrtException {
            if (relays == null) throw new SrtException("the network proxies have no relays into the sandbox");
            return relays.joinPrefix();
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
            // The sandbox has gone: the relays (and their connections) go first.
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
                // leave the start thread (a daemon) to the JVM's exit rather than wait for it. If
                // it is binding the sockets, wait for that short step, so that no socket is made
                // after srt has cleaned up; if it has not begun, it never will.
                if (sockets.compareAndSet(NOT_BOUND, ENDED)) return;
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
