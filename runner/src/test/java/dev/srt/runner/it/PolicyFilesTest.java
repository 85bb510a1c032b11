package dev.srt.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.artifact.ArtifactFormat;
import dev.srt.artifact.Compilation;
import dev.srt.check.Loader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code --policy} with policy.srt, compiled.bin and every kind of bad file: exit 125 and one line. */
class PolicyFilesTest {
    static final String SRC = "srt 1\nfilesystem {\n  read deny \"~/.ssh\"\n  write allow \".\"\n}\n";

    @Test
    void sourceCompiledAndBadFiles() throws Exception {
        Path f = Sandbox.fixture("policies");
        Path home = f.resolve("home");
        Files.createDirectories(home.resolve("work"));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_rsa"), "SECRET");
        Path src = f.resolve("p.srt");
        Files.writeString(src, SRC);
        byte[] bin = Compilation.compile(Loader.Input.file(src)).bytes();
        Path compiled = f.resolve("p.bin");
        Files.write(compiled, bin);
        byte[] flipped = bin.clone();
        flipped[bin.length / 2] ^= 1;
        Files.write(f.resolve("flipped.bin"), flipped);
        Files.writeString(f.resolve("garbage.bin"), "garbage");
        Files.writeString(f.resolve("bad.srt"), "srt 1\nfilesystem { bogus }\n");
        Path sys = f.resolve("syscalls.srt");
        Files.writeString(sys, "srt 1\nsyscalls {\n  default allow\n  errno EPERM ptrace\n}\n");
        // syscall rules, but the seccomp sections removed (a compiler without the seccomp back-end)
        var sysArt = ArtifactFormat.read(Compilation.compile(Loader.Input.file(sys)).bytes());
        Map<String, byte[]> noSeccomp = new TreeMap<>(sysArt.sections());
        noSeccomp.keySet().removeIf(k -> k.startsWith("seccomp-") || k.equals("ir") || k.equals("report"));
        Files.write(f.resolve("noseccomp.bin"), ArtifactFormat.write(sysArt.policy(), noSeccomp));
        // an artifact whose only seccomp program is for the other architecture
        var art = ArtifactFormat.read(bin);
        Map<String, byte[]> sections = new TreeMap<>(art.sections());
        sections.remove("ir");
        sections.remove("report");
        String other = dev.srt.runner.linux.Host.arch().equals("x86_64") ? "seccomp-aarch64" : "seccomp-x86_64";
        sections.keySet().removeIf(k -> k.startsWith("seccomp-"));
        sections.put(other, new byte[8]);
        Files.write(f.resolve("foreign.bin"), ArtifactFormat.write(art.policy(), sections));
        Sandbox.exec(List.of("chmod", "-R", "a+rX", f.toString()));
        Sandbox.own(home, true);

        for (Path p : List.of(src, compiled)) {
            Sandbox.Result r = Sandbox.run(true, home, home.resolve("work"), null, List.of("srt", "run", "--policy", p.toString(),
                "--", "sh", "-c", "cat ~/.ssh/id_rsa 2>/dev/null || echo denied; echo x > ok && echo wrote"));
            assertEquals(0, r.status(), r.err());
            assertEquals("denied\nwrote\n", r.text(), p.toString());
        }
        // the policy's own filter allows every call; srt's terminal guard still refuses TIOCSTI
        // (EPERM from seccomp, before the tty driver could answer ENOTTY for /dev/null)
        Sandbox.Result tiocsti = Sandbox.run(true, home, home.resolve("work"), null, List.of("srt", "run", "--policy", src.toString(),
            "--", "python3", "-c", "import fcntl, termios\ntry:\n fcntl.ioctl(0, termios.TIOCSTI, b'x')\nexcept OSError as e: print(e.errno)"));
        assertEquals("1\n", tiocsti.text(), tiocsti.err());
        expectFailure(home, f.resolve("flipped.bin"), "corrupted compiled policy: checksum mismatch");
        // the checksum is verified before any section is decoded: whichever section a flipped bit
        // lands in, the file is refused for what it is and the command never starts
        for (Map.Entry<String, byte[]> s : ArtifactFormat.read(bin).sections().entrySet()) {
            byte[] one = bin.clone();
            int at = indexOf(bin, s.getValue());
            assertTrue(at > 0, s.getKey());
            one[at + s.getValue().length / 2] ^= 0x10;
            Path p = f.resolve("flipped-" + s.getKey() + ".bin");
            Files.write(p, one);
            Sandbox.exec(List.of("chmod", "a+r", p.toString()));
            Sandbox.Result r = Sandbox.run(true, home, home.resolve("work"), null,
                List.of("srt", "run", "--policy", p.toString(), "--", "touch", "ran-" + s.getKey()));
            assertEquals(125, r.status(), s.getKey() + ": " + r.err());
            assertEquals("srt: " + p + ": corrupted compiled policy: checksum mismatch\n", r.err(), s.getKey());
            assertTrue(Files.notExists(home.resolve("work/ran-" + s.getKey())), s.getKey() + ": the command ran");
        }
        expectFailure(home, f.resolve("garbage.bin"), "not an srt compiled policy");
        expectFailure(home, f.resolve("bad.srt"), "bad.srt:2:14: error:");
        expectFailure(home, f.resolve("noseccomp.bin"), "has system-call rules but no seccomp program");
        // with the seccomp back-end the same policy runs, and its rule holds
        Sandbox.Result ptrace = Sandbox.run(true, home, home.resolve("work"), null, List.of("srt", "run", "--policy", sys.toString(),
            "--", "python3", "-c", "import ctypes; c = ctypes.CDLL(None, use_errno=True); print(c.ptrace(0, 0, 0, 0), ctypes.get_errno())"));
        assertEquals(0, ptrace.status(), ptrace.err());
        assertEquals("-1 1\n", ptrace.text(), "ptrace(PTRACE_TRACEME) must fail with EPERM");
        expectFailure(home, f.resolve("foreign.bin"), "has no seccomp program for " + dev.srt.runner.linux.Host.arch());
        expectFailure(home, f.resolve("missing.bin"), "policy file not found");
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    static void expectFailure(Path home, Path policy, String message) throws Exception {
        Sandbox.Result r = Sandbox.run(true, home, home.resolve("work"), null,
            List.of("srt", "run", "--policy", policy.toString(), "--", "true"));
        assertEquals(125, r.status(), r.err());
        assertTrue(r.err().startsWith("srt: ") && r.err().contains(message), r.err());
        assertEquals(1, r.err().split("\n").length, "one line: " + r.err());
    }
}
