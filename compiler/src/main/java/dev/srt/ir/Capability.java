package dev.srt.ir;

import java.util.Arrays;
import java.util.Optional;

/**
 * Grants elsewhere in a policy that switch off a syscall rule written with {@code unless}.
 * For example the stock default says {@code errno EPERM socket(domain == AF_UNIX) unless unix-sockets}.
 */
public enum Capability {
    /** Any {@code allow unix} rule in the network block. */
    UNIX_SOCKETS("unix-sockets"),
    /** The {@code nested-userns} sandbox switch. */
    NESTED_USERNS("nested-userns"),
    /** Any {@code allow bind} rule. */
    LOCAL_BINDING("local-binding");

    public final String word;

    Capability(String word) {
        this.word = word;
    }

    public static Optional<Capability> byWord(String w) {
        return Arrays.stream(values()).filter(c -> c.word.equals(w)).findFirst();
    }
}
