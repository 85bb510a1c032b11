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
        b.append("  [").append(Thread.currentThread().getName()).append(' ').append(threadCpuMillis()).append(" ms CPU]");
        System.err.println(b);
        if (phase.equals("exit")) threads();
    }

    /** The calling thread's CPU time so far (schedstat(5)), or -1. */
    private static long threadCpuMillis() {
        try {
            String run = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat")).trim();
            return Long.parseLong(run.substring(0, run.indexOf(' '))) / 1_000_000;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of each of srt's threads so far (schedstat(5): nanoseconds on the CPU), at exit. */
    private static void threads() {
        try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks = java.nio.file.Files.newDirectoryStream(
            java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path t : tasks) {
                String comm = java.nio.file.Files.readString(t.resolve("comm")).trim();
                String run = java.nio.file.Files.readString(t.resolve("schedstat")).trim();
                long ns = Long.parseLong(run.substring(0, run.indexOf(' ')));
                if (ns >= 1_000_000) System.err.println("srt: timing: thread " + comm + " " + ns / 100_000 / 10.0 + " ms CPU");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not on Linux, or /proc unreadable: no thread figures
        }
    }
}
