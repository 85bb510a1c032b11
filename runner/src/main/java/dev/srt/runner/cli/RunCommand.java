package dev.srt.runner.cli;

import dev.srt.runner.Runner;
import dev.srt.runner.SrtException;
import dev.srt.runner.policy.LoadedPolicy;
import dev.srt.runner.policy.PolicySource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srt run [--policy FILE] [--debug] (-c STRING | -- COMMAND [ARGS...])}. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs COMMAND (or a shell string with -c) in the sandbox the policy describes.",
        "Without --policy, the embedded default: no network, reads everywhere except secrets such as ~/.ssh,",
        "writes to the working directory and a private TMPDIR, shell and git start-up files protected."})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--policy", paramLabel = "FILE", description = "compiled.bin, or policy.srt (compiled on the fly)")
    Path policy;

    @Option(names = "-c", paramLabel = "STRING", description = "run STRING with /bin/sh -c inside the sandbox")
    String shell;

    @Option(names = "--debug", description = "print the exact bwrap command line and what was expanded")
    boolean debug;

    @Option(names = "--violations-json", paramLabel = "FILE",
        description = "write every refused network connection to FILE as JSON lines, as it happens")
    Path violationsJson;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command and its arguments, kept exactly")
    List<String> command;

    @Override
    public Integer call() {
        boolean hasCmd = command != null && !command.isEmpty();
        if (shell != null && hasCmd) throw new CommandLine.ParameterException(spec.commandLine(), "give either -c STRING or a command, not both");
        if (shell == null && !hasCmd) throw new CommandLine.ParameterException(spec.commandLine(), "missing command (srt run -- COMMAND [ARGS...])");
        dev.srt.runner.Timing.mark("parsed options");
        return run(policy, shell, debug, command, violationsJson);
    }

    static int run(Path policy, String shell, boolean debug, List<String> command, Path violationsJson) {
        LoadedPolicy lp;
        try {
            lp = PolicySource.load(policy);
        } catch (SrtException e) {
            System.err.println("srt: " + e.getMessage());
            return e.status();
        }
        dev.srt.runner.Timing.mark("policy loaded");
        List<String> cmd = shell != null ? List.of("/bin/sh", "-c", shell) : command;
        return Runner.run(lp, cmd, debug, violationsJson, System.err);
    }

    /** Options end at the command: its own options are never taken for srt's. */
    static void configure(CommandLine cl) {
        cl.setStopAtPositional(true);
    }
}
