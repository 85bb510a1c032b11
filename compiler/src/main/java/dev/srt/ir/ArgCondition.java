package dev.srt.ir;

/**
 * A condition on a system-call argument ({@code arg} 0 to 5), compared as an unsigned 64-bit
 * value. For {@link Op#MASKED_EQ} the test is {@code (arg & mask) == value}; {@code mask} is 0
 * for the other operators.
 */
public record ArgCondition(int arg, Op op, long value, long mask) {
    public enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), MASKED_EQ("&==");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    public ArgCondition {
        if (arg < 0 || arg > 5) throw new IllegalArgumentException("argument index out of range: " + arg);
        if (op != Op.MASKED_EQ && mask != 0) throw new IllegalArgumentException("mask only with MASKED_EQ");
    }

    /** Evaluates the condition on a concrete argument value. */
    public boolean test(long actual) {
        switch (op) {
            case EQ: return actual == value;
            case NE: return actual != value;
            case LT: return Long.compareUnsigned(actual, value) < 0;
            case LE: return Long.compareUnsigned(actual, value) <= 0;
            case GT: return Long.compareUnsigned(actual, value) > 0;
            case GE: return Long.compareUnsigned(actual, value) >= 0;
            case MASKED_EQ: return (actual & mask) == value;
            default: throw new IllegalStateException(op.name());
        }
    }

    public String render() {
        String a = "arg" + arg;
        if (op == Op.MASKED_EQ) return a + " & " + hex(mask) + " == " + hex(value);
        return a + " " + op.symbol + " " + hex(value);
    }

    static String hex(long v) {
        return (v >= 0 && v < 10) ? Long.toString(v) : "0x" + Long.toHexString(v);
    }
}
