package dev.srt.backend.seccomp;

import java.util.List;
import java.util.Locale;

/** The one place that renders a program as text: a numbered disassembly with labels and comments. */
public final class Disassembler {
    private Disassembler() {
    }

    public static String render(Program p) {
        StringBuilder b = new StringBuilder();
        b.append("; seccomp classic BPF for ").append(p.arch().word).append(", ").append(p.size())
            .append(" instructions, AUDIT_ARCH 0x").append(Integer.toHexString(p.arch().auditArch)).append('\n');
        for (int i = 0; i < p.size(); i++) {
            for (String l : p.labels().getOrDefault(i, List.of())) b.append(l).append(":\n");
            String text = String.format(Locale.ROOT, "%5d  %s", i, instruction(p, i));
            String note = p.notes().get(i);
            if (note != null) text = String.format(Locale.ROOT, "%-56s ; %s", text, note);
            b.append(text.stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String instruction(Program p, int i) {
        Insn in = p.insns().get(i);
        int cls = in.code() & 0x07;
        if (in.code() == (Insn.BPF_LD | Insn.BPF_W | Insn.BPF_ABS)) return "ld   [" + in.k() + "]";
        if (in.code() == (Insn.BPF_ALU | Insn.BPF_AND | Insn.BPF_K)) return "and  #" + hex(in.k());
        if (in.code() == (Insn.BPF_RET | Insn.BPF_K)) return "ret  #" + hex(in.k());
        if (in.code() == (Insn.BPF_JMP | Insn.BPF_JA)) return "ja   " + target(p, i + 1 + in.k());
        if (cls == Insn.BPF_JMP) {
            for (Bpf.Test t : Bpf.Test.values()) {
                if (in.code() == (Insn.BPF_JMP | t.op | Insn.BPF_K)) {
                    return String.format(Locale.ROOT, "%-4s #%s, %s, %s", t.mnemonic, hex(in.k()),
                        target(p, i + 1 + in.jt()), target(p, i + 1 + in.jf()));
                }
            }
        }
        return String.format(Locale.ROOT, ".insn 0x%04x, %d, %d, 0x%x", in.code(), in.jt(), in.jf(), in.k());
    }

    private static String target(Program p, int index) {
        List<String> names = p.labels().get(index);
        return names != null && !names.isEmpty() ? names.get(0) : "@" + index;
    }

    private static String hex(int k) {
        return k >= 0 && k < 10 ? Integer.toString(k) : "0x" + Integer.toHexString(k);
    }
}
