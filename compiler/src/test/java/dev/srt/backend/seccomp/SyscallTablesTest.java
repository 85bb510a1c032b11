package dev.srt.backend.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The checked-in syscall tables are exactly what the generator makes from this machine's kernel
 * headers (Debian linux-libc-dev), and the AUDIT_ARCH constants match linux/audit.h.
 */
class SyscallTablesTest {
    static final Path CHECKED_IN = Path.of("src/main/java/dev/srt/backend/seccomp/SyscallTableData.java");

    @Test
    void checkedInTablesAreWhatTheGeneratorMakesFromTheHeaders() throws IOException {
        Map<String, Integer> x86 = GenerateSyscallTables.read(GenerateSyscallTables.X86_64_HEADER, SyscallHeaders.X86_64_DEFINES);
        Map<String, Integer> arm = GenerateSyscallTables.read(GenerateSyscallTables.GENERIC_HEADER, SyscallHeaders.AARCH64_DEFINES);
        assertEquals(x86, new java.util.TreeMap<>(Arch.X86_64.table().byName()),
            "x86_64 table is stale: run compiler/tools/gen-syscall-tables.sh");
        assertEquals(arm, new java.util.TreeMap<>(Arch.AARCH64.table().byName()),
            "aarch64 table is stale: run compiler/tools/gen-syscall-tables.sh");
        assertEquals(GenerateSyscallTables.source(x86, arm), Files.readString(CHECKED_IN, StandardCharsets.UTF_8));
    }

    @Test
    void tablesHaveTheKnownShape() {
        SyscallTable x = Arch.X86_64.table();
        SyscallTable a = Arch.AARCH64.table();
        assertEquals(Optional.of(41), x.number("socket"));
        assertEquals(Optional.of(198), a.number("socket"));
        assertEquals(Optional.of(56), x.number("clone"));
        assertEquals(Optional.of(220), a.number("clone"));
        assertEquals(Optional.of(435), a.number("clone3"));          // __ARCH_WANT_SYS_CLONE3
        assertEquals(Optional.of(38), a.number("renameat"));         // __ARCH_WANT_RENAMEAT
        assertEquals(Optional.of(80), a.number("fstat"));            // __ARCH_WANT_NEW_STAT, 64-bit name
        assertEquals(Optional.of(79), a.number("newfstatat"));
        assertEquals(Optional.of(163), a.number("getrlimit"));       // __ARCH_WANT_SET_GET_RLIMIT
        assertEquals(Optional.of(62), a.number("lseek"));            // 64-bit: lseek, not llseek
        assertEquals(Optional.of(222), a.number("mmap"));
        assertEquals(Optional.of(4), a.number("io_getevents"));      // 64-bit keeps the time32-guarded calls
        assertEquals(Optional.empty(), a.number("mmap2"));
        assertEquals(Optional.empty(), a.number("fcntl64"));
        assertEquals(Optional.empty(), a.number("clock_gettime64")); // 32-bit only
        assertEquals(Optional.empty(), a.number("open"));
        assertEquals(Optional.empty(), a.number("fork"));
        assertEquals(Optional.empty(), a.number("syscalls"));
        assertTrue(x.byName().size() > 350, "x86_64 has " + x.byName().size());
        assertTrue(a.byName().size() > 290, "aarch64 has " + a.byName().size());
        for (Arch arch : Arch.values()) {
            Set<Integer> seen = new HashSet<>();
            for (int nr : arch.table().byName().values()) {
                assertTrue(seen.add(nr), arch.word + ": number " + nr + " has two names");
                assertTrue(nr >= 0 && nr < Arch.X32_SYSCALL_BIT, arch.word + ": " + nr);
            }
        }
    }

    @Test
    void auditArchConstantsMatchTheHeaders() throws IOException {
        String audit = Files.readString(Path.of("/usr/include/linux/audit.h"));
        String elf = Files.readString(Path.of("/usr/include/linux/elf-em.h"));
        assertEquals(auditArch(audit, elf, "AUDIT_ARCH_X86_64"), Arch.X86_64.auditArch);
        assertEquals(auditArch(audit, elf, "AUDIT_ARCH_AARCH64"), Arch.AARCH64.auditArch);
        String x86 = Files.readString(Path.of("/usr/include/x86_64-linux-gnu/asm/unistd.h"));
        assertTrue(x86.matches("(?s).*#\\s*define\\s+__X32_SYSCALL_BIT\\s+0x40000000\\b.*"), "__X32_SYSCALL_BIT");
    }

    private static int auditArch(String audit, String elf, String name) {
        Matcher m = Pattern.compile("#define\\s+" + name + "\\s+\\(([^)]*)\\)").matcher(audit);
        assertTrue(m.find(), name);
        int v = 0;
        for (String part : m.group(1).split("\\|")) {
            String p = part.trim();
            String src = p.startsWith("EM_") ? elf : audit;
            Matcher d = Pattern.compile("#define\\s+" + p + "\\s+(\\S+)").matcher(src);
            assertTrue(d.find(), p);
            v |= (int) SyscallHeaders.parseNumber(d.group(1), 0);
        }
        return v;
    }

    @Test
    void preprocessorFollowsConditionals() {
        String h = String.join("\n",
            "#if __BITS_PER_LONG == 32 || defined(__SYSCALL_COMPAT)",
            "#define __NR_a 1",
            "#elif defined(WANT_B) && !defined(NO_B)",
            "#define __NR_b 2",
            "#else",
            "#define __NR_c 3",
            "#endif",
            "#ifdef WANT_B",
            "#define __NR3264_d 4 /* comment */",
            "#define __NR_d __NR3264_d",
            "#endif",
            "#define __NR_e \\",
            "  5",
            "#undef __NR_e",
            "#define __NR_syscalls 6");
        assertEquals(Map.of("b", 2, "d", 4), SyscallHeaders.syscalls(h, Map.of("__BITS_PER_LONG", "64", "WANT_B", "1")));
        assertEquals(Map.of("c", 3), SyscallHeaders.syscalls(h, Map.of("__BITS_PER_LONG", "64")));
        assertEquals(Map.of("a", 1), SyscallHeaders.syscalls(h, Map.of("__BITS_PER_LONG", "32")));
        assertThrows(SyscallHeaders.HeaderException.class, () -> SyscallHeaders.syscalls("#if 1\n#define __NR_x 1\n", Map.of()));
        assertThrows(SyscallHeaders.HeaderException.class, () -> SyscallHeaders.syscalls("#pragma once\n", Map.of()));
    }
}
