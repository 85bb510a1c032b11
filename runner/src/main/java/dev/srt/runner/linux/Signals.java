package dev.srt.runner.linux;

import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;
import sun.misc.Signal;

/**
 * Forwards the signals srt receives to the sandboxed command (the first child of bwrap's init
 * in the new PID namespace; init itself would ignore them). A terminal sends SIGINT, SIGQUIT
 * and SIGWINCH to its whole foreground process group, which includes the command (srt does not
 * start a new session, so the command keeps the terminal): when srt is in that foreground
 * group those three are not forwarded, or the command would get them twice. srt never exits
 * on these signals; it exits when the command has.
 */
public final class Signals {
    static final List<String> FORWARDED = List.of("TERM", "INT", "HUP", "QUIT", "WINCH", "USR1", "USR2");
    static final List<String> FROM_TERMINAL = List.of("INT", "QUIT", "WINCH");

    private Signals() {
    }

    /** Installs the handlers; {@code target} returns the command's host pid, or -1 while unknown. */
    public static void install(LongSupplier target) {
        for (String name : FORWARDED) {
            try {
                Signal.handle(new Signal(name), s -> forward(name, target));
            } catch (IllegalArgumentException e) {
                // reserved by this JVM (e.g. QUIT without -Xrs): the launcher passes -Xrs
            }
        }
    }

    private static void forward(String name, LongSupplier target) {
        if (FROM_TERMINAL.contains(name) && Host.foregroundOfTerminal()) return;
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
            new ProcessBuilder("/bin/kill", "-s", name, Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // the command is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
