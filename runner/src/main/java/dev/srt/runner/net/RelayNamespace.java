package dev.srt.runner.net;

import dev.srt.runner.SrtException;
import dev.srt.runner.linux.BwrapLauncher;
import dev.srt.runner.linux.Host;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The network namespace of a networked sandbox, made by srt <em>before</em> the sandbox, with the
 * loopback relays already listening in it: for each {@link Bridge}, a socat on 127.0.0.1:PORT
 * that connects to the proxy's unix socket on the host. The sandbox's bwrap then joins this
 * namespace ({@link #joinPrefix}: {@code nsenter --user=... --net=... -- bwrap ...}, without
 * {@code --unshare-net}) instead of making an empty one of its own, so the command starts as
 * soon as bwrap is ready, with nothing to wait for.
 *
 * <p>The namespace is made by a second bwrap, the <em>keeper</em>:
 * {@code bwrap [--unshare-user] --unshare-net --unshare-pid --die-with-parent --dev-bind / / -- sh -c 'socat ... & exec socat ...'}.
 * bwrap brings up its loopback interface before running the relays. Without {@code --dev} and
 * {@code --disable-userns} bwrap makes a single user namespace, which owns the network namespace:
 * joining it needs no privilege, as its owner is the caller (user_namespaces(7)); as root no user
 * namespace is made and the network namespace is joined directly. The relays run outside the
 * sandbox because they need {@code socket(AF_UNIX)}, which the policy's seccomp filter refuses,
 * and they are in the keeper's own PID namespace, so the command, in the sandbox's PID namespace
 * (a sibling), can neither see, signal nor trace them: it sees their listening ports and nothing
 * else of them.
 *
 * <p>With {@code SRT_RELAYS=direct} the relays only make the listening sockets: the keeper's
 * shell stops them before the sandbox joins, and srt takes the sockets and accepts on them itself
 * ({@link RelayTake}, {@link ListenerTake}); where that fails they run on and serve.
 *
 * <p>Lifetime: {@code --die-with-parent} ties the keeper to the thread that started it
 * (PR_SET_PDEATHSIG fires when that <em>thread</em> ends, prctl(2)), so a {@link Keeper} thread
 * starts it and lives exactly as long; if srt is killed the keeper dies, and with its PID
 * namespace's init every relay (pid_namespaces(7)). srt stops it on every other exit path.
 */
final class RelayNamespace implements AutoCloseable {
    private static final String TOOLS_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Between two looks at the namespace's TCP table (the relays need about 10 ms to listen). */
    private static final long POLL_NANOS = 1_000_000;

    /** The helper programs, found on a fixed system path (never the caller's PATH). */
    record Tools(Path bwrap, Path nsenter, Path socat) {
    }

    /** Where the keeper's bwrap reported its sandbox: init's pid and the network namespace's inode. */
    record Keeping(long pid, long netns) {
    }

    private final List<Bridge> bridges;
    private final Tools tools;
    private final boolean root;
    private final Keeper keeper;
    /** The take of the relays' sockets ({@link RelayTake}); null without it. */
    private final RelayTake take;

    private RelayNamespace(List<Bridge> bridges, Tools tools, boolean root, Path errors, boolean take) {
        this.bridges = List.copyOf(bridges);
        this.tools = tools;
        this.root = root;
        this.keeper = new Keeper(keeperCommand(bridges, tools, root, take), errors);
        this.take = take ? new RelayTake(bridges, keeper) : null;
        keeper.take = this.take;
    }

    /** Finds bwrap (as the sandbox's is found), nsenter and socat (on a fixed system path). */
    static Tools tools() throws SrtException {
        Path bwrap = Host.bwrap();
        if (!Files.isExecutable(bwrap)) throw new SrtException("bubblewrap not found at " + bwrap + " (install the bubblewrap package)");
        return new Tools(bwrap, tool("nsenter", "util-linux"), tool("socat", "socat"));
    }

    /**
     * Starts the keeper and its relays and returns at once; {@link #joinPrefix} waits for them.
     * {@code errors} receives the keeper's stderr (shown if it fails). With {@code take}, the
     * relays' listening sockets are then taken into srt ({@link ListenerTake}) where this system allows it.
     */
    static RelayNamespace start(List<Bridge> bridges, Tools tools, boolean root, Path errors, boolean take) {
        if (bridges.isEmpty()) throw new IllegalArgumentException("no bridges");
        RelayNamespace ns = new RelayNamespace(bridges, tools, root, errors, take);
        ns.keeper.start();
        return ns;
    }

    /**
     * The keeper's argv. The relays see the host's file system as srt does ({@code --dev-bind}:
     * bwrap's {@code --bind} would make devices unusable, and the shell opens /dev/null for the
     * background relay); their stdout is the keeper's stderr, as bwrap's stdout is the pipe its
     * JSON status comes on.
     */
    static List<String> keeperCommand(List<Bridge> bridges, Tools tools, boolean root) {
        return keeperCommand(bridges, tools, root, false);
    }

    /**
     * As above; with {@code take}, the shell keeps the relays in the background and then follows
     * srt's word on its standard input (builtins only, no process on this path): a first line
     * stops them all (SIGSTOP); a second line {@code cont} lets them run on (when the take
     * fails); end of input leaves them as they are.
     */
    static List<String> keeperCommand(List<Bridge> bridges, Tools tools, boolean root, boolean take) {
        List<String> cmd = new ArrayList<>(List.of(tools.bwrap().toString()));
        // As root the relays need no capability either: ports above 1023, and a socket in a
        // directory root owns (bwrap(1) keeps capabilities for root unless told otherwise).
        if (root) cmd.addAll(List.of("--cap-drop", "ALL"));
        else cmd.add("--unshare-user");
        cmd.addAll(List.of("--unshare-net", "--unshare-pid", "--die-with-parent", "--new-session",
            "--dev-bind", "/", "/", "--json-status-fd", "1", "--", "/bin/sh", "-c"));
        StringBuilder script = new StringBuilder("exec 1>&2;");
        List<String> params = new ArrayList<>();
        StringBuilder pids = new StringBuilder();
        for (int i = 0; i < bridges.size(); i++) {
            List<String> relay = new ArrayList<>(bridges.get(i).command());
            relay.set(0, tools.socat().toString());
            boolean last = i == bridges.size() - 1;
            script.append(last && !take ? " exec" : "");
            for (String a : relay) {
                params.add(a);
                script.append(" \"${").append(params.size()).append("}\"");
            }
            if (take) script.append(" & p").append(i).append("=$!;");
            else if (!last) script.append(" &");
            pids.append(" $p").append(i);
        }
        if (take) {
            script.append(" if read -r _; then kill -STOP").append(pids).append(";")
                .append(" read -r c && [ \"$c\" = cont ] && kill -CONT").append(pids).append("; fi; wait");
        }
        cmd.add(script.toString());
        cmd.add("srt-relays"); // $0
        cmd.addAll(params);
        return cmd;
    }

    /**
     * Waits until every relay listens, then returns the command that puts the sandbox's bwrap
     * into this namespace: {@code nsenter [--user=/proc/K/ns/user --preserve-credentials] --net=/proc/K/ns/net --}.
     * nsenter enters the user namespace first and closes the namespace descriptors before it
     * executes bwrap (none reach the command: NetworkWiringTest).
     */
    List<String> joinPrefix() throws SrtException {
        Keeping k = keeper.awaitKept();
        // with the take, the keeper's thread watches the relays start: the look below then only confirms
        if (take != null) take.awaitStopped(READY_TIMEOUT_NANOS);
        awaitListening(k.pid());
        // The keeper's init is the pid named below: make sure it still is (a pid is only reused
        // once its process has gone), so that nsenter, a moment later, joins this namespace.
        String net = "/proc/" + k.pid() + "/ns/net";
        String expected = "net:[" + k.netns() + "]";
        try {
            if (!Files.readSymbolicLink(Path.of(net)).toString().equals(expected)) throw new SrtException(
                "the network relays' namespace changed before the sandbox joined it");
        } catch (IOException e) {
            throw new SrtException("the network relays' namespace disappeared before the sandbox joined it");
        }
        List<String> prefix = new ArrayList<>(List.of(tools.nsenter().toString()));
        if (!root) prefix.addAll(List.of("--user=/proc/" + k.pid() + "/ns/user", "--preserve-credentials"));
        prefix.addAll(List.of("--net=" + net, "--"));
        return prefix;
    }

    /**
     * The relays' listening sockets, taken from their namespace into srt ({@link RelayTake}), by
     * port, now in the caller's charge; empty when the socat relays serve (see there).
     */
    Map<Integer, ServerSocketChannel> claimTaken(long timeoutNanos) {
        return take == null ? Map.of() : take.claim(timeoutNanos);
    }

    /** Has the keeper let its stopped relays run on: they serve from now on, the connections waiting in their backlog first. */
    void resumeRelays() {
        keeper.resume();
    }

    /** Waits until every relay listens. */
    private void awaitListening(long pid) throws SrtException {
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        Path table = Path.of("/proc/" + pid + "/net/tcp");
        List<byte[]> entries = entries(bridges);
        while (true) {
            try {
                if (listening(table, entries)) break;
            } catch (SrtException gone) {
                // the keeper's init has gone: the keeper exits a moment later, its reason written
                throw keeper.failure("the network relays (socat) exited before they listened");
            }
            if (!keeper.alive()) throw keeper.failure("the network relays (socat) exited before they listened");
            if (System.nanoTime() > deadline) {
                throw new SrtException("the network relays (socat) did not start listening within 5 s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        dev.srt.runner.Timing.mark("net: relays listen");
    }

    /**
     * True when every bridge's port listens on 127.0.0.1 in the network namespace of {@code pid}.
     * Compared as bytes: decoding the table into a String at every look cost more CPU than the
     * relays' own start, on a machine whose cores srt's start-up keeps busy.
     */
    static boolean listening(long pid, List<Bridge> bridges) throws SrtException {
        return listening(Path.of("/proc/" + pid + "/net/tcp"), entries(bridges));
    }

    /** The table lines to look for, made once per wait rather than at every look. */
    static List<byte[]> entries(List<Bridge> bridges) {
        List<byte[]> out = new ArrayList<>();
        for (Bridge b : bridges) out.add(listeningEntry(b.port()).getBytes(StandardCharsets.US_ASCII));
        return out;
    }

    /** As above, on the table kept open in {@code ch}: read again from its start, it is made afresh (proc(5)). */
    static boolean listening(java.nio.channels.FileChannel ch, java.nio.ByteBuffer buf, List<byte[]> entries)
        throws IOException {
        buf.clear();
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // until the end of the table (or of the buffer: a handful of sockets fill far less)
        }
        return containsAll(java.util.Arrays.copyOf(buf.array(), buf.position()), entries);
    }

    private static boolean listening(Path table, List<byte[]> entries) throws SrtException {
        try {
            return containsAll(Files.readAllBytes(table), entries);
        } catch (IOException e) {
            throw new SrtException("the network relays' namespace disappeared before the sandbox joined it");
        }
    }

    private static boolean containsAll(byte[] tcp, List<byte[]> entries) {
        for (byte[] entry : entries) {
            if (indexOf(tcp, entry) < 0) return false;
        }
        return true;
    }

    private static int indexOf(byte[] text, byte[] part) {
        outer:
        for (int i = 0; i <= text.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (text[i + j] != part[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /**
     * The /proc/net/tcp text of a socket listening (state 0A) on 127.0.0.1:port (proc(5): local
     * address as hex IP in host byte order, port in upper-case hex). Built by hand: String.format
     * would load java.util.Formatter and regex on the start-up path.
     */
    static String listeningEntry(int port) {
        String hex = Integer.toHexString(port).toUpperCase(java.util.Locale.ROOT);
        return " 0100007F:" + "0000".substring(hex.length()) + hex + " 00000000:0000 0A ";
    }

    private static Path tool(String name, String pkg) throws SrtException {
        Path p = Host.onPath(name, TOOLS_PATH);
        if (p == null) throw new SrtException(name + " not found: the policy allows network hosts, which needs " + name + " (package " + pkg + ")");
        return p;
    }

    /**
     * Stops the keeper, and so every relay and every connection still open through them; closes
     * the taken sockets unless {@link #claimTaken} handed them on, and none is handed on after this.
     */
    @Override
    public void close() {
        if (take != null) take.end();
        keeper.halt();
        if (take != null) take.closeUnclaimed();
    }

    /**
     * The thread that starts the keeper, reads where it made its namespace, and is its parent
     * while it runs (its parent-death signal is tied to this thread, prctl(2)).
     */
    private static final class Keeper implements Runnable, RelayTake.Shell {
        private final List<String> command;
        private final Path errors;
        private final Thread thread;
        private final CompletableFuture<Keeping> kept = new CompletableFuture<>();
        private final Object lock = new Object();
        /** Stops the relays once they listen and takes their sockets; null without the take. Set before the thread starts. */
        private RelayTake take;
        private Process process;
        private boolean stopped;

        Keeper(List<String> command, Path errors) {
            this.command = command;
            this.errors = errors;
            this.thread = new Thread(this, "srt-relays");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            Process p;
            try {
                ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(take != null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(errors == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(errors.toFile()));
                pb.environment().clear();
                pb.environment().put("PATH", TOOLS_PATH);
                synchronized (lock) {
                    if (stopped) {
                        kept.completeExceptionally(new SrtException("the run ended before the network relays started"));
                        return;
                    }
                    process = p = pb.start();
                }
            } catch (IOException e) {
                kept.completeExceptionally(new SrtException("cannot start the network relays: " + e.getMessage()));
                return;
            }
            dev.srt.runner.Timing.mark("net: relays spawned");
            try (InputStream status = p.getInputStream()) {
                String line = firstLine(status);
                long pid = BwrapLauncher.jsonNumber(line, "child-pid");
                long netns = BwrapLauncher.jsonNumber(line, "net-namespace");
                if (pid > 0 && netns > 0) kept.complete(new Keeping(pid, netns));
                else kept.completeExceptionally(failure("cannot make the network relays' namespace (bwrap failed)"));
                if (take != null) {
                    if (pid > 0 && netns > 0) take.watch(pid, p.getOutputStream());
                    else take.end();
                }
                // bwrap writes its exit status here last; keep reading so that it never blocks on a full pipe
                status.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                kept.completeExceptionally(new SrtException("cannot read the network relays' status: " + e.getMessage()));
            }
            while (true) {
                try {
                    p.waitFor();
                    return;
                } catch (InterruptedException e) {
                    // keep waiting: this thread must outlive its child
                }
            }
        }

        /** bwrap's first status line (at most 4 KiB), or what came before end of file. */
        private static String firstLine(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            int c;
            while (s.length() < 4096 && (c = in.read()) >= 0 && c != '\n') s.append((char) c);
            return s.toString();
        }

        Keeping awaitKept() throws SrtException {
            try {
                return kept.get(READY_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SrtException) throw (SrtException) e.getCause();
                throw new SrtException("cannot start the network relays: " + e.getCause());
            } catch (TimeoutException e) {
                throw new SrtException("the network relays' namespace was not made within 5 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SrtException("interrupted while starting the network relays");
            }
        }

        /** Ends the keeper (SIGTERM) without waiting: for its own thread, which cannot wait for itself. */
        @Override
        public void destroy() {
            Process p;
            synchronized (lock) {
                p = process;
            }
            if (p != null) p.destroy();
        }

        /** Tells the keeper's shell to let the stopped relays run on ({@link #keeperCommand}). */
        @Override
        public void resume() {
            Process p;
            synchronized (lock) {
                p = process;
            }
            if (p == null) return;
            try {
                java.io.OutputStream shell = p.getOutputStream();
                shell.write("cont\n".getBytes(StandardCharsets.US_ASCII));
                shell.flush();
            } catch (IOException e) {
                // the keeper has gone, and its relays with it
            }
        }

        boolean alive() {
            synchronized (lock) {
                return process != null && process.isAlive();
            }
        }

        /** {@code what}, with the first line the keeper wrote on stderr, if any (once it has exited, or after a second). */
        SrtException failure(String what) {
            Process p;
            synchronized (lock) {
                p = process;
            }
            try {
                if (p != null) p.waitFor(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String first = null;
            try {
                if (errors != null && Files.isRegularFile(errors)) {
                    first = Files.readAllLines(errors, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).findFirst()
                        .orElse(null);
                }
            } catch (IOException | RuntimeException e) {
                // the reason stays without detail
            }
            return new SrtException(what + (first != null ? ": " + first.trim() : "") + "; run `srt doctor`");
        }

        /** Stops the keeper (SIGTERM; its init dies by --die-with-parent, the relays with it) and waits for it. */
        void halt() {
            Process p;
            synchronized (lock) {
                stopped = true;
                p = process;
            }
            if (p == null) return;
            p.destroy();
            try {
                if (!p.waitFor(1, TimeUnit.SECONDS)) p.destroyForcibly();
                thread.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
