package dev.srt.backend.seccomp;

/**
 * Instructions a program executes for one call number on its own architecture, in the worst
 * case over all argument values: a symbolic run in which the number and arch are known and the
 * arguments are not, following both branches wherever a jump depends on an argument.
 */
final class PathCost {
    private final BpfInterpreter p;
    private final int nr;
    private final int arch;

    private PathCost(byte[] program, int nr, int arch) {
        this.p = new BpfInterpreter(program);
        this.nr = nr;
        this.arch = arch;
    }

    static int worst(byte[] program, Arch arch, int nr) {
        return new PathCost(program, nr, arch.auditArch).from(0, null, null);
    }

    /** Longest path from {@code pc}; {@code a}/{@code x} null when unknown. */
    private int from(int pc, Long a, Long x) {
        int steps = 0;
        while (true) {
            int c = p.code(pc);
            int k = p.k(pc);
            steps++;
            switch (c & 0x07) {
                case 0x00:
                    if (c == 0x20) a = k == 0 ? Long.valueOf(nr) : k == 4 ? Long.valueOf(arch) : null;
                    else if (c == 0x00) a = (long) k;
                    else a = null;
                    pc++;
                    break;
                case 0x01:
                    x = c == 0x01 ? Long.valueOf(k) : null;
                    pc++;
                    break;
                case 0x02:
                case 0x03:
                    pc++;
                    break;
                case 0x04:
                    a = (c == 0x54 && a != null) ? Long.valueOf(a & k) : null;
                    pc++;
                    break;
                case 0x05: {
                    if (c == 0x05) {
                        pc = pc + 1 + k;
                        break;
                    }
                    Long v = (c & 0x08) != 0 ? x : Long.valueOf(k);
                    int t = pc + 1 + p.jt(pc);
                    int f = pc + 1 + p.jf(pc);
                    if (a == null || v == null) return steps + Math.max(from(t, a, x), from(f, a, x));
                    int av = (int) (long) a;
                    int vv = (int) (long) v;
                    int op = c & 0xf0;
                    boolean r;
                    if (op == 0x10) r = av == vv;
                    else if (op == 0x20) r = Integer.compareUnsigned(av, vv) > 0;
                    else if (op == 0x30) r = Integer.compareUnsigned(av, vv) >= 0;
                    else r = (av & vv) != 0;
                    pc = r ? t : f;
                    break;
                }
                case 0x06:
                    return steps;
                default:
                    if (c == 0x07) x = a;
                    else a = x;
                    pc++;
            }
        }
    }
}
