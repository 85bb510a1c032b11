package dev.srt.runner.net;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes the relays' listening sockets out of their network namespace into srt, so that srt's
 * proxies accept the sandbox's connections themselves: the bytes then pass through one process
 * (srt) instead of two (socat, then srt over a unix socket), which is what limits a download's
 * throughput on two cores (docs/network.md, Figures).
 *
 * <p>A socket stays in the network namespace it was made in, whichever process holds it
 * (socket(7), network_namespaces(7)), so srt, in the host's namespace, can accept on a socket the
 * keeper's socat made in the relays' one. {@code pidfd_getfd(2)} copies the descriptor into srt
 * (permitted: srt is the socat's ancestor and owns its user namespace, ptrace(2) access mode
 * checks), and the copy is checked to be the very socket that listens on the port (same inode
 * as in the namespace's {@code /proc/net/tcp}). The keeper's shell stops each socat (SIGSTOP) as
 * soon as they all listen, before the sandbox exists ({@link RelayNamespace}), so no relay ever
 * accepts; the sandbox's first connections wait in the listen backlog until srt serves the taken
 * sockets. The socat processes stay, stopped, until the keeper stops.
 *
 * <p>Everything is all or nothing: if any step fails (a kernel before 5.6, a security module that
 * forbids the copy, a JDK whose NIO cannot adopt a descriptor), every copy is closed, the keeper
 * lets the socat relays run on and they carry the traffic as before, the waiting connections
 * first. The isolation is the same either way; only the speed differs.
 */
final class ListenerTake {
    /** How many of the keeper's processes to look through: it has a handful. */
    private static final int MAX_PROCESSES = 16;

    private ListenerTake() {
    }

    /** Why the sockets were not taken, for the run's timing trace and for tests. */
    static final class NotTaken extends Exception {
        NotTaken(String why) {
            super(why, null, false, false);
        }
    }

    /** One listening socket found in the namespace: its port, inode, holder and descriptor there. */
    record Found(int port, long inode, long pid, int fd) {
    }

    /**
     * Takes the listening sockets {@code found} into this process (their holders stopped by the
     * keeper), checking that each copy is the very socket found (a pid reused meanwhile would
     * name another) and listens on its port. Returns them as NIO channels, by port, in {@code
     * found} order; on failure none is left open here (the holders keep theirs).
     */
    static Map<Integer, ServerSocketChannel> take(List<Found> found) throws NotTaken {
        Map<Integer, ServerSocketChannel> out = new LinkedHashMap<>();
        boolean done = false;
        try {
            for (Found f : found) {
                int pidfd = (int) call(LinuxCalls.SYS_PIDFD_OPEN, f.pid(), 0, "pidfd_open");
                int copy;
                try {
                    copy = (int) call(LinuxCalls.SYS_PIDFD_GETFD, pidfd, f.fd(), "pidfd_getfd");
                } finally {
                    closeFd(pidfd);
                }
                ServerSocketChannel ch;
                try {
                    if (inode(Path.of("/proc/self/fd/" + copy)) != f.inode()) throw new NotTaken("the socket changed while taken");
                    ch = adopt(copy);
                } catch (NotTaken | RuntimeException e) {
                    closeFd(copy);
                    throw e;
                }
                out.put(f.port(), ch);
                checkAddress(ch, f.port());
            }
            done = true;
            return out;
        } catch (LinkageError | RuntimeException e) {
            throw new NotTaken("cannot take the relays' sockets: " + e);
        } finally {
            if (!done) {
                for (ServerSocketChannel ch : out.values()) closeQuietly(ch);
            }
        }
    }

    /**
     * Why {@link #take} cannot work on this host, or null when it can as far as can be told
     * without a relay: JNA loads, {@code pidfd_getfd(2)} copies a descriptor of this process (a
     * kernel of 5.6 or later, not refused by a seccomp filter or a security module), and Yama
     * lets srt copy from its descendants (ptrace_scope 0 or 1). Adopting the copy needs the
     * {@code --add-opens} that bin/srt gives only with SRT_RELAYS=direct, so it is not tried here.
     */
    static String unavailable() {
        try {
            int pidfd = (int) call(LinuxCalls.SYS_PIDFD_OPEN, ProcessHandle.current().pid(), 0, "pidfd_open");
            try {
                closeFd((int) call(LinuxCalls.SYS_PIDFD_GETFD, pidfd, 0, "pidfd_getfd"));
            } finally {
                closeFd(pidfd);
            }
        } catch (NotTaken e) {
            return e.getMessage();
        } catch (LinkageError | RuntimeException e) {
            return "JNA is not usable: " + e;
        }
        String yama;
        try {
            yama = Files.readString(Path.of("/proc/sys/kernel/yama/ptrace_scope")).trim();
        } catch (IOException e) {
            return null; // no Yama: ptrace(2)'s own checks, which srt passes for its relays
        }
        return yama.equals("0") || yama.equals("1") ? null
            : "Yama's ptrace_scope is " + yama + ": copying a relay's socket needs 0 or 1";
    }

    /** Where each port's listening socket is held: its inode from the namespace's TCP table, then the descriptor naming it. */
    static List<Found> find(long init, List<Integer> ports) throws NotTaken {
        String table = read(Path.of("/proc/" + init + "/net/tcp"));
        // the keeper's init (bwrap, pid 1 of its PID namespace) and its descendants: the relays
        List<Long> pids = new ArrayList<>(List.of(init));
        for (int i = 0; i < pids.size() && pids.size() < MAX_PROCESSES; i++) {
            try {
                pids.addAll(children(pids.get(i)));
            } catch (IOException gone) {
                // exited meanwhile: no children to look at
            }
        }
        List<Found> out = new ArrayList<>();
        for (int port : ports) {
            long inode = listeningInode(table, port);
            if (inode <= 0) throw new NotTaken("nothing listens on 127.0.0.1:" + port + " in the relays' namespace");
            Found f = holder(pids, port, inode);
            if (f == null) throw new NotTaken("no relay holds the socket of port " + port);
            out.add(f);
        }
        return out;
    }

    /** The children of {@code pid} (proc(5), /proc/PID/task/PID/children). */
    static List<Long> children(long pid) throws IOException {
        List<Long> out = new ArrayList<>();
        String list = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/task/" + pid + "/children")), StandardCharsets.US_ASCII);
        for (String child : list.trim().split(" ")) {
            if (!child.isEmpty()) out.add(Long.parseLong(child));
        }
        return out;
    }

    /** The inode of the socket listening on 127.0.0.1:{@code port} in a /proc/net/tcp text (proc(5)), or -1. */
    static long listeningInode(String table, int port) {
        // sl local rem st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...; split by
        // hand: no regular expression (its set-up costs milliseconds in a fresh JVM)
        int at = table.indexOf(RelayNamespace.listeningEntry(port));
        if (at < 0) return -1;
        int lineEnd = table.indexOf('\n', at);
        String[] f = fields(table.substring(table.lastIndexOf('\n', at) + 1, lineEnd < 0 ? table.length() : lineEnd));
        try {
            return f.length > 9 ? Long.parseLong(f[9]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String[] fields(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && line.charAt(i) == ' ') i++;
            int start = i;
            while (i < line.length() && line.charAt(i) != ' ') i++;
            if (i > start) out.add(line.substring(start, i));
        }
        return out.toArray(new String[0]);
    }

    private static Found holder(List<Long> pids, int port, long inode) throws NotTaken {
        String name = "socket:[" + inode + "]";
        for (long pid : pids) {
            Path fds = Path.of("/proc/" + pid + "/fd");
            try (var list = Files.newDirectoryStream(fds)) {
                for (Path fd : list) {
                    try {
                        if (Files.readSymbolicLink(fd).toString().equals(name)) {
                            return new Found(port, inode, pid, Integer.parseInt(fd.getFileName().toString()));
                        }
                    } catch (IOException gone) {
                        // closed meanwhile
                    }
                }
            } catch (IOException e) {
                throw new NotTaken("cannot read " + fds + ": " + e.getMessage());
            }
        }
        return null;
    }

    private static long inode(Path fd) throws NotTaken {
        try {
            String l = Files.readSymbolicLink(fd).toString();
            if (!l.startsWith("socket:[") || !l.endsWith("]")) return -1;
            return Long.parseLong(l.substring(8, l.length() - 1));
        } catch (IOException | NumberFormatException e) {
            throw new NotTaken("cannot read " + fd + ": " + e.getMessage());
        }
    }

    /**
     * An NIO channel on a listening descriptor. The JDK has no public way to adopt one, so this
     * uses its own constructor for accepted and inherited sockets (sun.nio.ch, opened to srt by
     * bin/srt's {@code --add-opens}); without that, the socat relays serve instead.
     */
    static ServerSocketChannel adopt(int fd) throws NotTaken {
        try {
            Method newFd = Class.forName("sun.nio.ch.IOUtil").getDeclaredMethod("newFD", int.class);
            newFd.setAccessible(true);
            Constructor<?> make = Class.forName("sun.nio.ch.ServerSocketChannelImpl")
                .getDeclaredConstructor(SelectorProvider.class, ProtocolFamily.class, FileDescriptor.class, boolean.class);
            make.setAccessible(true);
            return (ServerSocketChannel) make.newInstance(SelectorProvider.provider(), StandardProtocolFamily.INET,
                newFd.invoke(null, fd), true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new NotTaken("this JDK's NIO cannot adopt a socket (" + e + ")");
        }
    }

    private static void checkAddress(ServerSocketChannel ch, int port) throws NotTaken {
        try {
            InetSocketAddress a = (InetSocketAddress) ch.getLocalAddress();
            if (a == null || a.getPort() != port || !a.getAddress().isLoopbackAddress()) {
                throw new NotTaken("the socket taken for port " + port + " listens on " + a);
            }
        } catch (IOException | ClassCastException e) {
            throw new NotTaken("cannot read the address of the socket taken for port " + port + ": " + e.getMessage());
        }
    }

    private static long call(long number, long a, long b, String name) throws NotTaken {
        try {
            return LinuxCalls.syscall(number, a, b);
        } catch (com.sun.jna.LastErrorException e) {
            throw new NotTaken(name + ": errno " + e.getErrorCode());
        }
    }

    private static void closeFd(int fd) {
        try {
            LinuxCalls.close(fd);
        } catch (com.sun.jna.LastErrorException | LinkageError e) {
            // nothing more to do for a descriptor that does not close
        }
    }

    private static void closeQuietly(ServerSocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing a listening socket does not fail in a way that matters here
        }
    }

    private static String read(Path p) throws NotTaken {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new NotTaken("cannot read " + p + ": " + e.getMessage());
        }
    }
}
