package dev.srt.runner.net;

import dev.srt.runner.SrtException;
import dev.srt.runner.linux.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The loopback relays of one sandbox: for each {@link Bridge}, a socat that listens on
 * 127.0.0.1:PORT <em>inside the sandbox's network namespace</em> and connects to the proxy's unix
 * socket on the host, started as
 * {@code nsenter --user=OWNER --preserve-credentials --net=/proc/SANDBOX/ns/net setpriv --pdeathsig KILL socat ...}
 * where OWNER is the user namespace owning the sandbox's network namespace ({@link NetnsOwner}).
 *
 * <p>Why outside the sandbox: the relays need {@code socket(AF_UNIX)}, which the policy's seccomp
 * filter refuses, and a helper inside the sandbox's PID namespace could be killed or traced by
 * the command (same uid) and then made to do what the filter refuses. These relays are in the
 * host's PID and mount namespaces and only share the sandbox's network namespace: the command
 * sees their listening port and nothing else of them. Joining that user namespace needs no
 * privilege: its owner is the caller (user_namespaces(7)). {@code --pdeathsig KILL} (set after nsenter's
 * setns, which clears it, see PR_SET_PDEATHSIG in prctl(2)) kills the relay if srt itself is
 * killed; srt stops them on every other exit path.
 *
 * <p>Start-up: the tools are found before the sandbox exists ({@link #tools}), and the relays are
 * started at the same time, each by its own {@link Keeper} thread. The parent-death signal
 * fires when the <em>thread</em> that started the process ends, not the whole of srt (prctl(2)),
 * so each keeper lives exactly as long as its relay.
 */
final class NetnsRelays implements AutoCloseable {
    private static final String TOOLS_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Between two starts of a relay whose bind failed; and between two looks at the TCP table. */
    private static final long RETRY_NANOS = 500_000;

    /** The helper programs, found on a fixed system path (never the caller's PATH). */
    record Tools(Path nsenter, Path setpriv, Path socat) {
    }

    private final List<Keeper> keepers;

    private NetnsRelays(List<Keeper> keepers) {
        this.keepers = keepers;
    }

    /** Finds nsenter, setpriv and socat; done ahead of the sandbox, off the critical path. */
    static Tools tools() throws SrtException {
        return new Tools(tool("nsenter", "util-linux"), tool("setpriv", "util-linux"), tool("socat", "socat"));
    }

    /** Starts one relay per bridge and returns once all listen; stops them all on failure. */
    static NetnsRelays start(long sandboxPid, List<Bridge> bridges) throws SrtException {
        return start(sandboxPid, bridges, tools());
    }

    /** As above, with the tools found ahead. */
    static NetnsRelays start(long sandboxPid, List<Bridge> bridges, Tools tools) throws SrtException {
        NetnsOwner owner = NetnsOwner.of(sandboxPid);
        NetnsRelays relays = new NetnsRelays(new ArrayList<>());
        try {
            List<String> prefix = new ArrayList<>(List.of(tools.nsenter().toString()));
            if (owner.differsFromOurs()) prefix.addAll(List.of("--user=" + owner.path(), "--preserve-credentials"));
            prefix.addAll(List.of("--net=/proc/" + sandboxPid + "/ns/net", tools.setpriv().toString(), "--pdeathsig", "KILL",
                tools.socat().toString()));
            for (Bridge b : bridges) {
                List<String> cmd = new ArrayList<>(prefix);
                cmd.addAll(b.command().subList(1, b.command().size()));
                Keeper k = new Keeper(List.copyOf(cmd), "srt-relay-" + b.port());
                relays.keepers.add(k);
                k.start();
            }
            dev.srt.runner.Timing.mark("net: relays spawning");
            relays.awaitListening(sandboxPid, bridges);
            dev.srt.runner.Timing.mark("net: relays listen");
            return relays;
        } catch (SrtException | RuntimeException e) {
            relays.close();
            throw e;
        } finally {
            // Each relay's nsenter opens OWNER by path before its setns; the descriptor must stay
            // open until they all have, i.e. until they listen (or failed).
            owner.close();
        }
    }

    /**
     * Polls the sandbox's {@code /proc/PID/net/tcp} (the table of the namespace that process is
     * in) until every port listens on 127.0.0.1; the keepers meanwhile start again a relay that
     * exited early (its bind can fail while bwrap is still bringing up the sandbox's loopback
     * interface).
     */
    private void awaitListening(long pid, List<Bridge> bridges) throws SrtException {
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        while (!listening(pid, bridges)) {
            for (Keeper k : keepers) {
                SrtException failed = k.failure;
                if (failed != null) throw failed;
            }
            if (System.nanoTime() > deadline) {
                throw new SrtException("the network relays (socat) did not start listening inside the sandbox");
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
        for (Keeper k : keepers) k.listening = true;
    }

    /** True when every bridge's port listens on 127.0.0.1 in the network namespace of {@code pid}. */
    static boolean listening(long pid, List<Bridge> bridges) throws SrtException {
        String tcp;
        try {
            tcp = Files.readString(Path.of("/proc/" + pid + "/net/tcp"));
        } catch (IOException e) {
            throw new SrtException("the sandbox disappeared before its network was set up");
        }
        for (Bridge b : bridges) {
            if (!tcp.contains(listeningEntry(b.port()))) return false;
        }
        return true;
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

    private static Process spawn(List<String> cmd) throws SrtException {
        try {
            return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new SrtException("cannot start the network relay: " + e.getMessage());
        }
    }

    private static Path tool(String name, String pkg) throws SrtException {
        Path p = Host.onPath(name, TOOLS_PATH);
        if (p == null) throw new SrtException(name + " not found: the policy allows network hosts, which needs " + name + " (package " + pkg + ")");
        return p;
    }

    /** Stops every relay (and so every connection still open through it). */
    @Override
    public void close() {
        for (Keeper k : keepers) k.halt();
        for (Keeper k : keepers) k.awaitEnd();
    }

    /**
     * The thread that starts one relay, is its parent while it runs (so that its parent-death
     * signal stays armed: prctl(2) ties it to the starting thread), and starts it again if it
     * exits before it listens. It ends once its relay has exited and is not to be restarted.
     */
    private static final class Keeper implements Runnable {
        private final List<String> command;
        private final Thread thread;
        private final Object lock = new Object();
        private Process process;
        private boolean stopped;
        volatile boolean listening;
        volatile SrtException failure;

        Keeper(List<String> command, String name) {
            this.command = command;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            while (true) {
                synchronized (lock) {
                    if (stopped) return;
                }
                Process p;
                try {
                    p = spawn(command);
                } catch (SrtException e) {
                    failure = e;
                    return;
                }
                synchronized (lock) {
                    process = p;
                    if (stopped) p.destroy();
                }
                waitFor(p);
                synchronized (lock) {
                    if (stopped || listening) return; // a relay that dies later is not replaced: its port is gone
                }
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }

        void halt() {
            synchronized (lock) {
                stopped = true;
                if (process != null) process.destroy();
            }
        }

        /** Waits for the relay to exit (killing it after a second) and for this thread to end. */
        void awaitEnd() {
            Process p;
            synchronized (lock) {
                p = process;
            }
            try {
                if (p != null && !p.waitFor(1, TimeUnit.SECONDS)) p.destroyForcibly();
                thread.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                if (p != null) p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static void waitFor(Process p) {
            while (true) {
                try {
                    p.waitFor();
                    return;
                } catch (InterruptedException e) {
                    // keep waiting: this thread must outlive its child
                }
            }
        }
    }
}
