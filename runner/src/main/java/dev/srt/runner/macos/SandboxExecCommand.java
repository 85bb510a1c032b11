package dev.srt.runner.macos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The argument vector that runs a command under Seatbelt: sandbox-exec(1) with the profile
 * from a file ({@code -f}, preferred: the text stays off the process list and argv limits) or
 * inline ({@code -p}), each profile parameter as {@code -D NAME=VALUE}, then {@code --} and
 * the command, which sandbox-exec executes directly (no shell).
 */
public record SandboxExecCommand(String sandboxExec, Path profileFile, String profileText, Map<String, String> parameters,
                                 List<String> command) {
    public static final String SANDBOX_EXEC = "/usr/bin/sandbox-exec";

    public SandboxExecCommand {
        if ((profileFile == null) == (profileText == null)) throw new IllegalArgumentException("give a profile file or a profile text");
        if (command.isEmpty()) throw new IllegalArgumentException("no command to run");
        parameters = new TreeMap<>(parameters);
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!e.getKey().matches("[A-Z][A-Z0-9_]*")) throw new IllegalArgumentException("bad parameter name " + e.getKey());
            if (e.getValue().indexOf('\0') >= 0) throw new IllegalArgumentException("parameter " + e.getKey() + " holds a NUL character");
        }
        parameters = java.util.Collections.unmodifiableMap(parameters);
        command = List.copyOf(command);
    }

    public static SandboxExecCommand withFile(Path profile, Map<String, String> parameters, List<String> command) {
        return new SandboxExecCommand(SANDBOX_EXEC, profile, null, parameters, command);
    }

    public static SandboxExecCommand inline(String profile, Map<String, String> parameters, List<String> command) {
        return new SandboxExecCommand(SANDBOX_EXEC, null, profile, parameters, command);
    }

    public List<String> argv() {
        List<String> out = new ArrayList<>();
        out.add(sandboxExec);
        if (profileFile != null) {
            out.add("-f");
            out.add(profileFile.toString());
        } else {
            out.add("-p");
            out.add(profileText);
        }
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            out.add("-D");
            out.add(e.getKey() + "=" + e.getValue());
        }
        out.add("--");
        out.addAll(command);
        return out;
    }
}
