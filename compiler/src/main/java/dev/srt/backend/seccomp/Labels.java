package dev.srt.backend.seccomp;

import java.util.HashMap;
import java.util.Map;

/** Makes label names that are unique within one program and readable in the disassembly. */
final class Labels {
    private final Map<String, Integer> used = new HashMap<>();

    Bpf.Label fresh(String base) {
        int n = used.merge(base, 1, Integer::sum);
        return new Bpf.Label(n == 1 ? base : base + "_" + n);
    }
}
