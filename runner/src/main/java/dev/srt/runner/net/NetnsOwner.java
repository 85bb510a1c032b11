package dev.srt.runner.net;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.srt.runner.SrtException;
import java.util.List;

/**
 * A descriptor for the user namespace that owns a process's network namespace
 * ({@code ioctl(fd, NS_GET_USERNS)}, ioctl_ns(2)). Joining a network namespace needs
 * CAP_SYS_ADMIN in its owning user namespace; for an unprivileged caller that means joining
 * exactly that one, which is not the sandbox process's own user namespace when bwrap nested
 * another one inside it ({@code --disable-userns}). The descriptor stays open until
 * {@link #close()}, so helpers can join it through {@code /proc/SRT_PID/fd/N}.
 */
final class NetnsOwner implements AutoCloseable {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    /** _IO(0xb7, 0x1) from linux/nsfs.h. */
    private static final long NS_GET_USERNS = 0xb701L;

    private final int fd;

    private NetnsOwner(int fd) {
        this.fd = fd;
    }

    /**
     * JNA's default library search path: when this property is unset, JNA's first use runs
     * {@code /sbin/ldconfig -p} (one more process and 15 to 25 ms of start-up) to find the
     * multiarch directories, which it does not need for libc, opened by its soname below.
     */
    static final String JNA_PATH_PROPERTY = "jna.platform.library.path";
    /** glibc's soname, which dlopen(3) finds without any search path; "c" elsewhere (musl). */
    private static final String LIBC = "libc.so.6";

    /**
     * Where JNA unpacks its native library before loading it. By default that is
     * {@code ~/.cache/JNA/temp}, which a sandbox whose policy lets it write the home directory
     * could write too: a sandboxed command of another run could swap the file between JNA's
     * write and its dlopen and so run code in srt, outside any sandbox. This run's private
     * directory is hidden from every sandbox. Kept when that file system is mounted noexec
     * (dlopen would fail there); must be called before JNA's first use.
     */
    static final String JNA_TMPDIR_PROPERTY = "jna.tmpdir";

    static void unpackIn(java.nio.file.Path runDir) {
        if (dev.srt.runner.JnaLibrary.useBundled()) return; // nothing is unpacked
        if (!noexec(runDir)) System.setProperty(JNA_TMPDIR_PROPERTY, runDir.toString());
    }

    /** True when the mount holding {@code dir} has the noexec option (proc(5), /proc/self/mountinfo). */
    static boolean noexec(java.nio.file.Path dir) {
        try {
            return noexec(dir.toRealPath(), java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/mountinfo")));
        } catch (java.io.IOException | RuntimeException e) {
            return true; // unknown: keep JNA's default
        }
    }

    /** As above, from mountinfo's lines: the last-mounted of the longest mount points holding {@code dir}. */
    static boolean noexec(java.nio.file.Path dir, List<String> mountinfo) {
        String path = dir.toAbsolutePath().normalize().toString();
        String best = null;
        boolean bestNoexec = true; // no mount found: keep JNA's default
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            if (f.length < 6) continue;
            String mount = f[4].replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
            boolean under = path.equals(mount) || path.startsWith(mount.endsWith("/") ? mount : mount + "/");
            if (under && (best == null || mount.length() >= best.length())) {
                best = mount;
                bestNoexec = (',' + f[5] + ',').contains(",noexec,");
            }
        }
        return bestNoexec;
    }

    /** Loads libc through JNA ahead of time (called on the proxies' warm-up thread). */
    static void preload() {
        NativeLibrary c = libc();
        for (String f : new String[] {"open", "ioctl", "close"}) c.getFunction(f);
    }

    private static NativeLibrary libc() {
        return Libc.LIB;
    }

    /** Loaded once, on first use. */
    private static final class Libc {
        static final NativeLibrary LIB = load();
    }

    private static NativeLibrary load() {
        if (System.getProperty(JNA_PATH_PROPERTY) == null) System.setProperty(JNA_PATH_PROPERTY, "/usr/lib:/lib");
        try {
            return NativeLibrary.getInstance(LIBC);
        } catch (UnsatisfiedLinkError e) {
            return NativeLibrary.getInstance("c");
        }
    }

    static NetnsOwner of(long pid) throws SrtException {
        Function open;
        Function ioctl;
        Function close;
        try {
            NativeLibrary c = libc();
            open = c.getFunction("open");
            ioctl = c.getFunction("ioctl");
            close = c.getFunction("close");
        } catch (LinkageError e) {
            throw new SrtException("cannot call libc through JNA to join the sandbox's network namespace: " + e);
        }
        int net = open.invokeInt(new Object[] {"/proc/" + pid + "/ns/net", O_RDONLY | O_CLOEXEC});
        if (net < 0) throw new SrtException("the sandbox disappeared before its network was set up");
        int owner = ioctl.invokeInt(new Object[] {net, NS_GET_USERNS});
        close.invokeInt(new Object[] {net});
        if (owner < 0) throw new SrtException("cannot find the owner of the sandbox's network namespace (NS_GET_USERNS)");
        return new NetnsOwner(owner);
    }

    /** A path naming the owning user namespace for as long as this object is open. */
    String path() {
        return "/proc/" + dev.srt.runner.linux.Host.pid() + "/fd/" + fd;
    }

    /**
     * True unless the owner is srt's own user namespace, which the relays are in already: only a
     * different one must be joined (joining one's own fails with EINVAL, setns(2)).
     */
    boolean differsFromOurs() throws SrtException {
        try {
            return !java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of(path()))
                .equals(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/user")));
        } catch (java.io.IOException e) {
            throw new SrtException("cannot read the sandbox's namespaces: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        libc().getFunction("close").invokeInt(new Object[] {fd});
    }
}
