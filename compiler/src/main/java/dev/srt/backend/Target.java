package dev.srt.backend;

import java.util.Arrays;
import java.util.Optional;

/** The lowered forms a policy compiles to; each is one section of compiled.bin. */
public enum Target {
    SEATBELT("seatbelt", "macOS Seatbelt profile (SBPL text)"),
    BWRAP("bwrap", "bubblewrap argument template"),
    SECCOMP_X86_64("seccomp-x86_64", "seccomp classic BPF for x86_64"),
    SECCOMP_AARCH64("seccomp-aarch64", "seccomp classic BPF for aarch64"),
    PROXY("proxy", "srt's HTTP and SOCKS5 proxies (network rules, decided at run time)");

    public final String id;
    public final String description;

    Target(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public static Optional<Target> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
