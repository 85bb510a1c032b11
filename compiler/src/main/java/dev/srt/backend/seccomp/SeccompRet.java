package dev.srt.backend.seccomp;

import dev.srt.ir.Action;

/** The SECCOMP_RET_* value of each action (linux/seccomp.h, seccomp(2)). */
public final class SeccompRet {
    public static final int KILL_PROCESS = 0x80000000;
    public static final int KILL_THREAD = 0x00000000;
    public static final int TRAP = 0x00030000;
    public static final int ERRNO = 0x00050000;
    public static final int LOG = 0x7ffc0000;
    public static final int ALLOW = 0x7fff0000;
    /** SECCOMP_RET_ACTION_FULL: the action part of a return value; the rest is data. */
    public static final int ACTION_FULL = 0xffff0000;

    private SeccompRet() {
    }

    public static int of(Action a) {
        switch (a.kind()) {
            case ALLOW: return ALLOW;
            case LOG: return LOG;
            case ERRNO: return ERRNO | (a.errno() & 0xffff);
            case TRAP: return TRAP;
            case KILL_THREAD: return KILL_THREAD;
            case KILL_PROCESS: return KILL_PROCESS;
            default: throw new IllegalStateException(a.kind().name());
        }
    }

    /** The action a return value stands for; unknown values are reported as kill-process, as the kernel does. */
    public static Action action(int ret) {
        int act = ret & ACTION_FULL;
        if (act == ALLOW) return Action.ALLOW;
        if (act == LOG) return Action.of(Action.Kind.LOG);
        if (act == ERRNO) return Action.errno(Math.min(ret & 0xffff, 4095));
        if (act == TRAP) return Action.of(Action.Kind.TRAP);
        if (act == KILL_THREAD) return Action.of(Action.Kind.KILL_THREAD);
        return Action.KILL_PROCESS;
    }
}
