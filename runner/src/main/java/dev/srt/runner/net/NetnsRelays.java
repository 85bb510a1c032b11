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
 */
final class NetnsRelays implements AutoCloseable {
    private static final String TOOLS_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final List<Process> processes;

    private NetnsRelays(List<Process> processes) {
        this.processes = processes;
    }

    /** Starts one relay per bridge and returns once all listen; stops them all on failure. */
    static NetnsRelays start(long sandboxPid, List<Bridge> bridges) throws SrtException {
        Path nsenter = tool("nsenter", "util-linux");
        Path setpriv = tool("setpriv", "util-linux");
        Path socat = tool("socat", "socat");
        boolean joinUser;
        NetnsOwner owner = NetnsOwner.of(sandboxPid);
        try {
            joinUser = !Files.readSymbolicLink(Path.of(owner.path())).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/user")));
        } catch (IOException e) {
            owner.close();
            throw new SrtException("cannot read the sandbox's namespaces: " + e.getMessage());
        }
        List<List<String>> commands = new ArrayList<>();
        for (Bridge b : bridges) {
            List<String> cmd = new ArrayList<>(List.of(nsenter.toString()));
            if (joinUser) cmd.addAll(List.of("--user=" + owner.path(), "--preserve-credentials"));
            cmd.addAll(List.of("--net=/proc/" + sandboxPid + "/ns/net", setpriv.toString(), "--pdeathsig", "KILL", socat.toString()));
            cmd.addAll(b.command().subList(1, b.command().size()));
            commands.add(cmd);
        }
        NetnsRelays relays = new NetnsRelays(new ArrayList<>());
        try {
            for (List<String> cmd : commands) relays.processes.add(spawn(cmd));
            dev.srt.runner.Timing.mark("net: relays spawned");
            relays.awaitListening(sandboxPid, bridges, commands);
            dev.srt.runner.Timing.mark("net: relays listen");
            return relays;
        } catch (SrtException | RuntimeException e) {
            relays.close();
            throw e;
        } finally {
            owner.close(); // the relays have joined (or failed); their namespaces stay theirs
        }
    }

    /**
     * Polls the sandbox's {@code /proc/PID/net/tcp} (the table of the namespace that process is
     * in) until every port listens on 127.0.0.1. A relay that exits early (its bind can fail
     * while bwrap is still bringing up the sandbox's loopback interface) is started again.
     */
    private void awaitListening(long pid, List<Bridge> bridges, List<List<String>> commands) throws SrtException {
        Path table = Path.of("/proc/" + pid + "/net/tcp");
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        List<String> listening = new ArrayList<>();
        for (Bridge b : bridges) listening.add(listeningEntry(b.port()));
        while (true) {
            String tcp;
            try {
                tcp = Files.readString(table);
            } catch (IOException e) {
                throw new SrtException("the sandbox disappeared before its network was set up");
            }
            boolean all = true;
            for (String entry : listening) all &= tcp.contains(entry);
            if (all) return;
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) processes.set(i, spawn(commands.get(i)));
            }
            if (System.nanoTime() > deadline) {
                throw new SrtException("the network relays (socat) did not start listening inside the sandbox");
            }
            LockSupport.parkNanos(500_000);
        }
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
        for (Process p : processes) p.destroy();
        for (Process p : processes) {
            try {
                if (!p.waitFor(1, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
