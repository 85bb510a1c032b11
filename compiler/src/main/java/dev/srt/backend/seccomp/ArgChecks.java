package dev.srt.backend.seccomp;

import dev.srt.ir.ArgCondition;
import java.util.List;

/**
 * Code for one argument condition. seccomp_data holds each argument as a 64-bit value
 * (linux/seccomp.h: {@code __u64 args[6]} at offset 16), little-endian on x86_64 and aarch64,
 * so argument {@code i} is the low word at {@code 16 + 8i} and the high word 4 bytes later.
 * Classic BPF compares 32 bits at a time, so every condition compares both words: the high
 * word decides unless it is equal, then the low word decides. Comparisons are unsigned, as in
 * the IR.
 */
final class ArgChecks {
    static final int NR_OFFSET = 0;
    static final int ARCH_OFFSET = 4;
    static final int ARGS_OFFSET = 16;
    /** sizeof(struct seccomp_data). */
    static final int DATA_SIZE = 64;

    private ArgChecks() {
    }

    static int low(int arg) {
        return ARGS_OFFSET + 8 * arg;
    }

    static int high(int arg) {
        return low(arg) + 4;
    }

    /** Whether the condition holds for every value (then it need not be tested). */
    static boolean alwaysTrue(ArgCondition c) {
        switch (c.op()) {
            case GE: return c.value() == 0;
            case LE: return c.value() == -1L;
            case MASKED_EQ: return c.mask() == 0 && c.value() == 0;
            default: return false;
        }
    }

    /** Whether the condition holds for no value (then its rule can never match). */
    static boolean neverTrue(ArgCondition c) {
        switch (c.op()) {
            case LT: return c.value() == 0;
            case GT: return c.value() == -1L;
            case MASKED_EQ: return (c.value() & ~c.mask()) != 0;
            default: return false;
        }
    }

    /** Emits a test of {@code c} that continues at {@code pass} or {@code fail}. */
    static void emit(ArgCondition c, Bpf.Label pass, Bpf.Label fail, Labels labels, List<Bpf> out) {
        int hi = (int) (c.value() >>> 32);
        int lo = (int) c.value();
        int a = c.arg();
        out.add(new Bpf.Note("arg" + a + " " + c.render().substring(("arg" + a + " ").length())));
        Bpf.Label lowWord = labels.fresh("arg" + a + "_lo");
        switch (c.op()) {
            case EQ:
                out.add(new Bpf.Load(high(a)));
                out.add(new Bpf.Jump(Bpf.Test.JEQ, hi, lowWord, fail));
                out.add(new Bpf.Mark(lowWord));
                out.add(new Bpf.Load(low(a)));
                out.add(new Bpf.Jump(Bpf.Test.JEQ, lo, pass, fail));
                break;
            case NE:
                out.add(new Bpf.Load(high(a)));
                out.add(new Bpf.Jump(Bpf.Test.JEQ, hi, lowWord, pass));
                out.add(new Bpf.Mark(lowWord));
                out.add(new Bpf.Load(low(a)));
                out.add(new Bpf.Jump(Bpf.Test.JEQ, lo, fail, pass));
                break;
            case GT:
            case GE:
                ordered(a, hi, lo, c.op() == ArgCondition.Op.GT ? Bpf.Test.JGT : Bpf.Test.JGE, pass, fail, lowWord, labels, out);
                break;
            case LE: // not (x > v)
                ordered(a, hi, lo, Bpf.Test.JGT, fail, pass, lowWord, labels, out);
                break;
            case LT: // not (x >= v)
                ordered(a, hi, lo, Bpf.Test.JGE, fail, pass, lowWord, labels, out);
                break;
            case MASKED_EQ: {
                int mhi = (int) (c.mask() >>> 32);
                int mlo = (int) c.mask();
                if (mhi != 0) {
                    maskedWord(high(a), mhi, hi, lowWord, fail, out);
                }
                out.add(new Bpf.Mark(lowWord));
                if (mlo != 0) {
                    maskedWord(low(a), mlo, lo, pass, fail, out);
                } else {
                    out.add(new Bpf.Goto(pass));
                }
                break;
            }
            default:
                throw new IllegalStateException(c.op().name());
        }
    }

    /** {@code x > v} (or {@code >=}) on 64 bits: high word greater, or equal and the low word decides. */
    private static void ordered(int a, int hi, int lo, Bpf.Test lowTest, Bpf.Label yes, Bpf.Label no,
                                Bpf.Label lowWord, Labels labels, List<Bpf> out) {
        out.add(new Bpf.Load(high(a)));
        if (hi != -1) { // no word is above 0xffffffff
            Bpf.Label hiEqual = labels.fresh("arg" + a + "_hi_eq");
            out.add(new Bpf.Jump(Bpf.Test.JGT, hi, yes, hiEqual));
            out.add(new Bpf.Mark(hiEqual));
        }
        out.add(new Bpf.Jump(Bpf.Test.JEQ, hi, lowWord, no));
        out.add(new Bpf.Mark(lowWord));
        out.add(new Bpf.Load(low(a)));
        out.add(new Bpf.Jump(lowTest, lo, yes, no));
    }

    /** {@code (word & mask) == value} for one 32-bit word, with {@code value & ~mask == 0}. */
    private static void maskedWord(int offset, int mask, int value, Bpf.Label pass, Bpf.Label fail, List<Bpf> out) {
        out.add(new Bpf.Load(offset));
        if (mask == -1) {
            out.add(new Bpf.Jump(Bpf.Test.JEQ, value, pass, fail));
        } else if (value == 0) {
            out.add(new Bpf.Jump(Bpf.Test.JSET, mask, fail, pass));
        } else if (value == mask && Integer.bitCount(mask) == 1) {
            out.add(new Bpf.Jump(Bpf.Test.JSET, mask, pass, fail));
        } else {
            out.add(new Bpf.And(mask));
            out.add(new Bpf.Jump(Bpf.Test.JEQ, value, pass, fail));
        }
    }
}
