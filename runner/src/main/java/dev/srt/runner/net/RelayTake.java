package dev.srt.runner.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code SRT_RELAYS=direct} in the relays' namespace ({@link RelayNamespace}): stops the socat
 * relays once they listen, before the sandbox joins, then takes their listening sockets into srt
 * ({@link ListenerTake}) for the proxies to serve. The keeper's shell does the stopping on srt's
 * word ({@link RelayNamespace#keeperCommand}), so no process is started on the sandbox's start
 * path; the take runs on a thread of its own while the proxies start. Where any step fails, the
 * relays run on and serve: the isolation is the same either way, only the speed differs.
 */
final class RelayTake {
    /** Between two looks at the namespace's TCP table, and (a tenth of it) at the relays' states. */
    private static final long POLL_NANOS = 1_000_000;

    /** What the take needs of the keeper. */
    interface Shell {
        /** Lets the stopped relays run on. */
        void resume();

        /** Ends the keeper without waiting for it. */
        void destroy();
    }

    private final List<Bridge> bridges;
    private final Shell shell;
    /** Whether the relays were stopped (before the sandbox may start). */
    private final CompletableFuture<Boolean> stopped = new CompletableFuture<>();
    /** The relays' sockets once taken; empty when the relays serve. */
    private final CompletableFuture<Map<Integer, ServerSocketChannel>> taken = new CompletableFuture<>();
    /** Set by the first {@link #claim} or by {@link #closeUnclaimed}: the sockets are handed on at most once. */
    private final AtomicBoolean claimed = new AtomicBoolean();

    RelayTake(List<Bridge> bridges, Shell shell) {
        this.bridges = List.copyOf(bridges);
        this.shell = shell;
    }

    /**
     * On the keeper's thread, which has nothing else to do until the keeper exits: waits until
     * every relay listens in the namespace of {@code pid} (the keeper's init), has the keeper's
     * shell stop them, waits until they are, and starts the take. Where they do not listen within
     * the limit, the keeper goes, or a relay exits (then the keeper is ended, so that {@link
     * RelayNamespace#joinPrefix} reports the relay's reason at once), the relays are not stopped.
     */
    void watch(long pid, OutputStream toShell) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<byte[]> entries = RelayNamespace.entries(bridges);
        // One open file, read again from its start at each look: no open, close and buffer per look.
        try (FileChannel ch = FileChannel.open(Path.of("/proc/" + pid + "/net/tcp"))) {
            ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
            for (int look = 1; !RelayNamespace.listening(ch, buf, entries); look++) {
                if (System.nanoTime() > deadline || stopped.isDone()) {
                    end();
                    return;
                }
                if (look % 10 == 0 && running(pid) < bridges.size()) {
                    end();
                    shell.destroy();
                    return;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            toShell.write('\n');
            toShell.flush();
            boolean ok = awaitStopped(pid, deadline);
            stopped.complete(ok);
            dev.srt.runner.Timing.mark(ok ? "net: relays stopped" : "net: socat relays serve: the keeper did not stop them");
            if (ok) {
                Thread t = new Thread(new Take(this, pid), "srt-take");
                t.setDaemon(true);
                t.start();
            } else {
                taken.complete(Map.of());
            }
        } catch (IOException gone) {
            end();
        }
    }

    /**
     * Waits (at most {@code timeoutNanos}) until the relays are stopped or known to serve, so that
     * no connection of the sandbox's reaches a relay about to be stopped.
     */
    void awaitStopped(long timeoutNanos) {
        try {
            stopped.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the relays serve what comes before they stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The taken sockets by port, now in the caller's charge. Empty, with the socat relays
     * serving, when the take failed (the run's timing trace, {@code SRT_TIMING=1}, says why),
     * when it did not end within {@code timeoutNanos}, after {@link #end}, or on a second call.
     */
    Map<Integer, ServerSocketChannel> claim(long timeoutNanos) {
        Map<Integer, ServerSocketChannel> m;
        try {
            m = taken.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return claimed.compareAndSet(false, true) ? m : Map.of();
    }

    /** No stop and no take from now on (the run is ending, or the keeper never started). */
    void end() {
        stopped.complete(false);
        taken.complete(Map.of());
    }

    /** Closes the taken sockets unless {@link #claim} handed them on; none is handed on after this. */
    void closeUnclaimed() {
        end();
        if (!claimed.compareAndSet(false, true)) return;
        for (ServerSocketChannel ch : taken.join().values()) closeQuietly(ch);
    }

    /** Waits until every relay is stopped (proc(5) stat state T); false if one goes or the deadline passes. */
    private boolean awaitStopped(long init, long deadline) throws IOException {
        List<Long> pids = relayPids(init);
        if (pids.size() != bridges.size()) return false;
        while (true) {
            boolean all = true;
            for (long p : pids) all &= state(p) == 'T';
            if (all) return true;
            if (System.nanoTime() > deadline) return false;
            LockSupport.parkNanos(POLL_NANOS / 10);
        }
    }

    /** How many relays are running: one that exited stays a zombie while the shell waits for srt's word. */
    private static int running(long init) {
        int n = 0;
        try {
            for (long p : relayPids(init)) if (state(p) != 'Z') n++;
        } catch (IOException | RuntimeException e) {
            // gone meanwhile: not running
        }
        return n;
    }

    /** The relays' pids: the children of the keeper's shell, the only child of its init (bwrap). */
    private static List<Long> relayPids(long init) throws IOException {
        List<Long> shell = ListenerTake.children(init);
        return shell.size() == 1 ? ListenerTake.children(shell.get(0)) : List.of();
    }

    /** proc(5) stat field 3. */
    private static char state(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    private static void closeQuietly(ServerSocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing listens on it any more either way
        }
    }

    /**
     * The take, on a daemon thread that a run ending meanwhile does not wait for (loading JNA
     * takes a while): sockets it takes after {@link #end} are closed at once. A class, not a
     * lambda (start-up cost).
     */
    private static final class Take implements Runnable {
        private final RelayTake owner;
        private final long pid;

        Take(RelayTake owner, long pid) {
            this.owner = owner;
            this.pid = pid;
        }

        @Override
        public void run() {
            List<Integer> ports = new ArrayList<>();
            for (Bridge b : owner.bridges) ports.add(b.port());
            Map<Integer, ServerSocketChannel> m;
            try {
                m = ListenerTake.take(ListenerTake.find(pid, ports));
            } catch (ListenerTake.NotTaken e) {
                owner.shell.resume();
                owner.taken.complete(Map.of());
                dev.srt.runner.Timing.mark("net: socat relays serve: " + e.getMessage());
                return;
            } catch (RuntimeException | LinkageError e) {
                owner.shell.resume();
                owner.taken.complete(Map.of());
                return;
            }
            if (owner.taken.complete(m)) {
                dev.srt.runner.Timing.mark("net: relay sockets taken");
                return;
            }
            for (ServerSocketChannel ch : m.values()) closeQuietly(ch); // ended meanwhile
        }
    }
}
