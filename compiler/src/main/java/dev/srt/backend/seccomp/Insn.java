package dev.srt.backend.seccomp;

/**
 * One numeric classic-BPF instruction, {@code struct sock_filter} (linux/filter.h): opcode,
 * jump-if-true and jump-if-false offsets (relative to the next instruction) and the constant.
 */
public record Insn(int code, int jt, int jf, int k) {
    // linux/bpf_common.h
    public static final int BPF_LD = 0x00;
    public static final int BPF_ALU = 0x04;
    public static final int BPF_JMP = 0x05;
    public static final int BPF_RET = 0x06;
    public static final int BPF_W = 0x00;
    public static final int BPF_ABS = 0x20;
    public static final int BPF_AND = 0x50;
    public static final int BPF_K = 0x00;
    public static final int BPF_JA = 0x00;

    /** Size of one instruction in the kernel's encoding. */
    public static final int BYTES = 8;
    /** The kernel's limit on a classic-BPF program (BPF_MAXINSNS, linux/bpf_common.h). */
    public static final int MAX_INSNS = 4096;

    public Insn {
        if (code < 0 || code > 0xFFFF || jt < 0 || jt > 255 || jf < 0 || jf > 255) {
            throw new IllegalArgumentException("instruction out of range: " + code + " " + jt + " " + jf);
        }
    }

    public static Insn load(int offset) {
        return new Insn(BPF_LD | BPF_W | BPF_ABS, 0, 0, offset);
    }

    public static Insn and(int mask) {
        return new Insn(BPF_ALU | BPF_AND | BPF_K, 0, 0, mask);
    }

    public static Insn jump(Bpf.Test test, int k, int jt, int jf) {
        return new Insn(BPF_JMP | test.op | BPF_K, jt, jf, k);
    }

    public static Insn ja(int offset) {
        return new Insn(BPF_JMP | BPF_JA, 0, 0, offset);
    }

    public static Insn ret(int value) {
        return new Insn(BPF_RET | BPF_K, 0, 0, value);
    }
}
