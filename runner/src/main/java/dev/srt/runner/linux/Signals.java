package dev.srt.runner.linux;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import sun.misc.Signal;

/**
 * Forwards the signals srt receives to the sandboxed command (the first child of bwrap's init
 * in the new PID namespace; init itself would ignore them). A terminal sends SIGINT, SIGQUIT
 * and SIGWINCH to its whole foreground process group, which includes the command (srt does not
 * start a new session, so the command keeps the terminal): when srt is in that foreground
 * group those three are not forwarded, or the command would get them twice. srt never exits
 * on these signals; it exits when the command has. Handlers are installed first thing in
 * {@code main}; a terminating signal that arrives before the sandbox starts stops the run
 * (status 128+N) instead of being lost.
 */
public final class Signals {
    static final List<String> FORWARDED = List.of("TERM", "INT", "HUP", "QUIT", "WINCH", "USR1", "USR2");
    static final List<String> FROM_TERMINAL = List.of("INT", "QUIT", "WINCH");
    static final List<String> TERMINATING = List.of("TERM", "INT", "HUP", "QUIT");

    private static final AtomicReference<LongSupplier> TARGET = new AtomicReference<>();
    private static volatile int pendingExit;
    /** Null: Linux's check ({@link Host#foregroundOfTerminal}); the macOS runner sets its own. */
    private static volatile java.util.function.BooleanSupplier foreground;

    private Signals() {
    }

    /**
     * Installs the handlers; until {@link #target} is called, terminating signals are remembered.
     * One named handler class rather than lambdas: this runs first in {@code main}, where the
     * first lambda would pay for bootstrapping java.lang.invoke (several ms of start-up).
     */
    public static void install() {
        Handler handler = new Handler();
        for (String name : FORWARDED) {
            try {
                Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException e) {
                // reserved by this JVM (e.g. QUIT without -Xrs): the launcher passes -Xrs
            }
        }
    }

    /** Forwards whichever signal it is given. */
    private static final class Handler implements sun.misc.SignalHandler {
        @Override
        public void handle(Signal s) {
            received(s.getName(), s.getNumber());
        }
    }

    /** From now on signals go to the pid {@code target} returns (-1 while unknown). */
    public static void target(LongSupplier target) {
        TARGET.set(target);
    }

    /** How to tell whether srt is in its terminal's foreground group (the macOS runner has no /proc). */
    public static void foregroundCheck(java.util.function.BooleanSupplier check) {
        foreground = check;
    }

    /** 128+N if a terminating signal N arrived before the sandbox started, else 0. */
    public static int pendingExit() {
        return pendingExit;
    }

    private static void received(String name, int number) {
        LongSupplier target = TARGET.get();
        if (target == null) {
            if (TERMINATING.contains(name) && pendingExit == 0) pendingExit = 128 + number;
            return;
        }
        java.util.function.BooleanSupplier check = foreground;
        if (FROM_TERMINAL.contains(name) && (check == null ? Host.foregroundOfTerminal() : check.getAsBoolean())) return;
        long pid = -1;
        for (int i = 0; i < 100 && (pid = target.getAsLong()) <= 0; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (pid <= 0) return;
        try {
            // the shell's built-in kill: no dependency on procps' /bin/kill
            new ProcessBuilder("/bin/sh", "-c", "kill -s \"$0\" \"$1\"", name, Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // the command is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
