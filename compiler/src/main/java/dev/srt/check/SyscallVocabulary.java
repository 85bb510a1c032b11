package dev.srt.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names a policy may use in syscall argument conditions: parameter names of common system
 * calls (as in their man pages) and constants. Only constants whose values are the same on
 * x86_64 and aarch64 are listed, so a condition means the same on both.
 */
public final class SyscallVocabulary {
    private static final Map<String, List<String>> PARAMS = new LinkedHashMap<>();
    private static final Map<String, Long> CONSTANTS = new LinkedHashMap<>();

    static {
        params("socket", "domain", "type", "protocol");
        params("socketpair", "domain", "type", "protocol", "sv");
        params("ioctl", "fd", "request", "argp");
        params("clone", "flags", "stack", "parent_tid");
        params("unshare", "flags");
        params("setns", "fd", "nstype");
        params("prctl", "option", "arg2", "arg3", "arg4", "arg5");
        params("personality", "persona");
        params("ptrace", "request", "pid", "addr", "data");
        params("kill", "pid", "sig");
        params("tkill", "tid", "sig");
        params("tgkill", "tgid", "tid", "sig");
        params("mmap", "addr", "length", "prot", "flags", "fd", "offset");
        params("mprotect", "addr", "len", "prot");
        params("open", "pathname", "flags", "mode");
        params("openat", "dirfd", "pathname", "flags", "mode");
        params("bpf", "cmd", "attr", "size");
        params("keyctl", "operation", "arg2", "arg3", "arg4", "arg5");
        params("connect", "sockfd", "addr", "addrlen");
        params("bind", "sockfd", "addr", "addrlen");
        params("setsockopt", "sockfd", "level", "optname", "optval", "optlen");
        params("io_uring_setup", "entries", "params");
        params("perf_event_open", "attr", "pid", "cpu", "group_fd", "flags");
        params("mount", "source", "target", "filesystemtype", "mountflags", "data");
        params("umount2", "target", "flags");
        params("chmod", "pathname", "mode");
        params("fchmod", "fd", "mode");
        params("fchmodat", "dirfd", "pathname", "mode", "flags");
        params("setuid", "uid");
        params("setgid", "gid");
        params("madvise", "addr", "length", "advice");
        params("fcntl", "fd", "cmd", "arg");

        c("AF_UNSPEC", 0); c("AF_UNIX", 1); c("AF_LOCAL", 1); c("AF_INET", 2); c("AF_INET6", 10);
        c("AF_NETLINK", 16); c("AF_PACKET", 17); c("AF_BLUETOOTH", 31); c("AF_ALG", 38); c("AF_VSOCK", 40);
        c("SOCK_STREAM", 1); c("SOCK_DGRAM", 2); c("SOCK_RAW", 3); c("SOCK_SEQPACKET", 5);
        c("SOCK_NONBLOCK", 04000); c("SOCK_CLOEXEC", 02000000);
        c("CLONE_NEWTIME", 0x80); c("CLONE_VM", 0x100); c("CLONE_FS", 0x200); c("CLONE_FILES", 0x400);
        c("CLONE_SIGHAND", 0x800); c("CLONE_THREAD", 0x10000); c("CLONE_NEWNS", 0x20000);
        c("CLONE_NEWCGROUP", 0x02000000); c("CLONE_NEWUTS", 0x04000000); c("CLONE_NEWIPC", 0x08000000);
        c("CLONE_NEWUSER", 0x10000000); c("CLONE_NEWPID", 0x20000000); c("CLONE_NEWNET", 0x40000000);
        c("TIOCSTI", 0x5412); c("TIOCLINUX", 0x541C); c("TIOCSCTTY", 0x540E);
        c("PROT_NONE", 0); c("PROT_READ", 1); c("PROT_WRITE", 2); c("PROT_EXEC", 4);
        c("O_RDONLY", 0); c("O_WRONLY", 1); c("O_RDWR", 2); c("O_ACCMODE", 3); c("O_CREAT", 0100);
        c("O_EXCL", 0200); c("O_TRUNC", 01000); c("O_APPEND", 02000);
        c("PR_SET_NO_NEW_PRIVS", 38); c("PR_SET_SECCOMP", 22); c("PR_SET_DUMPABLE", 4);
        c("PTRACE_TRACEME", 0); c("PTRACE_ATTACH", 16); c("PTRACE_SEIZE", 0x4206);
        c("SIGKILL", 9); c("SIGTERM", 15); c("SIGSTOP", 19);
        c("S_ISUID", 04000); c("S_ISGID", 02000);
        c("IPPROTO_IP", 0); c("IPPROTO_TCP", 6); c("IPPROTO_UDP", 17);
    }

    /** Arguments the kernel declares as 32-bit (int, unsigned int, pid_t, uid_t, umode_t). */
    private static final Map<String, java.util.Set<Integer>> INT32 = new LinkedHashMap<>();

    static {
        int32("socket", 0, 1, 2); int32("socketpair", 0, 1, 2); int32("ioctl", 0, 1); int32("setns", 0, 1);
        int32("prctl", 0); int32("personality", 0); int32("kill", 0, 1); int32("tkill", 0, 1); int32("tgkill", 0, 1, 2);
        int32("openat", 0, 2, 3); int32("open", 1, 2); int32("bpf", 0, 2); int32("keyctl", 0); int32("connect", 0, 2);
        int32("bind", 0, 2); int32("setsockopt", 0, 1, 2, 4); int32("fchmod", 0, 1); int32("fchmodat", 0, 2);
        int32("chmod", 1); int32("setuid", 0); int32("setgid", 0); int32("madvise", 2); int32("fcntl", 0, 1);
        int32("umount2", 1); int32("io_uring_setup", 0); int32("perf_event_open", 1, 2, 3, 4);
    }

    private static void int32(String syscall, Integer... args) {
        INT32.put(syscall, java.util.Set.of(args));
    }

    /**
     * True when the kernel reads only the low 32 bits of this argument: a test on all 64 bits
     * could be dodged by setting the high half, which the kernel then ignores.
     */
    public static boolean is32Bit(String syscall, int arg) {
        return INT32.getOrDefault(syscall, java.util.Set.of()).contains(arg);
    }

    private static void params(String syscall, String... names) {
        PARAMS.put(syscall, List.of(names));
    }

    private static void c(String name, long value) {
        CONSTANTS.put(name, value);
    }

    private SyscallVocabulary() {
    }

    /** The argument index of a name: {@code arg0}..{@code arg5}, or a parameter name of the call. */
    public static Optional<Integer> argIndex(String syscall, String name) {
        if (name.matches("arg[0-5]")) return Optional.of(name.charAt(3) - '0');
        List<String> ps = PARAMS.get(syscall);
        if (ps == null) return Optional.empty();
        int i = ps.indexOf(name);
        return i >= 0 ? Optional.of(i) : Optional.empty();
    }

    public static List<String> params(String syscall) {
        return PARAMS.getOrDefault(syscall, List.of());
    }

    public static Optional<Long> constant(String name) {
        return Optional.ofNullable(CONSTANTS.get(name));
    }

    public static java.util.Set<String> constantNames() {
        return CONSTANTS.keySet();
    }
}
