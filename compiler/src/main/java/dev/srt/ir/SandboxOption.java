package dev.srt.ir;

import java.util.Arrays;
import java.util.Optional;

/** The platform switches a {@code sandbox { ... }} block may set. Unknown keys are errors. */
public enum SandboxOption {
    /** Linux: bind the host /proc instead of mounting a new one, for containers without user namespaces. */
    WEAKER_NESTED_SANDBOX("weaker-nested-sandbox", "Linux: runs inside containers that forbid a new /proc, at the cost of seeing host processes"),
    /** Lets the sandboxed program create user namespaces (lifts `unless nested-userns` rules). */
    NESTED_USERNS("nested-userns", "lets the program create nested user namespaces (containers inside the sandbox)"),
    /** macOS: allow opening a pseudo-terminal. */
    ALLOW_PTY("allow-pty", "macOS: lets the program open pseudo-terminals"),
    /** Keep the caller's TMPDIR instead of a private temporary directory per run. */
    SHARED_TMP("shared-tmp", "keeps the caller's TMPDIR instead of a private one per run");

    public final String key;
    public final String meaning;

    SandboxOption(String key, String meaning) {
        this.key = key;
        this.meaning = meaning;
    }

    public static Optional<SandboxOption> byKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
    }
}
