package dev.srt.runner.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sandbox-exec and log(1) command lines. */
class SandboxExecCommandTest {
    @Test
    void profileFileParametersThenTheCommandUnchanged() {
        SandboxExecCommand c = SandboxExecCommand.withFile(Path.of("/private/var/folders/ab/T/srt/profile.sb"),
            Map.of("HOME", "/Users/alice", "CWD", "/Users/alice/my proj"), List.of("python3", "-c", "print('hi; rm -rf /')"));
        assertEquals(List.of("/usr/bin/sandbox-exec", "-f", "/private/var/folders/ab/T/srt/profile.sb",
            "-D", "CWD=/Users/alice/my proj", "-D", "HOME=/Users/alice", "--", "python3", "-c", "print('hi; rm -rf /')"), c.argv());
    }

    @Test
    void inlineProfile() {
        SandboxExecCommand c = SandboxExecCommand.inline("(version 1)\n(deny default)\n", Map.of(), List.of("/bin/ls"));
        assertEquals(List.of("/usr/bin/sandbox-exec", "-p", "(version 1)\n(deny default)\n", "--", "/bin/ls"), c.argv());
    }

    @Test
    void refusesWhatCannotBePassed() {
        assertThrows(IllegalArgumentException.class, () -> SandboxExecCommand.inline("x", Map.of("A", "b\0c"), List.of("ls")));
        assertThrows(IllegalArgumentException.class, () -> SandboxExecCommand.inline("x", Map.of("A=B", "c"), List.of("ls")));
        assertThrows(IllegalArgumentException.class, () -> SandboxExecCommand.inline("x", Map.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SandboxExecCommand("/usr/bin/sandbox-exec", null, null, Map.of(), List.of("ls")));
    }

    @Test
    void logFollowerSelectsThisRunByItsTag() {
        assertEquals(List.of("/usr/bin/log", "stream", "--style", "ndjson", "--level", "default", "--predicate",
            "eventMessage CONTAINS \"srt-0123456789abcdef\""), LogStreamCommand.argv(MacTestPolicy.TAG));
        String tag = LogStreamCommand.newTag(new java.util.Random(1));
        assertTrue(tag.matches("srt-[0-9a-f]{16}"), tag);
    }
}
