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
 * {@code exec bwrap --args 3 -- COMMAND 3<ARGS 4<SECCOMP 5>STATUS 6<GUARD}, started through
 * {@code nsenter} when the sandbox joins the network namespace of srt's relays. bwrap reads its arguments from fd 3
 * (so neither the command nor the policy shows in /proc/PID/cmdline), the filter from fd 4, and
 * writes its JSON status to fd 5; the files live in the private run directory.
 *
 * <p>Exit status: bwrap returns the command's status, or 128+N when it died of signal N. When
 * bwrap's status file has no {@code child-pid}, the sandbox never started: srt fails with 125.
 */
public final class BwrapLauncher {

    private BwrapLauncher() {
    }

    /** Where bwrap must run when the sandbox joins an existing network namespace. */
    public interface NetworkJoin {
        /** The command that starts bwrap in that namespace (e.g. nsenter ... --); waits until it is ready. */
        List<String> prefix() throws SrtException;
    }

    public static int run(LaunchPlan.Bwrap plan, boolean stdinClosed) throws SrtException {
        return run(plan, stdinClosed, null);
    }

    /**
     * As above; with {@code join}, bwrap is started through {@code join.prefix()} (which must not be
     * empty) and the plan must not give the sandbox a network namespace of its own; without it,
     * the plan must ({@link LinuxPlanner#UNSHARE_NET}): the sandbox never shares the host's.
     */
    /**
     * Options (from the --args file) plus command words bwrap accepts: it refuses more than 9000
     * arguments in all (its MAX_ARGS), counting its own, with a message that says nothing of why.
     * Measured with bubblewrap 0.8: 40 options and 8957 command words run, 8958 do not.
     */
    static final int BWRAP_MAX_WORDS = 8997;

    public static int run(LaunchPlan.Bwrap plan, boolean stdinClosed, NetworkJoin join) throws SrtException {
        Path dir = plan.runDir();
        boolean ownNetns = plan.args().contains(LinuxPlanner.UNSHARE_NET);
        if (ownNetns == (join != null)) {
            throw new SrtException(ownNetns ? "internal error: a sandbox with its own network namespace cannot join another"
                : "internal error: the sandbox would share the host's network namespace");
        }
        int words = plan.args().size() + plan.command().size();
        if (words > BWRAP_MAX_WORDS) {
            throw new SrtException("the command has " + plan.command().size() + " arguments, and with the sandbox's "
                + plan.args().size() + " set-up options that is more than bubblewrap takes (" + BWRAP_MAX_WORDS
                + " in all): pass a long list through a file, or through xargs inside the sandbox");
        }
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
        // The shell opens the descriptors and replaces itself with the rest of its arguments:
        // [nsenter ... --] bwrap --args 3 -- COMMAND...
        String script = "a=$1 s=$2 t=$3 g=$4; shift 4; exec \"$@\" 3<\"$a\" 4<\"$s\" 5>\"$t\" 6<\"$g\""
            + (stdinClosed ? " 0<&-" : "");
        List<String> argv = new java.util.ArrayList<>(List.of("/bin/sh", "-c", script, "srt",
            args.toString(), seccomp.toString(), status.toString(), guard.toString()));
        if (join != null) {
            List<String> prefix = join.prefix();
            if (prefix.isEmpty()) throw new SrtException("internal error: no way into the relays' network namespace");
            argv.addAll(prefix);
        }
        argv.addAll(List.of(plan.bwrapPath(), "--args", Integer.toString(LinuxPlanner.FD_ARGS), "--"));
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
    public static long jsonNumber(String json, String key) {
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
