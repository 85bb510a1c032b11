package dev.srt.runner.net;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.reflect.Method;

/**
 * The Linux system calls {@link ListenerTake} needs, called through JNA on libc's
 * {@code syscall(2)} and {@code close(2)}, found in the process itself ({@code dlopen(NULL)}).
 * Not through JNA's {@code NativeLibrary}: on Linux its set-up runs {@code /sbin/ldconfig -p} to
 * learn the library paths, about 20 ms of every networked start. Loaded on first use (by the
 * relays' keeper thread, while the proxies start); a failure to load means "not available here".
 */
final class LinuxCalls {
    /** pidfd_open(2) and pidfd_getfd(2): the same numbers on every Linux architecture (5.6+). */
    static final long SYS_PIDFD_OPEN = 434;
    static final long SYS_PIDFD_GETFD = 438;
    /** dlopen(3) RTLD_LAZY. */
    private static final int RTLD_LAZY = 1;

    private static final Function SYSCALL;
    private static final Function CLOSE;

    static {
        dev.srt.runner.JnaLibrary.useBundled();
        try {
            // Native.open and Native.findSymbol are JNA's own dlopen/dlsym, package-private in an
            // unnamed module (the class path), so reflection reaches them without any --add-opens.
            Method open = Native.class.getDeclaredMethod("open", String.class, int.class);
            Method find = Native.class.getDeclaredMethod("findSymbol", long.class, String.class);
            open.setAccessible(true);
            find.setAccessible(true);
            long self = (Long) open.invoke(null, null, RTLD_LAZY);
            SYSCALL = Function.getFunction(new Pointer((Long) find.invoke(null, self, "syscall")), Function.THROW_LAST_ERROR);
            CLOSE = Function.getFunction(new Pointer((Long) find.invoke(null, self, "close")), Function.THROW_LAST_ERROR);
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("cannot find syscall and close in this process", e);
        }
    }

    private LinuxCalls() {
    }

    /**
     * syscall(2) with two arguments and a third of 0 (the flags of both calls used here, which
     * must be 0); errno as a {@link LastErrorException}.
     */
    static long syscall(long number, long a, long b) throws LastErrorException {
        return SYSCALL.invokeLong(new Object[] {number, a, b, 0L});
    }

    static int close(int fd) throws LastErrorException {
        return CLOSE.invokeInt(new Object[] {fd});
    }
}
