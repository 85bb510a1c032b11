package dev.srt.runner.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The start-up fast path for well-formed {@code srt run} command lines: picocli costs about
 * 100 ms of class loading and reflection, which is most of srt's own start-up. Anything this
 * parser does not recognise exactly (help, version, unknown options, errors) goes to picocli,
 * which stays the single definition of the interface and of its error messages.
 */
final class FastRunArgs {
    /** A parsed {@code run}: policy file (or null), shell string (or null), debug, command, violations file (or null). */
    record Request(Path policy, String shell, boolean debug, List<String> command, Path violationsJson) {
        Request(Path policy, String shell, boolean debug, List<String> command) {
            this(policy, shell, debug, command, null);
        }
    }

    private FastRunArgs() {
    }

    static Optional<Request> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("run")) return Optional.empty();
        Path policy = null;
        String shell = null;
        boolean debug = false;
        Path violations = null;
        int i = 1;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (a.equals("--debug") && !debug) {
                debug = true;
            } else if (a.equals("--policy") && policy == null && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                policy = Path.of(args[++i]);
            } else if (a.startsWith("--policy=") && policy == null && a.length() > 9) {
                policy = Path.of(a.substring(9));
            } else if (a.equals("--violations-json") && violations == null && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                violations = Path.of(args[++i]);
            } else if (a.startsWith("--violations-json=") && violations == null && a.length() > 18) {
                violations = Path.of(a.substring(18));
            } else if (a.equals("-c") && shell == null && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                shell = args[++i];
            } else if (a.startsWith("-")) {
                return Optional.empty(); // help, version, unknown or repeated options: picocli answers
            } else {
                break; // the command starts here; its own options are never taken for srt's
            }
        }
        List<String> command = Arrays.asList(args).subList(i, args.length);
        if ((shell == null) == command.isEmpty()) return Optional.empty();
        return Optional.of(new Request(policy, shell, debug, List.copyOf(command), violations));
    }
}
