package dev.srt.backend.seccomp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** System-call names and numbers of one architecture, from the generated {@link SyscallTableData}. */
public final class SyscallTable {
    private final Map<String, Integer> byName;
    private final Map<Integer, String> byNumber;

    private SyscallTable(String data) {
        Map<String, Integer> names = new LinkedHashMap<>();
        Map<Integer, String> numbers = new TreeMap<>();
        for (String line : data.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split(" ");
            int nr = Integer.parseInt(f[1]);
            names.put(f[0], nr);
            numbers.putIfAbsent(nr, f[0]);
        }
        byName = Collections.unmodifiableMap(names);
        byNumber = Collections.unmodifiableMap(numbers);
    }

    static final SyscallTable X86_64 = new SyscallTable(SyscallTableData.X86_64);
    static final SyscallTable AARCH64 = new SyscallTable(SyscallTableData.AARCH64);

    public Optional<Integer> number(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The name of a number, when the architecture has a call with that number. */
    public Optional<String> name(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /** All calls by name, in number order. */
    public Map<String, Integer> byName() {
        return byName;
    }

    /** All numbers in use, ascending, with their names. */
    public Map<Integer, String> byNumber() {
        return byNumber;
    }
}
