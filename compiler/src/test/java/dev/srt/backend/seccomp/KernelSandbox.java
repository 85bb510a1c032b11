package dev.srt.backend.seccomp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs python3 under a seccomp program in the real kernel, through bubblewrap's
 * {@code --seccomp FD} (man bwrap: the filter is loaded just before the command is executed).
 */
final class KernelSandbox {
    record Result(int exit, String out, String err) {
        boolean killedBySigsys() {
            return exit == 128 + 31; // bwrap reports a child killed by signal N as 128+N; SIGSYS is 31
        }
    }

    private KernelSandbox() {
    }

    /** The architecture this JVM (and so the kernel it can call natively) runs on. */
    static Arch native_() {
        String a = System.getProperty("os.arch");
        if (a.equals("amd64") || a.equals("x86_64")) return Arch.X86_64;
        if (a.equals("aarch64")) return Arch.AARCH64;
        throw new AssertionError("unsupported test machine architecture " + a);
    }

    static Result run(byte[] program, String python) throws IOException, InterruptedException {
        Path prog = Files.createTempFile("srt-seccomp", ".bpf");
        try {
            Files.write(prog, program);
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c",
                "exec bwrap --ro-bind / / --dev /dev --seccomp 3 -- /usr/bin/python3 -c \"$1\" 3<\"$0\"",
                prog.toString(), python);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("sandboxed python3 did not finish");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out, err);
        } finally {
            Files.deleteIfExists(prog);
        }
    }

    /** Python helpers: raw syscall(2) through ctypes, returning (result, errno). */
    static String prelude(Arch arch) {
        return String.join("\n",
            "import os, socket, ctypes, signal, sys, threading, subprocess",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "libc.syscall.restype = ctypes.c_long",
            "def sc(name, *a):",
            "    ctypes.set_errno(0)",
            "    r = libc.syscall(ctypes.c_long(NR[name]), *[ctypes.c_ulong(x & 0xffffffffffffffff) for x in a])",
            "    return r, ctypes.get_errno()",
            "def say(*a):",
            "    print(*a, flush=True)",
            "NR = " + numbers(arch),
            "");
    }

    private static String numbers(Arch arch) {
        StringBuilder b = new StringBuilder("{");
        for (String n : new String[] {"socket", "unshare", "mount", "ioctl", "io_uring_setup", "clone3", "setns",
            "getppid", "ptrace", "bpf", "keyctl", "perf_event_open", "userfaultfd", "process_vm_readv"}) {
            arch.table().number(n).ifPresent(nr -> b.append('"').append(n).append("\": ").append(nr).append(", "));
        }
        if (arch == Arch.X86_64) b.append("\"x32_getpid\": ").append(Arch.X32_SYSCALL_BIT + 39).append(", ");
        return b.append('}').toString();
    }
}
