package dev.srt.backend.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks the kernel makes before it accepts a seccomp program (bpf_check_classic in
 * net/core/filter.c and seccomp_check_filter in kernel/seccomp.c): length 1..4096, only the
 * instructions seccomp allows, every jump inside the program, the last instruction a return,
 * and every load of seccomp_data 4-byte aligned and inside the structure.
 */
final class BpfStructure {
    private static final Set<Integer> ALLOWED = Set.of(
        0x20, 0x80, 0x81, 0x00, 0x01, 0x60, 0x61, 0x02, 0x03,           // ld/ldx abs, len, imm, mem; st/stx
        0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x44, 0x4c, 0x54, 0x5c, 0x64, 0x6c, 0x74, 0x7c,
        0x84, 0x94, 0x9c, 0xa4, 0xac,                                    // alu
        0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d,           // jumps
        0x06, 0x16, 0x07, 0x87);                                         // ret, tax, txa

    private BpfStructure() {
    }

    static List<String> problems(byte[] program) {
        List<String> p = new ArrayList<>();
        BpfInterpreter in = new BpfInterpreter(program);
        int n = in.length();
        if (n > 4096) p.add("longer than BPF_MAXINSNS: " + n);
        for (int i = 0; i < n; i++) {
            int c = in.code(i);
            if (!ALLOWED.contains(c)) p.add(i + ": instruction 0x" + Integer.toHexString(c) + " not allowed in seccomp");
            if ((c & 0x07) == 0x05) {
                if (c == 0x05) {
                    long to = (long) i + 1 + Integer.toUnsignedLong(in.k(i));
                    if (to >= n) p.add(i + ": ja out of range");
                } else if (i + 1 + in.jt(i) >= n || i + 1 + in.jf(i) >= n) {
                    p.add(i + ": jump out of range");
                }
            }
            if (c == 0x20) {
                int k = in.k(i);
                if (k < 0 || k % 4 != 0 || k + 4 > 64) p.add(i + ": load at " + k + " outside seccomp_data or unaligned");
            }
        }
        if ((in.code(n - 1) & 0x07) != 0x06) p.add("last instruction is not a return");
        return p;
    }
}
