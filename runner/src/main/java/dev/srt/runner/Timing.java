package dev.srt.runner;

/**
 * {@code SRT_TIMING=1}: prints how long each start-up phase took, for the benchmark; with
 * {@code SRT_TIMING_T0} (epoch nanoseconds at launch) also the time since launch.
 */
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
        b.append(ms).append(" ms since main");
        String t0 = System.getenv("SRT_TIMING_T0");
        if (t0 != null) {
            // SRT_TIMING_T0=$(date +%s%N) just before starting srt: also shows the JVM's own start-up
            java.time.Instant now = java.time.Instant.now();
            long sinceLaunch = (now.getEpochSecond() * 1_000_000_000L + now.getNano() - Long.parseLong(t0)) / 100_000;
            b.append(", ").append(sinceLaunch / 10).append('.').append(sinceLaunch % 10).append(" ms since launch");
        }
        System.err.println(b);
    }
}
