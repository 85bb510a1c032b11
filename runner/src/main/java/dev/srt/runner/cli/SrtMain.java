package dev.srt.runner.cli;

import dev.srt.runner.SrtException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code srt}: runs a command under a policy ({@code srt run}) and checks the host ({@code srt doctor}). */
@Command(name = "srt", mixinStandardHelpOptions = true, versionProvider = SrtMain.Version.class,
    description = "Runs a program so that it can read, write and reach only what a policy grants.",
    subcommands = {RunCommand.class, DoctorCommand.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"N:the command's own status", "128+N:the command died of signal N",
        "125:srt itself failed", "126:the command cannot be run", "127:the command was not found"})
public final class SrtMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run or doctor");
    }

    public static void main(String[] args) {
        dev.srt.runner.Timing.mark("main");
        if (args.length > 0 && args[0].equals("run")) {
            // vfork(2) rather than JDK 17's default posix_spawn of jspawnhelper, which execs twice:
            // about 0.65 ms less per process srt starts (bwrap, and two relays with network).
            // Linux only (the JDK refuses it elsewhere); read when ProcessImpl initialises, below.
            if (System.getProperty("os.name", "").equals("Linux") && System.getProperty("jdk.lang.Process.launchMechanism") == null) {
                System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
            }
            dev.srt.runner.linux.StartupWarmer.start();
            dev.srt.runner.linux.Signals.install();
        }
        int status = execute(args);
        dev.srt.runner.Timing.mark("exit");
        System.exit(status);
    }

    public static int execute(String... args) {
        try {
            java.util.Optional<FastRunArgs.Request> fast = FastRunArgs.parse(args);
            if (fast.isPresent()) {
                FastRunArgs.Request r = fast.get();
                return RunCommand.run(r.policy(), r.shell(), r.debug(), r.command(), r.violationsJson());
            }
        } catch (java.nio.file.InvalidPathException e) {
            System.err.println("srt: " + dev.srt.cli.SrtcMain.unusablePath(e));
            return SrtException.FAILED;
        }
        CommandLine cl = new CommandLine(new SrtMain());
        RunCommand.configure(cl.getSubcommands().get("run"));
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("srt: " + ex.getMessage());
            System.err.println("Try 'srt " + (ex.getCommandLine().getCommandName().equals("srt") ? "" : ex.getCommandLine().getCommandName() + " ")
                + "--help'.");
            return SrtException.FAILED;
        });
        cl.setExecutionExceptionHandler((ex, c, r) -> {
            if (ex instanceof java.nio.file.InvalidPathException) {
                System.err.println("srt: " + dev.srt.cli.SrtcMain.unusablePath((java.nio.file.InvalidPathException) ex));
                return SrtException.FAILED;
            }
            System.err.println("srt: internal error: " + ex);
            return SrtException.FAILED;
        });
        return cl.execute(args);
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = SrtMain.class.getResourceAsStream("/dev/srt/version.properties")) {
                if (in != null) p.load(in);
            } catch (IOException e) {
                // unknown
            }
            return new String[] {"srt " + p.getProperty("version", "unknown")};
        }
    }
}
