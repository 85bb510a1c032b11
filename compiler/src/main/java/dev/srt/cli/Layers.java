package dev.srt.cli;

import dev.srt.backend.bwrap.BwrapLayer;
import dev.srt.backend.seatbelt.SeatbeltLayer;
import dev.srt.backend.seccomp.Arch;
import dev.srt.backend.seccomp.SeccompLayer;
import dev.srt.verify.IrLayer;
import dev.srt.verify.Layer;
import java.util.List;

/**
 * The places a decision can be checked from this machine: the reference evaluator first, then
 * each back-end's output through its test evaluator. {@code srtc test} and {@code srtc query}
 * use the same list; a back-end adds its layer here when it is merged.
 */
final class Layers {
    private Layers() {
    }

    static List<Layer> all() {
        return List.of(new IrLayer(), new SeatbeltLayer(), new BwrapLayer(), new SeccompLayer(Arch.X86_64), new SeccompLayer(Arch.AARCH64));
    }
}
