package dev.srt.ir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Error numbers by name, identical on x86_64 and aarch64 (asm-generic/errno-base.h, errno.h). */
public final class Errnos {
    private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();
    private static final Map<Integer, String> BY_NUMBER = new LinkedHashMap<>();

    static {
        String[] names = {null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
            "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
            "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",
            "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS"};
        for (int i = 1; i < names.length; i++) put(names[i], i);
        put("EAFNOSUPPORT", 97);
        put("EADDRINUSE", 98);
        put("EADDRNOTAVAIL", 99);
        put("ENETUNREACH", 101);
        put("ECONNREFUSED", 111);
        put("EHOSTUNREACH", 113);
        put("EOPNOTSUPP", 95);
        put("EPROTONOSUPPORT", 93);
        put("ENOTSUP", 95);
    }

    private static void put(String name, int n) {
        BY_NAME.put(name, n);
        BY_NUMBER.putIfAbsent(n, name);
    }

    private Errnos() {
    }

    public static Optional<Integer> number(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The symbolic name when there is one, else the number. */
    public static String name(int n) {
        String s = BY_NUMBER.get(n);
        return s != null ? s : Integer.toString(n);
    }

    public static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }
}
