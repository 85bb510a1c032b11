package dev.srt.backend.seccomp;

import java.util.List;
import java.util.Map;

/**
 * A laid-out seccomp program: numeric instructions plus, for the disassembly, the label names
 * and comments that belong at each instruction index.
 */
public record Program(Arch arch, List<Insn> insns, Map<Integer, List<String>> labels, Map<Integer, String> notes) {
    public Program {
        insns = List.copyOf(insns);
        labels = Map.copyOf(labels);
        notes = Map.copyOf(notes);
    }

    public int size() {
        return insns.size();
    }
}
