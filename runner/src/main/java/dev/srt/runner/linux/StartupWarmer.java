package dev.srt.runner.linux;

/**
 * One-time JDK set-up that {@code srt run} would otherwise pay on its critical path, done on a
 * second thread (a second core) while the main thread loads the policy and plans the mounts:
 * the process-launching classes (ProcessHandleImpl starts its reaper pool in its static
 * initialiser) and java.lang.invoke's lambda machinery, which ProcessBuilder.start needs. Pure
 * warm-up: nothing here changes behaviour, and any failure only costs the time it would save.
 */
public final class StartupWarmer implements Runnable {
    private StartupWarmer() {
    }

    /** Starts the warm-up on a daemon thread. */
    public static void start() {
        Thread t = new Thread(new StartupWarmer(), "srt-warm");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try {
            Runnable lambda = () -> { };
            lambda.run();
            Class.forName("java.lang.ProcessHandleImpl", true, null);
            Class.forName("java.lang.ProcessImpl", true, null);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            // only time is lost
        }
    }
}
