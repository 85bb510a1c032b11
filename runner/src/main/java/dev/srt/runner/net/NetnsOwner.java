package dev.srt.runner.net;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.srt.runner.SrtException;

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

    /** Loads libc through JNA ahead of time (called on the proxies' start-up thread). */
    static void preload() {
        NativeLibrary.getInstance("c").getFunction("ioctl");
    }

    static NetnsOwner of(long pid) throws SrtException {
        NativeLibrary c = NativeLibrary.getInstance("c");
        Function open = c.getFunction("open");
        Function ioctl = c.getFunction("ioctl");
        Function close = c.getFunction("close");
        int net = open.invokeInt(new Object[] {"/proc/" + pid + "/ns/net", O_RDONLY | O_CLOEXEC});
        if (net < 0) throw new SrtException("the sandbox disappeared before its network was set up");
        int owner = ioctl.invokeInt(new Object[] {net, NS_GET_USERNS});
        close.invokeInt(new Object[] {net});
        if (owner < 0) throw new SrtException("cannot find the owner of the sandbox's network namespace (NS_GET_USERNS)");
        return new NetnsOwner(owner);
    }

    /** A path naming the owning user namespace for as long as this object is open. */
    String path() {
        return "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd;
    }

    @Override
    public void close() {
        NativeLibrary.getInstance("c").getFunction("close").invokeInt(new Object[] {fd});
    }
}
