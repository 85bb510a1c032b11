package dev.srt.runner.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one sandboxed command, decided before anything runs; each
 * platform's launcher executes its own kind. The {@code debug} lines say what was expanded
 * and why, for {@code --debug}.
 */
public sealed interface LaunchPlan permits LaunchPlan.Bwrap, LaunchPlan.Seatbelt {
    /** The command and its arguments, exactly as given. */
    List<String> command();

    /** The environment the command gets. */
    Map<String, String> env();

    /** The working directory inside the sandbox. */
    String cwd();

    List<String> debug();

    /**
     * Linux: bwrap with these arguments (read from a descriptor, never on a command line), the
     * policy's seccomp program and srt's terminal guard on two more, and bwrap's JSON status on a fourth.
     */
    record Bwrap(String bwrapPath, List<String> args, byte[] seccomp, byte[] guard, List<String> command, Map<String, String> env,
                 String cwd, Path runDir, List<String> debug) implements LaunchPlan {
        public Bwrap {
            args = List.copyOf(args);
            command = List.copyOf(command);
            env = Map.copyOf(env);
            debug = List.copyOf(debug);
        }
    }

    /** macOS: sandbox-exec with this SBPL profile (written to a private file, not argv). */
    record Seatbelt(String profile, List<String> command, Map<String, String> env, String cwd, Path runDir,
                    List<String> debug) implements LaunchPlan {
        public Seatbelt {
            command = List.copyOf(command);
            env = Map.copyOf(env);
            debug = List.copyOf(debug);
        }
    }
}
