package dev.srt.backend.seccomp;

/**
 * A classic-BPF instruction before layout: jumps name {@link Label}s instead of offsets, and
 * {@link Mark} and {@link Note} are pseudo-instructions that place a label or a comment. The
 * {@link Assembler} turns a list of these into numeric {@link Insn}s.
 */
public sealed interface Bpf {
    /** A jump target; names are unique within one program. */
    record Label(String name) {
    }

    /** Places a label at the next real instruction. */
    record Mark(Label label) implements Bpf {
    }

    /** A comment shown beside the next real instruction in the disassembly. */
    record Note(String text) implements Bpf {
    }

    /** {@code A = *(u32 *)(seccomp_data + offset)}. */
    record Load(int offset) implements Bpf {
    }

    /** {@code A &= mask}. */
    record And(int mask) implements Bpf {
    }

    /** Compares A (unsigned) with {@code k} and jumps to one of two labels. */
    record Jump(Test test, int k, Label ifTrue, Label ifFalse) implements Bpf {
    }

    /** Unconditional jump ({@code BPF_JA}, 32-bit offset). */
    record Goto(Label target) implements Bpf {
    }

    /** Ends the program with a SECCOMP_RET_* value. */
    record Return(int value) implements Bpf {
    }

    /** The conditional jumps seccomp programs use. */
    enum Test {
        JEQ(0x10, "jeq"), JGT(0x20, "jgt"), JGE(0x30, "jge"), JSET(0x40, "jset");

        public final int op;
        public final String mnemonic;

        Test(int op, String mnemonic) {
            this.op = op;
            this.mnemonic = mnemonic;
        }
    }
}
