package dev.srt.ir;

import java.util.Locale;

/**
 * What a system-call rule does. {@code errno} carries the error number for {@link Kind#ERRNO}
 * and is 0 otherwise.
 */
public record Action(Kind kind, int errno) {
    /** The actions seccomp offers (seccomp(2), SECCOMP_RET_*). */
    public enum Kind {
        ALLOW, LOG, ERRNO, TRAP, KILL_THREAD, KILL_PROCESS;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final Action ALLOW = new Action(Kind.ALLOW, 0);
    public static final Action KILL_PROCESS = new Action(Kind.KILL_PROCESS, 0);

    public Action {
        if (kind != Kind.ERRNO && errno != 0) throw new IllegalArgumentException("errno only with ERRNO");
        if (kind == Kind.ERRNO && (errno < 0 || errno > 4095)) throw new IllegalArgumentException("errno out of range");
    }

    public static Action errno(int n) {
        return new Action(Kind.ERRNO, n);
    }

    public static Action of(Kind kind) {
        return new Action(kind, 0);
    }

    /** True when the call goes ahead (allow, or allow and log). */
    public boolean permits() {
        return kind == Kind.ALLOW || kind == Kind.LOG;
    }

    /** The action as written in a policy, e.g. {@code errno EPERM}. */
    public String render() {
        return kind == Kind.ERRNO ? "errno " + Errnos.name(errno) : kind.word();
    }
}
