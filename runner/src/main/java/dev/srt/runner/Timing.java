package dev.srt.runner;

/** {@code SRT_TIMING=1}: prints how long each start-up phase took, for the benchmark. */
public final class Timing {
    private static final boolean ON = System.getenv("SRT_TIMING") != null;
    private static final long T0 = System.nanoTime();

    private Timing() {
    }

    public static void mark(String phase) {
        if (ON) System.err.printf("srt: timing: %-16s %6.1f ms since main%n", phase, (System.nanoTime() - T0) / 1e6);
    }
}
