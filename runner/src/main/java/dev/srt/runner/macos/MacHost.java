package dev.srt.runner.macos;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Facts about the calling process on a system without /proc (macOS), read with libc calls
 * through JNA: the real uid, and whether srt is in its terminal's foreground process group.
 */
public final class MacHost {
    /** The libc functions used (getuid(2), getpgrp(2), isatty(3), tcgetpgrp(3)). */
    interface LibC extends Library {
        int getuid();

        int getpgrp();

        int isatty(int fd);

        int tcgetpgrp(int fd);
    }

    private static final class Holder {
        static final LibC C = load();

        private static LibC load() {
            dev.srt.runner.JnaLibrary.useBundled(); // not unpacked where a sandbox could write (JnaLibrary)
            return Native.load("c", LibC.class);
        }
    }

    private MacHost() {
    }

    public static String uid() {
        return Integer.toString(Holder.C.getuid());
    }

    /**
     * True when one of the standard descriptors is a terminal whose foreground group is srt's
     * own: then the terminal itself sends SIGINT, SIGQUIT and SIGWINCH to the command too.
     */
    public static boolean foregroundOfTerminal() {
        try {
            for (int fd = 0; fd <= 2; fd++) {
                if (Holder.C.isatty(fd) == 1) return Holder.C.tcgetpgrp(fd) == Holder.C.getpgrp();
            }
        } catch (RuntimeException | LinkageError e) {
            // no terminal information: forward everything
        }
        return false;
    }
}
