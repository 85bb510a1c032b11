package dev.srt.backend.seatbelt;

import dev.srt.backend.Backend;
import dev.srt.backend.Lowered;
import dev.srt.backend.Target;
import dev.srt.ir.Policy;
import java.nio.charset.StandardCharsets;

/**
 * Lowers a policy to a macOS Seatbelt profile (SBPL text, run with {@code sandbox-exec}).
 * Run-time values are profile parameters ({@link SbplParams}); the rule order depends on the
 * depths of those values ({@link Layout}), so the compiled profile is ordered for
 * {@link Layout#DEFAULT} and the runner lowers again with {@link #lower(Policy, Layout)} when
 * the real layout differs.
 */
public final class SeatbeltBackend implements Backend {
    @Override
    public Target target() {
        return Target.SEATBELT;
    }

    @Override
    public Lowered lower(Policy policy) {
        return lower(policy, Layout.DEFAULT);
    }

    public Lowered lower(Policy policy, Layout layout) {
        ProfileBuilder b = new ProfileBuilder(policy, layout);
        b.build();
        String text = SbplPrinter.print(b.forms());
        boolean failed = b.diagnostics().stream().anyMatch(d -> d.isError());
        return new Lowered(Target.SEATBELT, failed ? null : text.getBytes(StandardCharsets.UTF_8), text,
            b.enforcement(), b.diagnostics());
    }
}
