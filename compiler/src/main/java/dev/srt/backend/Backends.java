package dev.srt.backend;

import dev.srt.backend.seccomp.Arch;
import dev.srt.backend.seccomp.SeccompBackend;
import java.util.List;

/** The registered back-ends, in the order their sections appear in compiled.bin. */
public final class Backends {
    private Backends() {
    }

    public static List<Backend> all() {
        return List.of(
            new dev.srt.backend.seatbelt.SeatbeltBackend(),
            new dev.srt.backend.bwrap.BwrapBackend(),
            new SeccompBackend(Arch.X86_64), new SeccompBackend(Arch.AARCH64)
        );
    }
}
