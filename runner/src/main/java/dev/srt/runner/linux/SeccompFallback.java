package dev.srt.runner.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small hand-written seccomp program (classic BPF, raw {@code struct sock_filter} array as
 * bwrap's {@code --seccomp FD} expects) for the embedded default policy until policies carry
 * the seccomp back-end's program: foreign architectures (and the x32 ABI) are killed,
 * {@code socket(AF_UNIX, ...)} and {@code ioctl(fd, TIOCSTI, ...)} fail with EPERM, the rest is
 * allowed. Offsets follow {@code struct seccomp_data} (seccomp(2)): nr at 0, arch at 4,
 * args[i] at 16 + 8i; only the low 32 bits of args are compared because the kernel reads
 * {@code socket}'s family and {@code ioctl}'s command as 32-bit ints.
 */
public final class SeccompFallback {
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO_EPERM = 0x00050000 | 1;
    private static final int AF_UNIX = 1;
    private static final int TIOCSTI = 0x5412;
    private static final int TIOCLINUX = 0x541C;

    private SeccompFallback() {
    }

    /** The program for {@code x86_64} or {@code aarch64}. */
    public static byte[] program(String arch) {
        int auditArch;
        int nrSocket;
        int nrIoctl;
        boolean x32Check;
        switch (arch) {
            case "x86_64":
                auditArch = 0xC000003E; // AUDIT_ARCH_X86_64
                nrSocket = 41;
                nrIoctl = 16;
                x32Check = true;
                break;
            case "aarch64":
                auditArch = 0xC00000B7; // AUDIT_ARCH_AARCH64
                nrSocket = 198;
                nrIoctl = 29;
                x32Check = false;
                break;
            default:
                throw new IllegalArgumentException("no seccomp program for " + arch);
        }
        ByteBuffer b = ByteBuffer.allocate(8 * 16).order(ByteOrder.LITTLE_ENDIAN);
        // Instruction indices (jump offsets are relative to the next instruction).
        final int kill = 13;
        final int eperm = 12;
        final int allow = 11;
        ins(b, LD_W_ABS, 0, 0, 4);                                   // 0: A = arch
        ins(b, JEQ_K, 0, kill - 2, auditArch);                       // 1: foreign arch -> kill
        ins(b, LD_W_ABS, 0, 0, 0);                                   // 2: A = nr
        if (x32Check) ins(b, JGE_K, kill - 4, 0, 0x40000000);        // 3: x32 ABI -> kill
        else ins(b, JEQ_K, 0, 0, 0);                                 // 3: no-op
        ins(b, JEQ_K, 0, 2, nrSocket);                               // 4: socket -> 5, else 7
        ins(b, LD_W_ABS, 0, 0, 16);                                  // 5: A = low32(args[0])
        ins(b, JEQ_K, eperm - 7, allow - 7, AF_UNIX);                // 6
        ins(b, JEQ_K, 0, allow - 8, nrIoctl);                        // 7: ioctl? (A still nr)
        ins(b, LD_W_ABS, 0, 0, 24);                                  // 8: A = low32(args[1])
        ins(b, JEQ_K, eperm - 10, allow - 10, TIOCSTI);              // 9
        ins(b, RET_K, 0, 0, RET_ALLOW);                              // 10 (unused filler)
        ins(b, RET_K, 0, 0, RET_ALLOW);                              // 11: allow
        ins(b, RET_K, 0, 0, RET_ERRNO_EPERM);                        // 12: EPERM
        ins(b, RET_K, 0, 0, RET_KILL_PROCESS);                       // 13: kill
        byte[] out = new byte[b.position()];
        b.flip();
        b.get(out);
        return out;
    }

    /**
     * A filter stacked under every policy's own (seccomp(2): the strictest verdict of all filters
     * wins): {@code ioctl(fd, TIOCSTI|TIOCLINUX, ...)} fails with EPERM, so a sandboxed program
     * that shares the caller's terminal (srt keeps it for job control) can never push keystrokes
     * into it, whatever the policy says. Other architectures are left to the policy's filter.
     */
    public static byte[] terminalGuard(String arch) {
        int auditArch;
        int nrIoctl;
        int nrIoctlX32;
        switch (arch) {
            case "x86_64":
                auditArch = 0xC000003E;
                nrIoctl = 16;
                nrIoctlX32 = 0x40000000 | 514; // x32 ABI ioctl
                break;
            case "aarch64":
                auditArch = 0xC00000B7;
                nrIoctl = 29;
                nrIoctlX32 = nrIoctl;
                break;
            default:
                throw new IllegalArgumentException("no seccomp program for " + arch);
        }
        final int allow = 8;
        final int eperm = 9;
        ByteBuffer b = ByteBuffer.allocate(8 * 10).order(ByteOrder.LITTLE_ENDIAN);
        ins(b, LD_W_ABS, 0, 0, 4);                                   // 0: A = arch
        ins(b, JEQ_K, 0, allow - 2, auditArch);                      // 1: other arch -> the policy decides
        ins(b, LD_W_ABS, 0, 0, 0);                                   // 2: A = nr
        ins(b, JEQ_K, 1, 0, nrIoctl);                                // 3: ioctl -> 5
        ins(b, JEQ_K, 0, allow - 5, nrIoctlX32);                     // 4: x32 ioctl -> 5, else allow
        ins(b, LD_W_ABS, 0, 0, 24);                                  // 5: A = low32(args[1])
        ins(b, JEQ_K, eperm - 7, 0, TIOCSTI);                        // 6
        ins(b, JEQ_K, eperm - 8, allow - 8, TIOCLINUX);              // 7
        ins(b, RET_K, 0, 0, RET_ALLOW);                              // 8: allow
        ins(b, RET_K, 0, 0, RET_ERRNO_EPERM);                        // 9: EPERM
        return b.array();
    }

    private static void ins(ByteBuffer b, int code, int jt, int jf, int k) {
        b.putShort((short) code).put((byte) jt).put((byte) jf).putInt(k);
    }
}
