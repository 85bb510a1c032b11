package dev.srt.runner.linux;

import dev.srt.runner.SrtException;
import dev.srt.runner.launch.LaunchPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts bwrap for a {@link LaunchPlan.Bwrap} and waits for it. Java cannot hand a child extra
 * descriptors, so {@code /bin/sh} opens them and replaces itself with bwrap:
 * {@code exec bwrap --args 3 3<ARGS 4<SECCOMP 5>STATUS}. bwrap reads its arguments from fd 3
 * (so neither the command nor the policy shows in /proc/PID/cmdline), the filter from fd 4, and
 * writes its JSON status to fd 5; the files live in the private run directory.
 *
 * <p>Exit status: bwrap returns the command's status, or 128+N when it died of signal N. When
 * bwrap's status file has no {@code child-pid}, the sandbox never started: srt fails with 125.
 */
public final class BwrapLauncher {

    private BwrapLauncher() {
    }

    /** Work done once the sandbox exists, before its command starts (bwrap waits on --block-fd). */
    public interface BeforeCommand {
        void ready(long sandboxPid) throws SrtException;
    }

    public static int run(LaunchPlan.Bwrap plan, boolean stdinClosed) throws SrtException {
        return run(plan, stdinClosed, null);
    }

    /**
     * As above; with {@code before}, bwrap (given {@code --block-fd 7}) holds the sandbox until
     * {@code before} has run: fd 7 is a FIFO in the run directory, made by the shell, to which srt
     * writes one byte. If {@code before} fails, bwrap is stopped and nothing runs.
     */
    public static int run(LaunchPlan.Bwrap plan, boolean stdinClosed, BeforeCommand before) throws SrtException {
        Path dir = plan.runDir();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        for (String s : plan.args()) {
            if (s.indexOf('\0') >= 0) throw new SrtException("an argument contains a NUL character");
            a.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            a.write(0);
        }
        Path args = write(dir.resolve("args"), a.toByteArray());
        Path seccomp = write(dir.resolve("seccomp"), plan.seccomp());
        Path status = write(dir.resolve("status"), new byte[0]);
        Path guard = write(dir.resolve("guard"), plan.guard());
        if (!Files.isExecutable(Path.of(plan.bwrapPath()))) {
            throw new SrtException("bubblewrap not found at " + plan.bwrapPath() + " (install the bubblewrap package; see `srt doctor`)");
        }
        String script = "b=$1 a=$2 s=$3 t=$4 g=$5; shift 5; exec \"$b\" --args 3 -- \"$@\" 3<\"$a\" 4<\"$s\" 5>\"$t\" 6<\"$g\""
            + (before != null ? " 7<>\"$f\"" : "") + (stdinClosed ? " 0<&-" : "");
        List<String> argv = new java.util.ArrayList<>(List.of("/bin/sh", "-c", script, "srt"));
        Path fifo = dir.resolve("block");
        if (before != null) {
            Path mkfifo = Host.onPath("mkfifo", "/usr/bin:/bin");
            if (mkfifo == null) throw new SrtException("mkfifo (coreutils) not found");
            argv.set(2, "m=$1 f=$2; shift 2; \"$m\" -m 600 \"$f\" || exit 125; " + script);
            argv.addAll(List.of(mkfifo.toString(), fifo.toString()));
        }
        argv.addAll(List.of(plan.bwrapPath(), args.toString(), seccomp.toString(), status.toString(), guard.toString()));
        argv.addAll(plan.command());
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(plan.env());
        pb.inheritIO();
        dev.srt.runner.Timing.mark("started bwrap");
        Signals.target(new CommandPid(status));
        if (Signals.pendingExit() != 0) return Signals.pendingExit();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SrtException("cannot start bwrap: " + e.getMessage());
        }
        if (before != null) holdUntilReady(p, status, fifo, before);
        int rc;
        while (true) {
            try {
                rc = p.waitFor();
                break;
            } catch (InterruptedException e) {
                // keep waiting: srt exits only after the sandbox has
            }
        }
        dev.srt.runner.Timing.mark("bwrap exited");
        if (childPid(status) <= 0) {
            throw new SrtException("the sandbox could not be set up (bwrap exit status " + rc + "); run `srt doctor`");
        }
        return rc;
    }

    /** Waits for bwrap's sandbox to exist, runs {@code before}, then lets the command start. */
    private static void holdUntilReady(Process p, Path status, Path fifo, BeforeCommand before) throws SrtException {
        long pid;
        while ((pid = childPid(status)) <= 0 && p.isAlive()) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        if (pid <= 0) return; // bwrap failed: reported by the caller from its status
        dev.srt.runner.Timing.mark("sandbox exists");
        try {
            before.ready(pid);
            // O_RDWR: opening a FIFO this way never blocks (fifo(7)); bwrap reads the byte and goes on.
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(fifo,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException e) {
                throw new SrtException("cannot release the sandbox: " + e.getMessage());
            }
        } catch (SrtException | RuntimeException e) {
            // bwrap dies of SIGTERM and its --die-with-parent child with it: the command never runs.
            p.destroy();
            while (true) {
                try {
                    p.waitFor();
                    break;
                } catch (InterruptedException ie) {
                    // keep waiting
                }
            }
            throw e;
        }
    }

    private static Path write(Path p, byte[] content) throws SrtException {
        try {
            Files.createFile(p, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new SrtException("cannot write " + p + ": " + e.getMessage());
        }
    }

    /** Where signals go; a class rather than a lambda, which would cost start-up time. */
    private static final class CommandPid implements java.util.function.LongSupplier {
        private final Path status;

        CommandPid(Path status) {
            this.status = status;
        }

        @Override
        public long getAsLong() {
            return commandPid(status);
        }
    }

    /** bwrap's first child: the init of the new PID namespace. */
    static long childPid(Path status) {
        try {
            return jsonNumber(Files.readString(status), "child-pid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The number after {@code "key":} in bwrap's one-line {@code --json-status-fd} object, or -1.
     * Read by hand: a regex would load java.util.regex on the start-up path.
     */
    static long jsonNumber(String json, String key) {
        int i = json.indexOf('"' + key + '"');
        if (i < 0) return -1;
        i += key.length() + 2;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) i++;
        if (i >= json.length() || json.charAt(i) != ':') return -1;
        i++;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) i++;
        int start = i;
        while (i < json.length() && json.charAt(i) >= '0' && json.charAt(i) <= '9') i++;
        return i == start || i - start > 18 ? -1 : Long.parseLong(json.substring(start, i));
    }

    /** The command: the first child of bwrap's init (bwrap(1): init reaps, the command is its child). */
    static long commandPid(Path status) {
        long init = childPid(status);
        if (init <= 0) return -1;
        try {
            String kids = Files.readString(Path.of("/proc/" + init + "/task/" + init + "/children")).trim();
            if (kids.isEmpty()) return -1;
            return Long.parseLong(kids.split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
