package dev.srt.runner;

/** {@code SRT_TIMING=1}: prints how long each start-up phase took, for the benchmark. */
public final class Timing {
    private static final boolean ON = System.getenv("SRT_TIMING") != null;
    private static final long T0 = System.nanoTime();

    private Timing() {
    }

    public static void mark(String phase) {
        if (!ON) return;
        // no printf: java.util.Formatter's first use costs more than the phases it would time
        long tenths = (System.nanoTime() - T0) / 100_000;
        StringBuilder b = new StringBuilder("srt: timing: ").append(phase);
        while (b.length() < 31) b.append(' ');
        String ms = tenths / 10 + "." + tenths % 10;
        for (int i = ms.length(); i < 6; i++) b.append(' ');
        System.err.println(b.append(ms).append(" ms since main"));
    }
}
