package dev.srt.check;

/** Every file must start with {@code srt 1}: the one language version this compiler reads. */
final class HeaderPass implements Pass {
    static final int SUPPORTED = 1;

    @Override
    public String name() {
        return "header";
    }

    @Override
    public void run(CheckContext ctx) {
        for (Unit u : ctx.units) {
            int v = u.ast().header().version();
            if (v != SUPPORTED) {
                ctx.error("E0101", "language version " + v + " is not supported by this srtc (it reads version " + SUPPORTED + ")",
                    u.ast().header().span(), v > SUPPORTED ? "upgrade srtc, or write the policy for `srt 1`" : "start the file with `srt 1`");
            }
        }
    }
}
