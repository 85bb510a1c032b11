package dev.srt.backend.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A classic-BPF interpreter over {@code struct seccomp_data}, written from the kernel's
 * definition (net/core/filter.c, Documentation/networking/filter.rst), independent of the
 * generator: it runs raw {@code struct sock_filter} bytes, ours or libseccomp's, and fails
 * loudly on anything the kernel would refuse. Used by the proofs and by {@code srtc test}.
 */
public final class BpfInterpreter {
    private final int[] code;
    private final int[] jt;
    private final int[] jf;
    private final int[] k;

    /** Result of one run: the return value and how many instructions ran. */
    public record Run(int ret, int executed) {
    }

    public BpfInterpreter(byte[] program) {
        if (program.length % 8 != 0 || program.length == 0) throw new IllegalStateException("bad program length " + program.length);
        int n = program.length / 8;
        code = new int[n];
        jt = new int[n];
        jf = new int[n];
        k = new int[n];
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            code[i] = b.getShort() & 0xffff;
            jt[i] = b.get() & 0xff;
            jf[i] = b.get() & 0xff;
            k[i] = b.getInt();
        }
    }

    public int length() {
        return code.length;
    }

    public int code(int i) {
        return code[i];
    }

    public int jt(int i) {
        return jt[i];
    }

    public int jf(int i) {
        return jf[i];
    }

    public int k(int i) {
        return k[i];
    }

    public Run run(SeccompData d) {
        int a = 0;
        int x = 0;
        int[] mem = new int[16];
        int pc = 0;
        int executed = 0;
        while (true) {
            if (pc < 0 || pc >= code.length) throw new IllegalStateException("ran off the program at " + pc);
            int c = code[pc];
            int kk = k[pc];
            executed++;
            int next = pc + 1;
            switch (c & 0x07) {
                case 0x00: // BPF_LD
                    if (c == 0x20) a = load(d, kk);                       // ld [k]
                    else if (c == 0x00) a = kk;                           // ld #k
                    else if (c == 0x60) a = mem[mem(kk)];                 // ld M[k]
                    else if (c == 0x80) a = 64;                           // ld #len
                    else throw new IllegalStateException("unsupported ld 0x" + Integer.toHexString(c));
                    break;
                case 0x01: // BPF_LDX
                    if (c == 0x01) x = kk;
                    else if (c == 0x61) x = mem[mem(kk)];
                    else if (c == 0x81) x = 64;
                    else throw new IllegalStateException("unsupported ldx 0x" + Integer.toHexString(c));
                    break;
                case 0x02: mem[mem(kk)] = a; break;                       // st
                case 0x03: mem[mem(kk)] = x; break;                       // stx
                case 0x04: a = alu(c, a, (c & 0x08) != 0 ? x : kk); break;
                case 0x05: { // BPF_JMP
                    int op = c & 0xf0;
                    int v = (c & 0x08) != 0 ? x : kk;
                    if (op == 0x00) {
                        next = pc + 1 + kk;
                    } else {
                        boolean t;
                        if (op == 0x10) t = a == v;
                        else if (op == 0x20) t = Integer.compareUnsigned(a, v) > 0;
                        else if (op == 0x30) t = Integer.compareUnsigned(a, v) >= 0;
                        else if (op == 0x40) t = (a & v) != 0;
                        else throw new IllegalStateException("unsupported jump 0x" + Integer.toHexString(c));
                        next = pc + 1 + (t ? jt[pc] : jf[pc]);
                    }
                    break;
                }
                case 0x06: // BPF_RET
                    if ((c & 0x18) == 0x00) return new Run(kk, executed);
                    if ((c & 0x18) == 0x10) return new Run(a, executed);
                    throw new IllegalStateException("unsupported ret 0x" + Integer.toHexString(c));
                case 0x07: // BPF_MISC
                    if (c == 0x07) x = a;       // tax
                    else if (c == 0x87) a = x;  // txa
                    else throw new IllegalStateException("unsupported misc 0x" + Integer.toHexString(c));
                    break;
                default:
                    throw new IllegalStateException("unsupported class");
            }
            if (next <= pc) throw new IllegalStateException("backward jump at " + pc);
            pc = next;
        }
    }

    private static int mem(int k) {
        if (k < 0 || k >= 16) throw new IllegalStateException("scratch index " + k);
        return k;
    }

    private static int load(SeccompData d, int off) {
        if (off < 0 || off > 60 || off % 4 != 0) throw new IllegalStateException("bad seccomp_data load at " + off);
        return d.word(off);
    }

    private static int alu(int c, int a, int v) {
        switch (c & 0xf0) {
            case 0x00: return a + v;
            case 0x10: return a - v;
            case 0x20: return a * v;
            case 0x30:
                if (v == 0) throw new IllegalStateException("division by zero");
                return Integer.divideUnsigned(a, v);
            case 0x40: return a | v;
            case 0x50: return a & v;
            case 0x60: return v >= 32 ? 0 : a << v;
            case 0x70: return v >= 32 ? 0 : a >>> v;
            case 0x80: return -a;
            case 0x90:
                if (v == 0) throw new IllegalStateException("modulo by zero");
                return Integer.remainderUnsigned(a, v);
            case 0xa0: return a ^ v;
            default: throw new IllegalStateException("unsupported alu 0x" + Integer.toHexString(c));
        }
    }
}
